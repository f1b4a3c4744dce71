import re
from datetime import date
from decimal import Decimal

import pytest

from offers.composition import Block, OfferFields, blocks, compose
from offers.enums import ContractType, PayUnit, PhysicalDemand, PublicTransport, SchedulePattern

BAKERY = OfferFields(
    job="Vendeur / Vendeuse en boulangerie-pâtisserie",
    company="Boulangeries du Val de Loire",
    commune="Trélazé",
    tasks="accueillir la clientèle\n- tenir la caisse\n\n",
    skills="Le sens du contact",
    schedule_patterns=(SchedulePattern.DAY, SchedulePattern.WEEKEND),
    hours_per_week=35,
    physical_demands=(PhysicalDemand.STANDING,),
    public_transport=PublicTransport.YES,
    contract_type=ContractType.CDD,
    duration_months=6,
    start_date=date(2027, 1, 1),
    positions=2,
    pay_min=Decimal("1801.80"),
    pay_max=Decimal("1900"),
    open_to_beginners=True,
    training_provided=True,
    open_to_iae=True,
    immersion_possible=True,
)


def test_it_composes_a_title_and_the_sections_from_the_fields():
    composed = compose(BAKERY, today=date(2026, 11, 1))
    assert composed.title == "Vendeur / Vendeuse en boulangerie-pâtisserie en CDD à Trélazé"
    assert composed.text.startswith(
        "Boulangeries du Val de Loire recrute 2 personnes pour le poste de vendeur / vendeuse"
    )
    for heading in (
        "Vos missions\n- Accueillir la clientèle\n- Tenir la caisse",
        "Ce que nous offrons\n- Un CDD de 6 mois.",
        "- Salaire de 1\u202f801,80 € à 1\u202f900 € brut par mois.",
        "- Début du contrat le 1er janvier 2027.",
        "Horaires et conditions\n- 35 heures par semaine, en journée et le week-end.",
        "- Le poste demande de rester debout longtemps.",
        "- Pas besoin de permis ni de voiture.",
        "Accessible sans expérience",
        "Ouvert aux parcours d'insertion",
    ):
        assert heading in composed.text


@pytest.mark.parametrize("contract", ContractType.values)
def test_it_never_leaves_a_raw_code_whatever_the_choices(contract):
    fields = OfferFields(
        job="Cariste",
        company="Scierie",
        commune="Laguiole",
        tasks="Charger",
        schedule_patterns=tuple(SchedulePattern.values),
        physical_demands=tuple(PhysicalDemand.values),
        public_transport=PublicTransport.PARTIAL,
        contract_type=contract,
        pay_min=Decimal("11.88"),
        pay_unit=PayUnit.HOURLY,
        vehicle_required=True,
    )
    composed = compose(fields)
    # « 2x8 » and « 3x8 » are the French words for those shifts, not codes.
    schedules = ["day", "night", "weekend", "split"]
    codes = [*PhysicalDemand.values, *schedules, "partial", "hourly", contract]
    words = set(re.findall(r"[\w]+", composed.text + " " + composed.title))
    leaked = [c for c in codes if c in words and c not in ("CDI", "CDD", "CDDI")]
    assert not leaked
    assert "Permis B et véhicule personnel indispensables." in composed.text
    assert "11,88 € brut de l'heure" in composed.text


def test_it_speaks_to_everyone():
    text = compose(BAKERY).text
    assert "formé·e et accompagné·e" in text and "accompagné·e par une structure" in text
    single = compose(OfferFields(job="Cariste", company="Scierie", commune="Laguiole"))
    assert "recrute une personne pour le poste de cariste à Laguiole." in single.text


def test_a_permanent_contract_has_no_duration_and_a_past_start_means_now():
    fields = OfferFields(
        job="Cariste",
        company="Scierie",
        commune="Laguiole",
        contract_type=ContractType.CDI,
        duration_months=6,
        start_date=date(2026, 1, 1),
    )
    text = compose(fields, today=date(2026, 6, 1)).text
    assert "- Un CDI." in text and "dès que possible" in text


def test_it_reads_a_text_back_into_headings_lists_and_paragraphs():
    read = blocks("Intro libre.\n\nVos missions\n- Servir\n- Encaisser\n\n- Sans titre")
    assert read == [
        Block(paragraph="Intro libre."),
        Block(heading="Vos missions", items=("Servir", "Encaisser")),
        Block(items=("Sans titre",)),
    ]


