"""Demo job offers through the same services the screens use: offers in every state with
the constraints of the five journeys, and one introduction the bakery can answer.

Companies come from the club of `demo/build_companies.py` when it registered them (by
account or by name); otherwise they are created here with SIRETs of their own (prefix
95…), so the two builders never collide."""

from dataclasses import dataclass, field
from datetime import timedelta
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.utils import timezone

from audit.context import SYSTEM
from companies.models import Company
from demo.territory import DEMO_EMAIL_DOMAIN
from employment.enums import BreakReason, ChangeKind, Channel, HowItGoes, Issue, Side, Step
from employment.services import (
    checkpoint_side_record,
    contract_break,
    contract_change,
    contract_from_introduction,
)
from jobs.models import Appellation
from offers import services
from offers.enums import ContractType as C
from offers.enums import DeclineReason
from offers.enums import OfferState as S
from offers.enums import PhysicalDemand as P
from offers.enums import PublicTransport as T
from offers.enums import SchedulePattern as H
from offers.models import Introduction, IntroductionTransition
from organizations.siret import with_check_digit
from persons.models import Person
from territories.models import Commune

User = get_user_model()


@dataclass(frozen=True)
class DemoOffer:
    holder: str  # organization key
    author: str  # user key
    company: str  # company name (the club's) or organization key with an account
    appellation: str
    commune: str
    tasks: str
    data: dict = field(default_factory=dict)
    states: tuple[str, ...] = (S.PUBLISHED,)
    published_days_ago: int = 5


