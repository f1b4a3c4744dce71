"""The demo's cooperation (issue 14): seed 001's working group of prescribers and SIAE
on the Angers employment area, led by the agglomeration's employment office, joined by
the solidarity garage (the partner service that answers referrals), with its
two priorities and four action sheets, its two past half-day workshops (its meetings),
the site visit and the May event in the agenda, each linked from its sheet; and seed
002's partnership between the GE Agri-Anjou and Les Jardins de la Maine, in its fourth
phase (the analysis document validated). Built through the services, by the demo
personas."""

from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.utils import timezone

from cooperation import services
from cooperation.enums import ActionStatus, PartnershipKind, Phase, SheetState, Tension
from demo.territory import ANGERS_EPCI, DEMO_EMAIL_DOMAIN
from events import services as events
from events.enums import EventKind
from territories.models import EPCI, Commune

User = get_user_model()

GROUP_ORGANIZATIONS = [
    "ft-angers",
    "ml-angers",
    "dept-49",
    "aci-jardins",
    "ai-trelaze",
    "ei-proprete",
    "etti-anjou",
    "mission-trelaze",
    # The partner service that answers referrals (mobility): its account, eric.garage,
    # finds the group among its own.
    "garage-solidaire",
]
GROUP_PEOPLE = [
    "helene.coordination",
    "julien.ft",
    "camille.siae",
    "yann.aci",
    "sophie.mission",
    "karine.ei",
    "eric.garage",
]
PRIORITIES = [
    "Améliorer les passerelles vers l'IAE : des prescriptions qui aboutissent",
    "Anticiper les fins de parcours en IAE et viser l'emploi durable",
]

# (title, priority index, lead, due in days, state, objective, problem, indicators,
#  events, [(action, owner, due in days, status)])
SHEETS = [
    (
        "Relier les référent·es IAE et les référent·es entreprises de France Travail",
        0,
        "ft-angers",
        60,
        SheetState.IN_PROGRESS,
        "Que chaque SIAE du bassin connaisse son ou sa référent·e entreprises à France "
        "Travail, et l'inverse.",
        "Des prescriptions envoyées sans connaître les postes ouverts ; des SIAE qui "
        "ignorent qui appeler pour une entreprise.",
        "Part des orientations acceptées ; délai de réponse aux orientations.",
        "",
        [
            ("Réunion trimestrielle des référent·es", "ft-angers", -20, ActionStatus.DONE),
            ("Annuaire partagé des référent·es", "aci-jardins", 30, ActionStatus.DOING),
        ],
    ),
    (
        "Des offres de SIAE détaillées, publiées seulement pendant le recrutement",
        0,
        "ai-trelaze",
        90,
        SheetState.TO_LAUNCH,
        "Des offres de SIAE qui décrivent le poste, les horaires et l'accompagnement, "
        "visibles seulement tant que la structure recrute.",
        "Des offres permanentes et vagues découragent les prescripteurs.",
        "Nombre d'offres de SIAE publiées ; part des orientations sur une offre.",
        "",
        [
            ("Modèle commun de fiche de poste", "ai-trelaze", 45, ActionStatus.TODO),
            ("Relecture croisée par un·e prescripteur·rice", "ml-angers", 75, ActionStatus.TODO),
        ],
    ),
    (
        "Visites de chantier pour les agents prescripteurs",
        0,
        "aci-jardins",
        20,
        SheetState.IN_PROGRESS,
        "Faire découvrir les chantiers et leurs métiers aux conseiller·es qui orientent.",
        "Les prescripteurs connaissent mal les postes et l'accompagnement des SIAE.",
        "Nombre d'agents venus ; orientations vers les structures visitées.",
        "",
        [
            ("Choisir les dates avec les SIAE", "aci-jardins", -30, ActionStatus.DONE),
            (
                "Inviter les conseiller·es France Travail et Cap emploi",
                "ft-angers",
                -10,
                ActionStatus.DONE,
            ),
        ],
    ),
    (
        "Journée « cas d'école » en mai avec employeurs, salarié·es et prescripteurs",
        1,
        "ft-angers",
        150,
        SheetState.TO_LAUNCH,
        "Une journée d'intelligence collective pour tous les acteurs du bassin : tester, "
        "oser, puis débriefer ce qui a fonctionné.",
        "Les premiers concernés ne sont pas autour de la table : employeurs, salarié·es "
        "en parcours, nouveaux prescripteurs.",
        "Participant·es par catégorie ; pistes retenues ; mises en relation qui suivent.",
        "Coorganisé par France Travail, la Mission locale et les SIAE : chacun mobilise "
        "son réseau (nouveaux prescripteurs, salarié·es en transition, entreprises).",
        [
            (
                "Recueillir les besoins des managers de proximité",
                "mission-trelaze",
                60,
                ActionStatus.TODO,
            ),
            ("Rassembler des « belles histoires »", "ai-trelaze", 90, ActionStatus.TODO),
        ],
    ),
]

PARTNERSHIP_PHASES = [
    (
        Phase.COLLABORATIONS,
        130,
        "Une collaboration passée avec un ACI du Saumurois ; aucune en cours.",
    ),
    (
        Phase.TENSIONS,
        100,
        "Recrutement difficile de conditionneurs en 2x8 ; groupement peu connu des "
        "candidat·es ; crainte d'un manque d'autonomie.",
    ),
    (
        Phase.ANALYSIS_VALIDATED,
        70,
        "Document d'analyse validé par la direction du groupement et la structure.",
    ),
]


