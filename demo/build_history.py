"""A year of history for « Résultats »: synthetic people who came to the demo's
accompanying structures month after month over the last 12 months, so that every chart
of their dashboards and of both demo territories has a shape. Each goes through the
services the screens use, dated as it happened: the pathway opened (some after a
prescriber's referral, answered a few days later), a barrier identified and, for some,
lifted; introductions to the demo offers, interviews and hires; contracts of every kind;
exits of every category, and the check 6 months after them. Every month some referrals
are refused, each with its reason.

Deterministic (no randomness: who does what follows from the month and the structure)
and small: one person per structure and month, so that a territory's monthly figures
under 5 people read « moins de 5 » (the rural one has two structures). Every object is marked
`is_demo` where its model has the flag.

Runs last: the people, companies, offers and referrals of the stories exist."""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.contrib.auth import get_user_model
from django.utils import timezone

from access import ledger
from audit.context import SYSTEM
from barriers.enums import BarrierStatus
from barriers.models import BarrierItem, PersonBarrier
from barriers.services import barrier_change_status, barrier_identify
from demo.territory import DEMO_EMAIL_DOMAIN
from employment import services as employment
from employment.enums import Channel, ContractType
from exits import services as exits
from exits.enums import Situation
from lib.calendar_months import add_months
from lib.text import normalize
from offers.enums import DeclineReason, IntroductionState, OfferState
from offers.models import Introduction, IntroductionTransition, JobOffer
from offers.services import introduction_answer, introduction_create, introduction_send
from pathways import services as pathways
from pathways.enums import EntryChannel, ExitReason, PathwayKind, PathwayState
from pathways.models import Pathway
from persons.services import person_create
from referrals import services as referrals
from referrals.enums import ReferralState, RefusalReason
from territories.models import Commune

User = get_user_model()

MONTHS = 12


@dataclass(frozen=True)
class Structure:
    key: str  # organization key (demo.territory)
    kind: str  # pathway kind
    prescriber: str  # who refers people to it
    communes: tuple[str, ...]  # where its people live (INSEE codes)


ANGERS = ("49007", "49353", "49246", "49307", "49267")
AUBRAC = ("12164", "12209", "12096", "12119")
STRUCTURES = (
    Structure("aci-jardins", PathwayKind.IAE, "ft-angers", ANGERS),
    Structure("ai-trelaze", PathwayKind.IAE, "ft-angers", ANGERS),
    Structure("ei-proprete", PathwayKind.IAE, "dept-49", ANGERS),
    Structure("etti-anjou", PathwayKind.IAE, "ml-angers", ANGERS),
    Structure("mission-trelaze", PathwayKind.SUPPORT, "ft-angers", ANGERS),
    Structure("eef-aubrac", PathwayKind.SUPPORT, "ft-espalion", AUBRAC),
    Structure("aci-aubrac", PathwayKind.IAE, "ft-espalion", AUBRAC),
)
FIRST_NAMES = (
    "Adèle", "Bastien", "Céline", "Dylan", "Élodie", "Fabien", "Gaëlle", "Hervé", "Inès",
    "Jordan", "Laëtitia", "Mickaël", "Noémie", "Olivier", "Pauline", "Quentin", "Rose",
    "Samir", "Tiphaine", "Valentin", "Yasmine", "Zacharie", "Amandine", "Bruno",
)  # fmt: skip
LAST_NAMES = (
    "Aubineau", "Bréhier", "Cottereau", "Delanoue", "Esnault", "Foucher", "Gohier",
    "Hardouin", "Jamin", "Lebreton", "Maugars", "Nicolleau", "Oger", "Pineau", "Richou",
    "Sauvêtre", "Tessier", "Usureau", "Vaillant", "Yvon", "Chauvat", "Ménard", "Priou",
)  # fmt: skip
BARRIERS = (
    "mobilite-sans-vehicule",
    "numerique-sans-competences",
    "remobilisation-isolement",
    "famille-periscolaire",
    "logement-hebergement-temporaire",
    "finances-sans-compte-bancaire",
    "langue-francais-a-apprendre",
)
# (contract type, months or None for open-ended): the exit each gives, durable or not.
CONTRACTS = (
    (ContractType.CDI, None),
    (ContractType.CDD, 8),
    (ContractType.TEMP, 3),
    (ContractType.CDD, 4),
    (ContractType.PRO, 12),
)
WALK_INS = (EntryChannel.WALK_IN, EntryChannel.OUTREACH, EntryChannel.SELF_REFERRAL)
REFUSALS = (
    RefusalReason.NO_POSITION,
    RefusalReason.SCHEDULE,
    RefusalReason.TOO_FAR,
    RefusalReason.UNREACHABLE,
    RefusalReason.DECLINED,
)
DECLINES = (DeclineReason.POSITION_FILLED, DeclineReason.SKILLS, DeclineReason.SCHEDULE)
OTHER_EXITS = (ExitReason.TRAINING, ExitReason.JOB_SEEKING, ExitReason.MOVED_AWAY)
SITUATIONS = (
    Situation.SAME_EMPLOYER,
    Situation.OTHER_EMPLOYER,
    Situation.TRAINING,
    Situation.JOB_SEEKING,
)


