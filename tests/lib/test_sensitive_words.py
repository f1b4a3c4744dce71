import pytest
from hypothesis import given
from hypothesis import strategies as st
from unidecode import unidecode

from lib.sensitive_words import (
    BENEFITS,
    DISABILITY,
    FAMILY,
    HEALTH,
    HOUSING,
    JUSTICE,
    explain,
    sensitive_words,
)


def _found(text):
    return [(hit.words, hit.category) for hit in sensitive_words(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Reconnue RQTH, suivie pour dépression",
            [("RQTH", DISABILITY), ("dépression", HEALTH)],
        ),
        ("Personne handicapée", [("handicapée", DISABILITY)]),
        ("Il est dépressif ; elle est dépressive", [("dépressif", HEALTH), ("dépressive", HEALTH)]),
        (
            "Sous traitement, suivi psychiatrique",
            [("traitement", HEALTH), ("psychiatrique", HEALTH)],
        ),
        ("Ancienne addiction à l'alcool", [("addiction", HEALTH), ("alcool", HEALTH)]),
        ("Maladie chronique", [("Maladie", HEALTH)]),
        ("Sortie de prison, suivie par le SPIP", [("prison", JUSTICE), ("SPIP", JUSTICE)]),
        ("Incarcérée deux ans", [("Incarcérée", JUSTICE)]),
        ("Casier judiciaire chargé", [("Casier", JUSTICE), ("judiciaire", JUSTICE)]),
        ("Deux condamnations", [("condamnations", JUSTICE)]),
        ("Au RSA depuis 2020, touche l'AAH", [("RSA", BENEFITS), ("AAH", BENEFITS)]),
        ("Bénéficiaire du R.S.A.", [("R.S.A", BENEFITS)]),
        ("Allocataire CAF, ASS", [("Allocataire", BENEFITS), ("CAF", BENEFITS), ("ASS", BENEFITS)]),
        ("Des allocations familiales", [("allocations", BENEFITS)]),
        ("Enceinte de cinq mois", [("Enceinte", FAMILY)]),
        ("Sa grossesse", [("grossesse", FAMILY)]),
        ("Divorcée récemment", [("Divorcée", FAMILY)]),
        ("Problème de garde d'enfants", [("garde d'enfants", FAMILY)]),
        ("Un enfant malade", [("enfant malade", FAMILY)]),
        ("Victime de violences conjugales", [("violences", FAMILY), ("conjugales", FAMILY)]),
        ("Maman célibataire", [("Maman célibataire", FAMILY)]),
        # what a playtest slipped through to an employer's candidate card
        ("Elle a un suivi psy", [("psy", HEALTH)]),
        ("Maman solo de 3 enfants", [("Maman solo", FAMILY)]),
        ("Sous curatelle", [("curatelle", JUSTICE)]),
        ("Sans domicile fixe", [("Sans domicile fixe", HOUSING)]),
        ("séropositif", [("séropositif", HEALTH)]),
        ("Séropositive", [("Séropositive", HEALTH)]),
        # health
        ("Voit une psychologue au CMP", [("psychologue", HEALTH), ("CMP", HEALTH)]),
        ("Suivie au CMPP, en ALD", [("CMPP", HEALTH), ("ALD", HEALTH)]),
        ("Chimio pour un cancer", [("Chimio", HEALTH), ("cancer", HEALTH)]),
        ("Hépatite C, VIH", [("Hépatite", HEALTH), ("VIH", HEALTH)]),
        ("En arrêt maladie", [("arrêt maladie", HEALTH)]),
        ("Après un accident du travail", [("accident du travail", HEALTH)]),
        ("Dossier MDPH, orientée ESAT", [("MDPH", DISABILITY), ("ESAT", DISABILITY)]),
        ("Pension d'invalidité", [("invalidité", DISABILITY)]),
        # legal protection
        ("Placée sous tutelle", [("sous tutelle", JUSTICE)]),
        ("Sauvegarde de justice", [("Sauvegarde de justice", JUSTICE)]),
        ("Voir avec son mandataire judiciaire", [("mandataire judiciaire", JUSTICE)]),
        # housing
        ("SDF depuis un an", [("SDF", HOUSING)]),
        ("Sans-abri", [("Sans-abri", HOUSING)]),
        ("Hébergé·e en foyer", [("Hébergé·e", HOUSING)]),
        ("Vit en foyer", [("Vit en foyer", HOUSING)]),
        ("Logée au CHRS", [("CHRS", HOUSING)]),
        ("Appelle le 115 chaque soir", [("le 115", HOUSING)]),
        # family
        ("Papa solo", [("Papa solo", FAMILY)]),
        ("Parent isolé·e", [("Parent isolé·e", FAMILY)]),
        ("Mère isolée", [("Mère isolée", FAMILY)]),
        ("Famille monoparentale", [("Famille monoparentale", FAMILY)]),
        ("Seule avec 3 enfants", [("Seule avec 3 enfants", FAMILY)]),
        ("Revient de congé maternité", [("congé maternité", FAMILY)]),
        ("Un enfant handicapé", [("enfant handicapé", FAMILY)]),
        # justice
        ("Sous main de justice", [("Sous main de justice", JUSTICE)]),
        ("TIG à finir, sursis", [("TIG", JUSTICE), ("sursis", JUSTICE)]),
        ("Porte un bracelet", [("Porte un bracelet", JUSTICE)]),
        ("Détenu·e jusqu'en mai", [("Détenu·e", JUSTICE)]),
        ("Sortante de prison", [("Sortante de prison", JUSTICE)]),
        # benefits
        ("Touche l'ARE jusqu'en mars", [("l'ARE", BENEFITS)]),
        ("Prime d'activité et APL", [("Prime d'activité", BENEFITS), ("APL", BENEFITS)]),
        ("Aux minima sociaux", [("minima sociaux", BENEFITS)]),
    ],
)
def test_it_finds_the_sensitive_words_as_typed_with_their_category(text, expected):
    assert _found(text) == expected