OFFERS = [
    # Journey 5 — the mission writes the bakery's need with its manager (Sunday work).
    DemoOffer(
        "mission-trelaze",
        "sophie.mission",
        "boulangeries",
        "20560",
        "49353",
        "Accueillir et conseiller la clientèle\nMettre en valeur pains et viennoiseries\n"
        "Tenir la caisse\nVeiller à la propreté du magasin",
        {
            "address": "Place du Marché",
            "skills": "Le sens du contact\nLa ponctualité",
            "schedule_patterns": [H.DAY, H.WEEKEND],
            "hours_per_week": 35,
            "physical_demands": [P.STANDING],
            "public_transport": T.YES,
            "contract_type": C.CDI,
            "positions": 2,
            "pay_min": 1802,
            "pay_max": 1900,
            "open_to_beginners": True,
            "open_to_iae": True,
            "immersion_possible": True,
        },
    ),
    # Journey 3 — four packers on 2x8 shifts for the employer group.
    DemoOffer(
        "ge-agri",
        "ines.ge",
        "ge-agri",
        "12848",
        "49307",
        "Conditionner les fruits et légumes en barquettes et en colis\n"
        "Contrôler la qualité des produits\nÉtiqueter et palettiser",
        {
            "schedule_patterns": [H.TWO_SHIFTS],
            "hours_per_week": 35,
            "physical_demands": [P.STANDING, P.REPETITIVE, P.COLD],
            "public_transport": T.PARTIAL,
            "contract_type": C.CDD,
            "duration_months": 6,
            "positions": 4,
            "pay_min": Decimal("11.88"),
            "pay_unit": "hourly",
            "open_to_beginners": True,
            "open_to_iae": True,
            "immersion_possible": True,
        },
        published_days_ago=12,
    ),
    # Journey 1 — a forklift driver at the sawmill, written by the employment-training space.
    DemoOffer(
        "eef-aubrac",
        "nadia.eef",
        "scierie",
        "11679",
        "12119",
        "Charger et décharger les grumes et les planches\nApprovisionner la ligne de sciage\n"
        "Ranger le parc à bois",
        {
            "address": "Route de Nasbinals",
            "schedule_patterns": [H.DAY],
            "hours_per_week": 39,
            "physical_demands": [P.OUTDOOR],
            "public_transport": T.NO,
            "contract_type": C.CDI,
            "positions": 1,
            "pay_min": 1900,
            "pay_max": 2100,
            "open_to_iae": True,
            "immersion_possible": True,
        },
        published_days_ago=20,
    ),
    # Journey 4 — home help: one needs a car, the other is 4 km from Angers by bus.
    DemoOffer(
        "aide-domicile",
        "anne.domicile",
        "aide-domicile",
        "10805",
        "49267",
        "Aider les personnes âgées dans les gestes du quotidien\nPréparer les repas\n"
        "Entretenir le logement",
        {
            "schedule_patterns": [H.DAY, H.SPLIT],
            "hours_per_week": 28,
            "driving_licence_required": True,
            "vehicle_required": True,
            "public_transport": T.NO,
            "contract_type": C.CDI,
            "positions": 3,
            "pay_min": Decimal("12.10"),
            "pay_unit": "hourly",
            "open_to_beginners": True,
        },
    ),
    DemoOffer(
        "aide-domicile",
        "anne.domicile",
        "aide-domicile",
        "10805",
        "49007",
        "Accompagner les personnes âgées à domicile, dans le quartier\nPréparer les repas",
        {
            "address": "Quartier Monplaisir",
            "schedule_patterns": [H.DAY],
            "hours_per_week": 24,
            "public_transport": T.YES,
            "contract_type": C.CDD,
            "duration_months": 8,
            "positions": 1,
            "open_to_beginners": True,
            "open_to_iae": True,
        },
    ),
    # Other states: a draft, a paused one, one filled, one closed, one 55 days old
    # (the schedule sends its reminder).
    DemoOffer(
        "mission-trelaze",
        "sophie.mission",
        "Nettoyage Industriel de l'Anjou (démo)",
        "10571",
        "49353",
        "Nettoyer les bureaux et les ateliers\nVider les poubelles",
        {"schedule_patterns": [H.SPLIT], "hours_per_week": 20, "contract_type": C.CDD},
        states=(),
    ),
    DemoOffer(
        "mission-trelaze",
        "sophie.mission",
        "Restaurant Le Quai (démo)",
        "10688",
        "49007",
        "Entretenir la salle et la cuisine\nFaire la plonge",
        {"schedule_patterns": [H.SPLIT, H.WEEKEND], "contract_type": C.CDD, "duration_months": 4},
        states=(S.PUBLISHED, S.PAUSED),
    ),
    DemoOffer(
        "ei-proprete",
        "karine.ei",
        "ei-proprete",
        "10571",
        "49246",
        "Entretenir les locaux de nos clients",
        {"schedule_patterns": [H.DAY], "contract_type": C.CDDI, "duration_months": 4},
        states=(S.PUBLISHED, S.FILLED),
    ),
    DemoOffer(
        "aci-jardins",
        "camille.siae",
        "aci-jardins",
        "16068",
        "49007",
        "Entretenir les espaces verts des communes",
        {"physical_demands": [P.OUTDOOR, P.LOADS], "contract_type": C.CDDI, "duration_months": 6},
        states=(S.PUBLISHED, S.CLOSED),
    ),
    DemoOffer(
        "mission-trelaze",
        "sophie.mission",
        "Entrepôts de l'Authion (démo)",
        "17993",
        "49307",
        "Préparer les commandes avec un terminal vocal\nFilmer les palettes",
        {"schedule_patterns": [H.TWO_SHIFTS], "contract_type": C.TEMP, "duration_months": 3},
        published_days_ago=55,
    ),
]


def _user(key: str):
    return User.objects.get(email=f"{key}@{DEMO_EMAIL_DOMAIN}")


def _company(reference: str, organizations: dict, index: int, commune) -> Company:
    organization = organizations.get(reference)
    if organization is not None:
        return services.employer_company_of(organization)
    existing = Company.objects.filter(name=reference).first()
    if existing is not None:
        return existing
    company, _ = Company.objects.get_or_create(
        siret=with_check_digit(f"95{index:07d}0001"),
        defaults={"name": reference, "commune": commune, "is_demo": True},
    )
    return company