def test_it_says_when_the_job_asks_for_written_french():
    without = compose(BAKERY, today=date(2026, 11, 1)).text
    assert "lire et d'écrire le français" not in without
    secretary = OfferFields(**{**BAKERY.__dict__, "written_french_required": True})
    assert (
        "- Le poste demande de lire et d'écrire le français."
        in compose(secretary, today=date(2026, 11, 1)).text
    )


def test_it_promises_training_only_when_the_employer_says_so():
    from dataclasses import replace

    promise = "formé·e et accompagné·e"
    beginners = replace(BAKERY, training_provided=False)
    assert promise not in compose(beginners).text
    assert "Vous débutez ? Ce poste vous est ouvert." in compose(beginners).text
    neither = replace(BAKERY, training_provided=False, open_to_beginners=False)
    assert promise not in compose(neither).text
    trained = replace(BAKERY, open_to_beginners=False)
    assert "Formation à l'arrivée\n- Vous serez formé·e et accompagné·e" in compose(trained).text


def test_it_elides_and_contracts_articles():
    agent = OfferFields(job="Agent / Agente de quai", company="Logis", commune="Le Mans")
    composed = compose(agent)
    assert "pour le poste d'agent / agente de quai au Mans." in composed.text
    assert composed.title == "Agent / Agente de quai au Mans"
    tall = OfferFields(job="Haut-fourniste", company="Aciérie", commune="Les Ponts-de-Cé")
    assert "pour le poste de haut-fourniste aux Ponts-de-Cé." in compose(tall).text
    host = OfferFields(job="Hôte / Hôtesse de caisse", company="Super U", commune="La Flèche")
    assert "pour le poste d'hôte / hôtesse de caisse à La Flèche." in compose(host).text
    spa = OfferFields(job="SPA Praticien / Praticienne", company="Thermes", commune="Vals")
    assert "pour le poste de SPA praticien / praticienne à Vals." in compose(spa).text


# Jobs of the referential whose h is « aspiré »: « de » stays whole before them.
H_ASPIRE_IN_REFERENTIAL = {"haut", "hautboiste", "hockeyeur", "harpiste"}
_VOWELS = "aeiouéèêëàâîïôûœ"
_ARTICLE_BEFORE = re.compile(r"\b(de|le|la|du) (\w[\w-]*)", re.IGNORECASE)
_ELIDED_H = re.compile(r"\b(d|l)'(h[\w-]*)", re.IGNORECASE)


def _appellation_names() -> list[str]:
    import csv

    from reference.loading import DEFAULT_DATA_DIR

    with open(DEFAULT_DATA_DIR / "appellations.csv", encoding="utf-8") as f:
        return [row["name"] for row in csv.DictReader(f)]


def test_every_appellation_of_the_referential_reads_right_in_the_text():
    """No « de » nor « le » before a vowel or a mute h, no « d' » before an h aspiré, in
    the text composed for each of the ROME appellations (and for the communes with an
    article), beyond what the referential itself writes."""
    from lib.text import normalize

    names = _appellation_names()
    assert len(names) > 10_000
    faults = []
    for name, commune in zip(names, ["Le Mans", "Les Ulis", "Angers"] * len(names), strict=False):
        composed = compose(
            OfferFields(job=name, company="Entreprise", commune=commune, open_to_beginners=True)
        )
        sentence = composed.text.split("\n")[0]
        own = {m.group(0).lower() for m in _ARTICLE_BEFORE.finditer(name)}
        for match in _ARTICLE_BEFORE.finditer(sentence + " " + composed.title):
            word = normalize(match.group(2))
            if match.group(0).lower() in own:
                continue
            vowel_sound = (
                word[:1] in _VOWELS
                or (word[:1] == "y" and word[1:2] not in "aeiou")
                or (word[:1] == "h" and word.split(" ")[0] not in H_ASPIRE_IN_REFERENTIAL)
            )
            if vowel_sound:
                faults.append((name, match.group(0)))
        for match in _ELIDED_H.finditer(sentence):
            if normalize(match.group(2)).split(" ")[0] in H_ASPIRE_IN_REFERENTIAL:
                faults.append((name, match.group(0)))
        assert " à Le " not in composed.text and " à Les " not in composed.title
    assert faults == []