def test_it_reports_each_word_once():
    assert _found("RQTH. Je répète : rqth") == [("RQTH", DISABILITY)]


@pytest.mark.parametrize(
    "text",
    [
        "Sérieuse, ponctuelle et souriante",
        "Expérience en traitement des commandes et en préparation de commandes",
        "Passe la visite médicale d'embauche lundi",
        "Assistante de vie, classe de CAP, serveur en café",
        "Aide-soignante à l'hôpital pendant deux ans",
        "Cariste CACES 1, 3 et 5, permis B",
        "Connaît la caisse, l'accueil, la mise en rayon",
        "Agent de maintenance des espaces verts",
        "Malgré la distance, elle vient à vélo",
        "Assurance, passion, caféine, casse-croûte",
        # job words that share a word with a sensitive phrase
        "Garde forestier l'été, agent de sécurité l'hiver",
        "Aide à domicile au foyer logement des Acacias",
        "Animatrice en foyer de jeunes, agent d'hébergement à l'hôtel",
        "Formée à la prévention des accidents du travail",
        "Entretien d'un terrain de 20 ares",
        "Sauvegarde des données, rapports au ministère de tutelle",
        "Vendeuse de bracelets et colliers",
        "Magasin au 115 rue Nationale",
        "Are you ready? Bilingue anglais",
    ],
)
def test_it_leaves_ordinary_job_texts_alone(text):
    assert sensitive_words(text) == []