def _user(key: str):
    return User.objects.get(email=f"{key}@{DEMO_EMAIL_DOMAIN}")


def _at(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(10)))


class _History:
    def __init__(self, organizations: dict):
        self.orgs = organizations
        self.today = timezone.localdate()
        self.rank = 0
        self.refused = {}
        self.communes = {c.pk: c for c in Commune.objects.filter(pk__in=ANGERS + AUBRAC)}
        self.items = {i.code: i for i in BarrierItem.objects.filter(code__in=BARRIERS)}
        self.offers = {}
        for offer in JobOffer.objects.filter(is_demo=True, state=OfferState.PUBLISHED).order_by(
            "pk"
        ):
            epci = offer.company.commune.epci_id if offer.company.commune else None
            self.offers.setdefault(epci, []).append(offer)

    def person(self, structure: Structure, holder_key: str, user):
        rank = self.rank
        self.rank += 1
        first = FIRST_NAMES[rank % len(FIRST_NAMES)]
        last = LAST_NAMES[(rank // len(FIRST_NAMES) + rank) % len(LAST_NAMES)]
        slug = normalize(f"{first}.{last}.{rank}").replace(" ", "-")
        return person_create(
            organization=self.orgs[holder_key],
            user=user,
            is_demo=True,
            data={
                "first_name": first,
                "last_name": last,
                "birth_date": date(self.today.year - 20 - rank % 35, 1 + rank % 12, 10),
                "email": f"{slug}@personne.{DEMO_EMAIL_DOMAIN}",
                "commune": self.communes[structure.communes[rank % len(structure.communes)]],
            },
        )

    def tell(self) -> int:
        people = 0
        for months_ago in range(MONTHS, 0, -1):
            first_day = add_months(self.today.replace(day=1), -months_ago)
            for index, structure in enumerate(STRUCTURES):
                started = first_day + timedelta(days=4 + 3 * index)
                self.arrival(structure, months_ago, started)
                people += 1
                if (months_ago + index) % 3 == 0:
                    people += self.refusal(structure, months_ago, first_day + timedelta(days=9))
        return people

    def refusal(self, structure: Structure, months_ago: int, sent: date) -> int:
        """A referral the structure refuses, with its reason; the prescriber refers the
        same person again a few months later (the previous referral is answered). The
        number of people added."""
        prescriber = _user(f"direction.{structure.prescriber}")
        person = self.refused.get(structure.key)
        added = person is None
        if added:
            person = self.refused[structure.key] = self.person(
                structure, structure.prescriber, prescriber
            )
        referral = referrals.referral_create(
            person=person,
            to_organization=self.orgs[structure.key],
            motivation="Recherche un emploi près de chez elle ou lui, à temps plein.",
            from_organization=self.orgs[structure.prescriber],
            from_user=prescriber,
            send=False,
            is_demo=True,
        )
        self.sent(referral, prescriber, _at(sent))
        referrals.referral_refuse(
            referral=referral,
            user=_user(f"direction.{structure.key}"),
            reason=REFUSALS[(months_ago + len(structure.key)) % len(REFUSALS)],
            now=_at(sent + timedelta(days=3 + months_ago % 5)),
        )
        return int(added)

    def arrival(self, structure: Structure, months_ago: int, started: date) -> None:
        """One person a month: referred every other month (else a walk-in, an outreach or
        an application), introduced to an offer; in even months hired (a contract, then
        the exit it gives once 4 months have passed), in odd months not retained, and
        leaving for a training, a job search or a move after 5 months."""
        user = _user(f"direction.{structure.key}")
        holder = self.orgs[structure.key]
        if months_ago % 2 == 1:
            pathway = self.referred(structure, user, started)
        else:
            person = self.person(structure, structure.key, user)
            pathway = pathways.pathway_open(
                person=person,
                organization=holder,
                kind=structure.kind,
                referent=user,
                user=user,
                entry_channel=WALK_INS[(months_ago // 2) % len(WALK_INS)],
                started_on=started,
                is_demo=True,
            )
        person = pathway.person
        item = self.items[BARRIERS[(self.rank + months_ago) % len(BARRIERS)]]
        barrier = barrier_identify(
            person=person, item=item, user=user, organization=holder, identified_on=started
        )
        if months_ago >= 3:
            barrier_change_status(
                barrier=barrier, to_status=BarrierStatus.LIFTED, user=user, organization=holder
            )
            PersonBarrier.objects.filter(pk=barrier.pk).update(
                lifted_on=started + timedelta(days=30 + 7 * (months_ago % 4))
            )
        pathways.pathway_transition(pathway=pathway, to_state=PathwayState.DIAGNOSIS, user=user)
        if months_ago < 2:
            return
        pathways.pathway_transition(pathway=pathway, to_state=PathwayState.ACTIVE, user=user)
        if months_ago % 2 == 0:
            self.hired(structure, months_ago, pathway, user, started)
            return
        self.introduced(structure, pathway, user, started, hired=False)
        if months_ago >= 5:
            employment.pathway_close(
                pathway=pathway,
                user=user,
                exit_reason=OTHER_EXITS[months_ago % len(OTHER_EXITS)],
                on=started + timedelta(days=75),
            )
            self.checked(pathway, user, months_ago)

    def referred(self, structure: Structure, user, started: date) -> Pathway:
        """Referred by the prescriber a week before, accepted the day the pathway opens."""
        prescriber = _user(f"direction.{structure.prescriber}")
        person = self.person(structure, structure.prescriber, prescriber)
        referral = referrals.referral_create(
            person=person,
            to_organization=self.orgs[structure.key],
            motivation="Souhaite reprendre un emploi ; disponible tout de suite.",
            from_organization=self.orgs[structure.prescriber],
            from_user=prescriber,
            send=False,
            is_demo=True,
        )
        self.sent(referral, prescriber, _at(started - timedelta(days=7)))
        referral = referrals.referral_accept(
            referral=referral, user=user, kind=structure.kind, now=_at(started)
        )
        # History: the pathway opened the day the referral was accepted, not today.
        Pathway.objects.filter(pk=referral.pathway_id).update(started_on=started)
        ledger.refresh([person.pk])
        return Pathway.objects.get(pk=referral.pathway_id)

    def sent(self, referral, prescriber, at: datetime) -> None:
        referrals.referral_send(referral=referral, user=prescriber, now=at)
        # Written the day it was sent, not the day the demo is loaded: the history would
        # otherwise end on « Brouillon ».
        referral.transitions.filter(to_state=ReferralState.DRAFT).update(at=at)

    def offer_for(self, structure: Structure, index: int):
        epci = self.orgs[structure.key].commune.epci_id
        offers = self.offers.get(epci) or [o for group in self.offers.values() for o in group]
        return offers[index % len(offers)] if offers else None

    def introduced(self, structure, pathway, user, started: date, *, hired: bool):
        """Introduced to an offer two weeks in, an interview ten days later, then the hire
        a fortnight after, or a refusal with its reason: each move dated as it happened."""
        offer = self.offer_for(structure, self.rank)
        if offer is None:
            return None
        holder = self.orgs[structure.key]
        introduction = introduction_create(
            offer=offer, person=pathway.person, organization=holder, user=user, is_demo=True
        )
        sent = started + timedelta(days=14)
        introduction_send(
            introduction=introduction,
            user=user,
            email=f"recrutement@entreprise.{DEMO_EMAIL_DOMAIN}",
            now=_at(sent),
        )
        moves = [(IntroductionState.INTERVIEW, sent + timedelta(days=10), "")]
        if hired:
            moves.append((IntroductionState.HIRED, sent + timedelta(days=24), ""))
        else:
            # Answered too: nothing of the history waits in the employers' « À faire ».
            reason = DECLINES[self.rank % len(DECLINES)]
            moves.append((IntroductionState.DECLINED, sent + timedelta(days=14), reason))
        for to_state, on, reason in moves:
            # The employer's answer, given by phone: demo data, recorded as the system.
            introduction = introduction_answer(
                introduction=introduction, user=SYSTEM, to_state=to_state, on=on, reason=reason
            )
            IntroductionTransition.objects.filter(
                introduction=introduction, to_state=to_state
            ).update(at=_at(on))
        # Answered then, not today: the structure's « À traiter » lists the last 14 days'.
        Introduction.objects.filter(pk=introduction.pk).update(answered_at=_at(on))
        introduction.refresh_from_db()
        return introduction

    def hired(self, structure, months_ago: int, pathway, user, started: date) -> None:
        introduction = self.introduced(structure, pathway, user, started, hired=True)
        contract_type, months = CONTRACTS[(months_ago + len(structure.key)) % len(CONTRACTS)]
        start = started + timedelta(days=38)
        end = add_months(start, months) - timedelta(days=1) if months else None
        company = introduction.offer.company if introduction else None
        if company is None:
            return
        employment.contract_create(
            pathway=pathway,
            user=user,
            contract_type=contract_type,
            start_date=start,
            end_date=end,
            hours_per_week=35 if months_ago % 3 else 24,
            company=company,
            is_iae=False,
            offer=introduction.offer,
            introduction=introduction,
        )
        if months_ago >= 4:
            employment.pathway_close(pathway=pathway, user=user, on=start)
            self.checked(pathway, user, months_ago)

    def checked(self, pathway, user, months_ago: int) -> None:
        """The check 6 months after the exit, recorded the day it was due once that day
        has passed."""
        check = pathway.post_exit_checks.order_by("due_on").first()
        if check is None or check.due_on >= self.today:
            return
        exits.check_record(
            check=check,
            user=user,
            done_on=check.due_on,
            situation=SITUATIONS[months_ago % len(SITUATIONS)],
            channel=Channel.PHONE,
        )


def build_history(organizations: dict) -> int:
    """The number of people added."""
    return _History(organizations).tell()