def build_offers(organizations: dict) -> int:
    now = timezone.now()
    made = {}
    for index, spec in enumerate(OFFERS, 1):
        commune = Commune.objects.get(pk=spec.commune)
        author = _user(spec.author)
        offer = services.offer_create(
            organization=organizations[spec.holder],
            user=author,
            company=_company(spec.company, organizations, index, commune),
            data={
                "appellation": Appellation.objects.get(pk=spec.appellation),
                "commune": commune,
                "tasks": spec.tasks,
                **spec.data,
            },
            is_demo=True,
        )
        moved = now - timedelta(days=spec.published_days_ago)
        for state in spec.states:
            offer = services.offer_transition(
                offer=offer,
                user=author,
                to_state=state,
                now=moved,
                filled_elsewhere=state == S.FILLED,  # nobody of the demo was introduced
            )
            moved += timedelta(days=1)
        made[index] = offer
    # Inès, met at the mission's drop-in sessions, is introduced to the bakery.
    ines = Person.objects.get(first_name="Inès", last_name="Haddad", is_demo=True)
    services.introduction_create(
        offer=made[1],
        person=ines,
        organization=organizations["mission-trelaze"],
        user=_user("sophie.mission"),
        comment="Souriante et ponctuelle ; elle a fait deux semaines de stage en boulangerie.",
        is_demo=True,
    )
    _introductions_in_every_state(made, organizations)
    return len(made)


# (person, introducing organization, its user, the offer by its place in OFFERS from 1,
# the moves after the proposal). The employer answers from the emailed link, as one
# without an account.
INTRODUCTIONS = [
    ("Jordan Lemoine", "mission-trelaze", "sophie.mission", 10, ("sent",)),
    ("Aurélie Besnard", "mission-trelaze", "sophie.mission", 10, ("sent", "seen")),
    ("Inès Morin", "mission-trelaze", "sophie.mission", 5, ("sent", "seen", "interview")),
    ("Fatou Diallo", "mission-trelaze", "sophie.mission", 5, ("sent", "seen", "hired")),
    ("Sandrine Leclerc", "ai-trelaze", "camille.siae", 4, ("sent", "seen", "hired")),
    ("Mickaël Renard", "aci-jardins", "camille.siae", 2, ("sent", "seen", "hired")),
    # Waits for the employer group's answer, first of its « À faire ».
    ("Nadège Poulain", "aci-jardins", "camille.siae", 2, ("sent",)),
    ("Samia Benyahia", "ei-proprete", "karine.ei", 5, ("sent", "declined")),
    ("Mélanie Fournier", "ai-trelaze", "camille.siae", 4, ("withdrawn",)),
    ("Yanis Ferhat", "aci-jardins", "camille.siae", 10, ("cancelled",)),
]
# Days ago each hire started (seed 003: Fatou's CDD of eight months began five months
# ago; Sandrine's CDI two months ago; Mickaël's CDD three weeks ago).
HIRED_DAYS_AGO = {"Fatou Diallo": 150, "Sandrine Leclerc": 60, "Mickaël Renard": 20}