ORDINARY_WORDS = [
    "motivée",
    "ponctuel",
    "souriante",
    "sérieux",
    "autonome",
    "expérience",
    "vente",
    "caisse",
    "accueil",
    "manutention",
    "cariste",
    "nettoyage",
    "entretien",
    "espaces verts",
    "maçonnerie",
    "soudure",
    "aide à domicile",
    "cuisine",
    "plonge",
    "service en salle",
    "préparation de commandes",
    "traitement des commandes",
    "logistique",
    "permis B",
    "véhicule",
    "disponible",
    "le week-end",
    "immédiatement",
    "CACES",
    "CAP",
    "bac pro",
    "bilingue",
    "anglais",
    "informatique",
    "travail en équipe",
    "rigoureuse",
    "polyvalent",
    "assistante",
    "classe",
    "passage",
    "café",
    "malgré",
    "justement",
    "ajustement",
    "garde forestier",
    "agent de sécurité",
    "foyer logement",
    "hébergement",
    "sauvegarde",
    "tutelle",
    "psychomotricienne",
    "domicile",
    "bracelets",
    "ares",
    "prévention des accidents du travail",
]


@given(st.lists(st.sampled_from(ORDINARY_WORDS), min_size=1, max_size=15))
def test_it_finds_nothing_in_any_text_of_ordinary_job_words(chosen):
    assert sensitive_words(", ".join(chosen) + ".") == []


SENSITIVE = [
    ("RQTH", DISABILITY),
    ("handicap", DISABILITY),
    ("dépression", HEALTH),
    ("maladie", HEALTH),
    ("psychiatre", HEALTH),
    ("addiction", HEALTH),
    ("alcoolique", HEALTH),
    ("prison", JUSTICE),
    ("incarcéré", JUSTICE),
    ("SPIP", JUSTICE),
    ("condamnation", JUSTICE),
    ("RSA", BENEFITS),
    ("AAH", BENEFITS),
    ("allocation", BENEFITS),
    ("CAF", BENEFITS),
    ("enceinte", FAMILY),
    ("grossesse", FAMILY),
    ("divorce", FAMILY),
    ("enfant malade", FAMILY),
    ("violences", FAMILY),
    ("psy", HEALTH),
    ("séropositive", HEALTH),
    ("CMPP", HEALTH),
    ("arrêt maladie", HEALTH),
    ("curatelle", JUSTICE),
    ("sous main de justice", JUSTICE),
    ("SDF", HOUSING),
    ("sans domicile fixe", HOUSING),
    ("sans abri", HOUSING),
    ("CHRS", HOUSING),
    ("maman solo", FAMILY),
    ("famille monoparentale", FAMILY),
    ("congé maternité", FAMILY),
    ("prime d'activité", BENEFITS),
    ("APL", BENEFITS),
]


def _recase(text: str, flips: list[bool]) -> str:
    flips = (flips + [False] * len(text))[: len(text)]
    return "".join(c.upper() if flip else c.lower() for c, flip in zip(text, flips, strict=True))


@given(
    st.sampled_from(SENSITIVE),
    st.lists(st.sampled_from(ORDINARY_WORDS), max_size=6),
    st.lists(st.sampled_from(ORDINARY_WORDS), max_size=6),
    st.lists(st.booleans(), max_size=120),
    st.booleans(),
)
def test_it_finds_a_sensitive_word_whatever_its_case_accents_and_neighbours(
    term, before, after, flips, strip_accents
):
    word, category = term
    text = " ".join([*before, word, *after])
    text = _recase(unidecode(text) if strip_accents else text, flips)
    found = sensitive_words(text)
    assert [hit.category for hit in found] == [category]
    assert unidecode(found[0].words).lower() == unidecode(word).lower()


@given(
    st.sampled_from([word for word, _ in SENSITIVE if " " not in word]),
    st.text(alphabet="bdfgjkmnpqvwxz", min_size=1, max_size=3),
)
def test_it_matches_whole_words_only(word, glue):
    assert sensitive_words(f"{glue}{word}{glue}") == []


def test_it_explains_in_french_which_words_of_which_kind():
    message = explain(sensitive_words("Reconnue RQTH, suivie pour dépression"))
    assert "handicap : « RQTH »" in message
    assert "santé : « dépression »" in message
    assert "l'employeur" in message
