"""The barrier referential: themes (the data·inclusion themes) and the concrete items a
counsellor notes under each, with the thématiques of the services that lift them.

Loaded into BarrierTheme / BarrierItem by a data migration (and again, idempotently, by
`load_barrier_referential` after a change here). Items describe a situation or a
restriction, never a diagnosis: « port de charges impossible », not an illness."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Theme:
    code: str  # the data·inclusion theme value
    label: str
    is_sensitive: bool = False  # health, justice, family: every read is logged


@dataclass(frozen=True)
class Item:
    code: str
    theme: str
    label: str
    lifted_by: tuple[str, ...]  # data·inclusion thématiques of the services that lift it


THEMES: tuple[Theme, ...] = (
    Theme("mobilite", "Mobilité"),
    Theme("famille", "Famille (garde d'enfants, proche dépendant)", is_sensitive=True),
    Theme("sante", "Santé", is_sensitive=True),
    Theme("logement-hebergement", "Logement et hébergement"),
    Theme("lecture-ecriture-calcul", "Langue, lecture, écriture, calcul"),
    Theme("numerique", "Numérique"),
    Theme("difficultes-financieres", "Difficultés financières"),
    Theme(
        "difficultes-administratives-ou-juridiques",
        "Difficultés administratives ou juridiques",
        is_sensitive=True,
    ),
    Theme("equipement-et-alimentation", "Équipement et alimentation"),
    Theme("remobilisation", "Confiance et remobilisation"),
)

ITEMS: tuple[Item, ...] = (
    # Mobility
    Item(
        "mobilite-sans-permis",
        "mobilite",
        "Pas de permis de conduire",
        ("mobilite--preparer-un-permis", "mobilite--financer-ma-mobilite"),
    ),
    Item(
        "mobilite-permis-suspendu",
        "mobilite",
        "Permis suspendu ou annulé",
        ("mobilite--preparer-un-permis", "mobilite--etre-accompagne-dans-son-parcours-mobilite"),
    ),
    Item(
        "mobilite-sans-vehicule",
        "mobilite",
        "Pas de véhicule",
        (
            "mobilite--acceder-a-un-vehicule",
            "mobilite--financer-ma-mobilite",
            "mobilite--entretenir-reparer-son-vehicule",
        ),
    ),
    Item(
        "mobilite-transports-en-commun",
        "mobilite",
        "Se déplace uniquement en transports en commun",
        (
            "mobilite--mobilite-douce-partagee-collective",
            "mobilite--etre-accompagne-dans-son-parcours-mobilite",
        ),
    ),
    Item(
        "mobilite-horaires-decales",
        "mobilite",
        "Pas de transport aux heures matinales ou tardives",
        ("mobilite--mobilite-douce-partagee-collective", "mobilite--acceder-a-un-vehicule"),
    ),
    # Family
    Item(
        "famille-garde-moins-3-ans",
        "famille",
        "Enfant de moins de 3 ans sans solution de garde",
        ("famille--garde-denfants",),
    ),
    Item(
        "famille-periscolaire",
        "famille",
        "Enfants scolarisés sans solution périscolaire",
        ("famille--garde-denfants", "famille--soutien-a-la-parentalite-et-a-leducation"),
    ),
    Item(
        "famille-proche-dependant",
        "famille",
        "Proche dépendant à charge",
        ("famille--prise-en-charge-personne-dependante", "famille--soutien-aidants"),
    ),
    # Health: restrictions and care, never a diagnosis
    Item(
        "sante-port-de-charges",
        "sante",
        "Restriction fonctionnelle : port de charges",
        ("sante--constituer-un-dossier-mdph-invalidite", "sante--acces-aux-soins"),
    ),
    Item(
        "sante-station-debout",
        "sante",
        "Restriction : station debout prolongée",
        ("sante--constituer-un-dossier-mdph-invalidite", "sante--acces-aux-soins"),
    ),
    Item("sante-soins-en-cours", "sante", "Soins en cours", ("sante--acces-aux-soins",)),
    # Housing
    Item(
        "logement-sans-logement",
        "logement-hebergement",
        "Sans logement",
        (
            "logement-hebergement--rechercher-une-solution-dhebergement-temporaire",
            "logement-hebergement--louer-un-logement",
        ),
    ),
    Item(
        "logement-hebergement-temporaire",
        "logement-hebergement",
        "Hébergement temporaire",
        (
            "logement-hebergement--louer-un-logement",
            "logement-hebergement--sinformer-sur-les-demarches-liees-a-lacces-au-logement",
        ),
    ),
    # Language and literacy
    Item(
        "langue-francais-a-apprendre",
        "lecture-ecriture-calcul",
        "Français à apprendre",
        ("lecture-ecriture-calcul--maitriser-le-francais",),
    ),
    Item(
        "langue-lecture-ecriture",
        "lecture-ecriture-calcul",
        "Lecture, écriture ou calcul à consolider",
        (
            "lecture-ecriture-calcul--maitriser-le-francais",
            "lecture-ecriture-calcul--maitriser-le-calcul",
        ),
    ),
    # Digital
    Item(
        "numerique-sans-equipement",
        "numerique",
        "Pas d'équipement numérique",
        ("numerique--acquerir-un-equipement", "numerique--acceder-a-une-connexion-internet"),
    ),
    Item(
        "numerique-sans-competences",
        "numerique",
        "Ne maîtrise pas les outils numériques",
        (
            "numerique--maitriser-les-fondamentaux-du-numerique",
            "numerique--acceder-a-des-services-en-ligne",
        ),
    ),
    # Finances
    Item(
        "finances-dettes",
        "difficultes-financieres",
        "Dettes",
        (
            "difficultes-financieres--situation-dendettement-surendettement",
            "difficultes-financieres--ameliorer-sa-gestion-budgetaire",
        ),
    ),
    Item(
        "finances-sans-compte-bancaire",
        "difficultes-financieres",
        "Pas de compte bancaire",
        (
            "difficultes-financieres--acquerir-une-autonomie-budgetaire",
            "difficultes-administratives-ou-juridiques--accompagnement-pour-lacces-aux-droits",
        ),
    ),
    # Administrative and legal
    Item(
        "administratif-droits-non-ouverts",
        "difficultes-administratives-ou-juridiques",
        "Droits non ouverts",
        (
            "difficultes-administratives-ou-juridiques--accompagnement-pour-lacces-aux-droits",
            "difficultes-administratives-ou-juridiques--accompagnement-aux-demarches-administratives",
        ),
    ),
    Item(
        "administratif-suivi-judiciaire",
        "difficultes-administratives-ou-juridiques",
        "Sous main de justice",
        (
            "difficultes-administratives-ou-juridiques--prendre-en-compte-une-problematique-judiciaire",
        ),
    ),
    # Equipment and food
    Item(
        "equipement-tenue-de-travail",
        "equipement-et-alimentation",
        "Pas de tenue ni de chaussures de travail",
        ("equipement-et-alimentation--habillement",),
    ),
    Item(
        "equipement-alimentation",
        "equipement-et-alimentation",
        "Difficultés à se nourrir",
        ("equipement-et-alimentation--alimentation",),
    ),
    # Confidence and remobilisation
    Item(
        "remobilisation-isolement",
        "remobilisation",
        "Isolement",
        ("remobilisation--lien-social", "remobilisation--activites-sportives-et-culturelles"),
    ),
    Item(
        "remobilisation-confiance",
        "remobilisation",
        "Perte de confiance en soi",
        ("remobilisation--bien-etre-confiance-en-soi",),
    ),
)


def load(theme_model, item_model) -> tuple[int, int]:
    """Create or update the themes and items (idempotent). Takes the model classes so the
    data migration can pass its historical models. Returns (themes, items) counts."""
    themes = {}
    for position, theme in enumerate(THEMES):
        themes[theme.code], _ = theme_model.objects.update_or_create(
            code=theme.code,
            defaults={
                "label": theme.label,
                "is_sensitive": theme.is_sensitive,
                "position": position,
            },
        )
    for position, item in enumerate(ITEMS):
        item_model.objects.update_or_create(
            code=item.code,
            defaults={
                "theme": themes[item.theme],
                "label": item.label,
                "lifted_by": list(item.lifted_by),
                "position": position,
            },
        )
    return len(THEMES), len(ITEMS)