def _introductions_in_every_state(made: dict, organizations: dict) -> None:
    """One introduction in each state of its lifecycle, made the way the pages make
    them, so each side (the structure, the prescriber, the employer) has one to read."""
    today = timezone.localdate()
    hires = {}
    for name, holder, author, index, moves in INTRODUCTIONS:
        first_name, last_name = name.split(" ", 1)
        person = Person.objects.get(first_name=first_name, last_name=last_name, is_demo=True)
        user = _user(author)
        introduction = services.introduction_create(
            offer=made[index],
            person=person,
            organization=organizations[holder],
            user=user,
            is_demo=True,
        )
        contact = f"recrutement.offre{index}@{DEMO_EMAIL_DOMAIN}"
        for move in moves:
            if move == "sent":
                services.introduction_send(introduction=introduction, user=user, email=contact)
            elif move == "seen":
                services.introduction_mark_seen(
                    introduction=introduction, actor=SYSTEM, via_link=True
                )
            elif move in ("withdrawn", "cancelled"):
                services.introduction_close(introduction=introduction, user=user, to_state=move)
            else:
                on = {
                    "interview": today + timedelta(days=7),
                    "hired": today - timedelta(days=HIRED_DAYS_AGO.get(name, 0)),
                }.get(move)
                services.introduction_answer(
                    introduction=introduction,
                    user=SYSTEM,
                    to_state=move,
                    reason=DeclineReason.SCHEDULE if move == "declined" else "",
                    on=on,
                    via_link=True,
                )
        _back_date(introduction, days=HIRED_DAYS_AGO.get(name, 0) + INTRODUCED_BEFORE_DAYS)
        if "hired" in moves:
            hires[name] = (introduction, user)
    _contracts_after_hires(hires, today)


# An introduction is made, sent and answered some days before the hire it leads to.
INTRODUCED_BEFORE_DAYS = 12


def _back_date(introduction, *, days: int) -> None:
    """The moves were made today, one after the other: spread them over the days before
    the hire (or before today), a day apart, so that no page reads « présenté·e le
    1 décembre, embauché·e le 11 novembre »."""
    introduction.refresh_from_db()
    start = timezone.now() - timedelta(days=days)
    rows = list(introduction.transitions.order_by("at", "pk"))
    for step, row in enumerate(rows):
        IntroductionTransition.objects.filter(pk=row.pk).update(at=start + timedelta(days=step))
    last = start + timedelta(days=max(len(rows) - 1, 0))
    Introduction.objects.filter(pk=introduction.pk).update(
        created_at=start,
        sent_at=start + timedelta(days=1) if introduction.sent_at else None,
        seen_at=start + timedelta(days=2) if introduction.seen_at else None,
        answered_at=last if introduction.answered_at else None,
    )


def _contracts_after_hires(hires: dict, today) -> None:
    """The follow-up after « embauché·e » (seed 003): Fatou's CDD, followed on both
    sides for five months, becomes a CDI; Sandrine's CDI runs; Mickaël's CDD ends in
    its trial period, which reopens his pathway and raises an alert to his counsellor."""
    introduction, user = hires["Fatou Diallo"]
    fatou = contract_from_introduction(introduction=introduction, user=user)
    for checkpoint in fatou.checkpoints.filter(planned_on__lt=today).order_by("planned_on"):
        later = checkpoint.step == Step.MONTH_3
        for side in checkpoint.sides.all():
            employee = side.side == Side.EMPLOYEE
            checkpoint_side_record(
                side=side,
                user=user,
                done_on=side.planned_on,
                channel=Channel.PHONE if employee else Channel.SITE_VISIT,
                how_it_goes=HowItGoes.DIFFICULT if later and employee else HowItGoes.WELL,
                issues=[Issue.SCHEDULE] if later and employee else [],
                actions="Horaires du mercredi revus avec l'employeur pour la crèche."
                if later and employee
                else "",
            )
    contract_change(
        contract=fatou,
        kind=ChangeKind.PERMANENT,
        effective_on=today - timedelta(days=10),
        user=user,
        comment="Le CDD de huit mois devient un CDI.",
    )
    introduction, user = hires["Sandrine Leclerc"]
    contract_from_introduction(introduction=introduction, user=user)
    introduction, user = hires["Mickaël Renard"]
    mickael = contract_from_introduction(introduction=introduction, user=user)
    contract_break(
        contract=mickael,
        reason=BreakReason.TRIAL_END,
        on=today - timedelta(days=3),
        user=user,
        comment="Fin de la période d'essai à l'initiative de l'employeur.",
    )