def _user(key: str):
    return User.objects.get(email=f"{key}@{DEMO_EMAIL_DOMAIN}")


def _at(day: date, hour: int):
    return timezone.make_aware(datetime.combine(day, time(hour)))


def _event(user, organization, kind, title, day, hours, co_organizers=(), **place):
    return events.event_create(
        user=user,
        organization=organization,
        kind=kind,
        title=title,
        starts_at=_at(day, hours[0]),
        ends_at=_at(day, hours[1]),
        co_organizers=co_organizers,
        for_professionals=True,
        is_demo=True,
        **place,
    )


def _agenda(organizations: dict, today: date) -> dict:
    """The group's two workshops (past), the site visit and the May event."""
    angers = Commune.objects.get(pk="49007")
    helene, yann, julien = (_user(k) for k in ("helene.coordination", "yann.aci", "julien.ft"))
    members = [organizations[k] for k in ("ft-angers", "aci-jardins", "ai-trelaze")]
    workshops = [
        _event(
            helene,
            organizations["alm-emploi"],
            EventKind.COLLECTIVE_DAY,
            f"Groupe de travail prescripteurs et SIAE : atelier {number} (démo)",
            today - timedelta(days=days),
            (9, 13),
            members,
            commune=angers,
            address="Les Jardins de la Maine, 27 chemin de la Baumette",
        )
        for number, days in ((1, 70), (2, 49))
    ]
    visit = _event(
        yann,
        organizations["aci-jardins"],
        EventKind.SITE_VISIT,
        "Visite de chantier des Jardins de la Maine pour les prescripteurs (démo)",
        today + timedelta(days=20),
        (14, 16),
        [organizations["ft-angers"]],
        commune=angers,
        address="27 chemin de la Baumette",
        capacity=15,
    )
    may = date(today.year + (today.month >= 5), 5, 21)
    day = _event(
        julien,
        organizations["ft-angers"],
        EventKind.COLLECTIVE_DAY,
        "Journée « cas d'école » du bassin d'Angers (démo)",
        may,
        (9, 17),
        [organizations[k] for k in ("aci-jardins", "ai-trelaze", "ml-angers")],
        commune=angers,
        address="Salle des Greniers Saint-Jean",
        capacity=80,
    )
    return {"workshops": workshops, "visit": visit, "may": day}


def build_cooperation(organizations: dict) -> None:
    today = timezone.localdate()
    helene = _user("helene.coordination")
    agenda = _agenda(organizations, today)
    linked = {"Visites de chantier": agenda["visit"], "Journée « cas d'école »": agenda["may"]}
    group = services.group_create(
        user=helene,
        lead_organization=organizations["alm-emploi"],
        name="Alliance prescripteurs et SIAE du bassin d'Angers (démo)",
        description="Prescripteurs et permanents de SIAE du bassin d'emploi d'Angers : des "
        "orientations qui aboutissent et des fins de parcours préparées vers l'emploi "
        "durable. Deux demi-journées de travail en septembre et octobre, un événement en mai.",
        epci=EPCI.objects.get(pk=ANGERS_EPCI),
        organizations=[organizations[key] for key in GROUP_ORGANIZATIONS],
        members=[_user(key) for key in GROUP_PEOPLE],
        priorities=PRIORITIES,
        meetings=agenda["workshops"],
        is_demo=True,
    )
    priorities = list(group.priorities.all())
    for title, rank, lead, due, state, objective, problem, indicators, words, actions in SHEETS:
        sheet = services.sheet_create(
            group=group,
            user=helene,
            title=title,
            objective=objective,
            problem=problem,
            expected_indicators=indicators,
            lead_organization=organizations[lead],
            priority=priorities[rank],
            due_on=today + timedelta(days=due),
            events_text=words,
            events=[e for start, e in linked.items() if title.startswith(start)],
        )
        for action, owner, action_due, status in actions:
            row = services.sheet_action_add(
                sheet=sheet,
                user=helene,
                title=action,
                owner_organization=organizations[owner],
                due_on=today + timedelta(days=action_due),
            )
            services.sheet_action_set_status(action=row, user=helene, status=status)
        if state != SheetState.TO_LAUNCH:
            services.sheet_move(sheet=sheet, user=helene, to_state=state)
    _partnership(organizations, today)


def _partnership(organizations: dict, today) -> None:
    ines, yann = _user("ines.ge"), _user("yann.aci")
    partnership = services.partnership_create(
        user=ines,
        organization=organizations["ge-agri"],
        kind=PartnershipKind.EMPLOYER_GROUP,
        employer=organizations["ge-agri"],
        structure=organizations["aci-jardins"],
        facilitator=organizations["alm-emploi"],
        employer_contact=ines,
        structure_contact=yann,
        started_on=today - timedelta(days=150),
        days_committed=Decimal(3),
        notes="Rencontre avec l'animatrice : intérêt du groupement pour de nouveaux profils.",
        is_demo=True,
    )
    for phase, days, notes in PARTNERSHIP_PHASES:
        services.partnership_advance(
            partnership=partnership,
            user=ines if phase != Phase.TENSIONS else yann,
            to_phase=phase,
            on=today - timedelta(days=days),
            notes=notes,
        )
    services.partnership_update(
        partnership=partnership,
        user=ines,
        data={
            "days_used": Decimal(2),
            "tensions": [Tension.RECRUITMENT, Tension.IMAGE, Tension.SCHEDULES],
            "tensions_notes": "Des postes en 2x8 peu compatibles avec la garde d'enfants ; "
            "un groupement que les candidat·es ne connaissent pas.",
        },
    )
