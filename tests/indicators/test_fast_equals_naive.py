"""The figures of `indicator_table` (one query per table over both periods at once,
medians and retention counted by PostgreSQL) equal those of the naive read
(`indicators.naive`: one query per indicator and per period), row for row, on generated
data: organizations of one territory and one elsewhere, every table the dashboards
count, dates spread over two years and around midnight, and the periods the page offers
(a quarter, twelve months, days) for an organization, a territory and a pathway kind.
Run on SQLite here and on PostgreSQL in CI: each database's own path is checked."""

import random
from datetime import UTC, date, datetime, time, timedelta

import pytest

from barriers.enums import BarrierStatus
from barriers.models import BarrierItem, BarrierTheme, PersonBarrier
from companies.models import ClubMembership, Company, ContactLogEntry
from employment.enums import ContractState
from employment.models import Contract
from exits.enums import Situation
from exits.models import PostExitCheck
from immersions.enums import Objective, Outcome
from immersions.models import Immersion
from indicators.naive import naive_table
from indicators.periods import Period, last_quarter, last_twelve_months, quarter_of
from indicators.scopes import ORGANIZATION, Scope, territory_scope
from indicators.selectors import indicator_table
from offers.enums import IntroductionState, OfferState
from offers.models import Introduction, IntroductionTransition, JobOffer, OfferTransition
from organizations.siret import with_check_digit
from partner_services.models import Service, ServiceReferral
from pathways.enums import EntryChannel, ExitCategory, PathwayKind, PathwayState
from pathways.models import Pathway
from persons.enums import ContractType
from referrals.enums import ReferralState, RefusalReason
from referrals.models import Referral
from tests.factories.jobs import AppellationFactory
from tests.factories.organizations import OrganizationFactory
from tests.factories.persons import PersonFactory
from tests.factories.territories import CommuneFactory, EPCIFactory

pytestmark = pytest.mark.django_db

TODAY = date(2026, 5, 14)
DAYS = 760  # the data spans two years before today, and a little after


def _day(rng) -> date:
    return TODAY - timedelta(days=rng.randrange(DAYS)) + timedelta(days=rng.randrange(40))


def _instant(rng) -> datetime:
    """Any time of a day, midnights included (local midnight is 22:00 or 23:00 UTC)."""
    hour = rng.choice([0, 21, 22, 23, rng.randrange(24)])
    return datetime.combine(_day(rng), time(hour, rng.randrange(60)), tzinfo=UTC)


def _maybe(rng, value, chance=0.5):
    return value if rng.random() < chance else None


@pytest.fixture
def generated():
    rng = random.Random(2026)
    here = OrganizationFactory(name="Structure A")
    there = OrganizationFactory(name="Structure B")  # same EPCI (the factory's)
    elsewhere = OrganizationFactory(
        name="Structure C",
        commune=CommuneFactory(code="72181", epci=EPCIFactory(code="247200132", name="Le Mans")),
    )
    organizations = [here, there, elsewhere]
    themes = [
        BarrierTheme.objects.get_or_create(code=code, defaults={"label": code, "position": i})[0]
        for i, code in enumerate(["mobilite", "sante", "logement"])
    ]
    items = [
        BarrierItem.objects.get_or_create(
            code=f"{theme.code}-{n}", defaults={"theme": theme, "label": f"{theme.code} {n}"}
        )[0]
        for theme in themes
        for n in range(2)
    ]
    persons = [PersonFactory() for _ in range(36)]
    pathways = []
    for person in persons:
        for organization in rng.sample(organizations, rng.choice([1, 1, 2])):
            for _ in range(rng.choice([1, 1, 2])):  # two pathways in one structure, at times
                started = _day(rng)
                closed = _maybe(rng, started + timedelta(days=rng.randrange(1, 400)), 0.45)
                pathways.append(
                    Pathway(
                        person=person,
                        organization=organization,
                        kind=rng.choice(PathwayKind.values),
                        state=PathwayState.CLOSED if closed else rng.choice(PathwayState.values),
                        entry_channel=rng.choice(EntryChannel.values),
                        started_on=started,
                        closed_on=closed,
                        exit_category=rng.choice([*ExitCategory.values, ""]) if closed else "",
                        pass_end=_maybe(rng, TODAY + timedelta(days=rng.randrange(-200, 200))),
                    )
                )
    pathways = Pathway.objects.bulk_create(pathways)

    referrals = []
    pairs = [(person, organization) for person in persons for organization in organizations]
    for person, to_organization in rng.sample(pairs, 100):  # one a person and structure
        sent = _instant(rng)
        state = rng.choice(ReferralState.values)
        answered = state in (ReferralState.ACCEPTED, ReferralState.REFUSED, "redirected")
        referrals.append(
            Referral(
                person=person,
                from_organization=rng.choice(organizations),
                to_organization=to_organization,
                motivation="Orientation générée",
                state=state,
                sent_at=_maybe(rng, sent, 0.95),
                answered_at=(
                    sent + timedelta(seconds=rng.randrange(1, 40 * 86400))
                    if answered and rng.random() < 0.9
                    else None
                ),
                refusal_reason=(
                    rng.choice(RefusalReason.values) if state == ReferralState.REFUSED else ""
                ),
            )
        )
    Referral.objects.bulk_create(referrals)

    barriers = []
    for _ in range(150):
        pathway = rng.choice(pathways)
        identified = _day(rng)
        lifted = _maybe(rng, identified + timedelta(days=rng.randrange(0, 300)))
        barriers.append(
            PersonBarrier(
                person_id=pathway.person_id,
                organization=pathway.organization,
                item=rng.choice(items),
                status=BarrierStatus.LIFTED if lifted else rng.choice(BarrierStatus.values),
                identified_on=identified,
                lifted_on=lifted,
            )
        )
    barriers = PersonBarrier.objects.bulk_create(barriers)
    service = Service.objects.create(
        source="test",
        source_id="1",
        structure_name="Service",
        name="Service",
        description="Service généré.",
        commune=here.commune,
    )
    ServiceReferral.objects.bulk_create(
        ServiceReferral(
            person_id=barrier.person_id,
            barrier=barrier,
            service=service,
            from_organization=barrier.organization,
            created_at=_instant(rng),
            done_on=_maybe(rng, _day(rng)),
        )
        for barrier in rng.sample(barriers, 50)
    )

    companies = [
        Company.objects.create(
            siret=with_check_digit(f"{990000000 + n:09d}0001"),
            name=f"Entreprise {n}",
            commune=here.commune,
        )
        for n in range(8)
    ]
    ContactLogEntry.objects.bulk_create(
        ContactLogEntry(
            organization=rng.choice(organizations),
            company=rng.choice(companies),
            kind="call",
            occurred_on=_day(rng),
        )
        for _ in range(80)
    )
    ClubMembership.objects.bulk_create(
        ClubMembership(organization=organization, company=company, since=_day(rng))
        for organization in organizations
        for company in rng.sample(companies, 4)
    )
    appellation = AppellationFactory()
    offers = JobOffer.objects.bulk_create(
        JobOffer(
            organization=rng.choice(organizations),
            written_by_organization=_maybe(rng, rng.choice(organizations), 0.3),
            company=rng.choice(companies),
            appellation=appellation,
            commune=here.commune,
            contract_type="CDI",
            title=f"Offre {n}",
            state=rng.choice(OfferState.values),
            published_at=_maybe(rng, _instant(rng), 0.8),
        )
        for n in range(30)
    )
    OfferTransition.objects.bulk_create(
        OfferTransition(
            offer=rng.choice(offers),
            from_state="published",
            to_state=rng.choice([OfferState.FILLED, OfferState.PAUSED, OfferState.CLOSED]),
            at=_instant(rng),
        )
        for _ in range(60)
    )
    introductions = Introduction.objects.bulk_create(
        Introduction(
            offer=offer,
            person=rng.choice(persons),
            introduced_by=rng.choice(organizations),
            state=rng.choice([IntroductionState.HIRED, IntroductionState.DECLINED]),
            sent_at=_maybe(rng, _instant(rng), 0.9),
        )
        for offer in offers
        for _ in range(3)
    )
    IntroductionTransition.objects.bulk_create(
        IntroductionTransition(
            introduction=rng.choice(introductions),
            from_state="sent",
            to_state=rng.choice(
                [IntroductionState.INTERVIEW, IntroductionState.HIRED, IntroductionState.SEEN]
            ),
            at=_instant(rng),
        )
        for _ in range(120)
    )
    Immersion.objects.bulk_create(
        Immersion(
            person=rng.choice(persons),
            company=rng.choice(companies),
            organization=rng.choice(organizations),
            start_on=(start := _day(rng)),
            end_on=start + timedelta(days=10),
            objective=Objective.values[0],
            outcome=rng.choice([*Outcome.values, ""]),
        )
        for _ in range(40)
    )
    contracts = []
    for pathway in rng.sample(pathways, 40):
        start = _day(rng)
        if rng.random() < 0.2:  # the last days of a month: shorter months clamp
            start = date(start.year, start.month, 28) + timedelta(days=rng.randrange(4))
        kind = rng.choice(ContractType.values)
        ended = _maybe(rng, start + timedelta(days=rng.randrange(0, 300)), 0.4)
        contracts.append(
            Contract(
                person_id=pathway.person_id,
                pathway=pathway,
                company=rng.choice(companies),
                contract_type=kind,
                start_date=start,
                end_date=None if kind == "CDI" else start + timedelta(days=rng.randrange(20, 400)),
                hours_per_week=35,
                state=ContractState.ENDED if ended else ContractState.RUNNING,
                ended_on=ended,
            )
        )
    Contract.objects.bulk_create(contracts)
    PostExitCheck.objects.bulk_create(
        PostExitCheck(
            pathway=pathway,
            due_on=pathway.closed_on + timedelta(days=182),
            done_on=_maybe(rng, _day(rng), 0.8),
            situation=rng.choice(Situation.values),
        )
        for pathway in pathways
        if pathway.closed_on
    )
    return here


def _scopes(here):
    return [
        Scope(ORGANIZATION, f"organisation:{here.pk}", here.name, (here.pk,)),
        Scope(ORGANIZATION, f"organisation:{here.pk}", here.name, (here.pk,), PathwayKind.IAE),
        territory_scope("epci:244900015"),
        territory_scope("epci:244900015", PathwayKind.SUPPORT),
    ]


PERIODS = [
    last_quarter(TODAY),
    quarter_of(TODAY),
    last_twelve_months(TODAY),
    Period(date(2025, 1, 31), date(2025, 3, 30)),  # days, not whole months
    Period(date(2024, 1, 1), date(2026, 12, 31)),
]


def test_every_figure_equals_the_naive_read_of_one_query_per_indicator(generated):
    for period in PERIODS:
        for scope in _scopes(generated):
            fast = indicator_table(scope, period, today=TODAY)
            naive = naive_table(scope, period, today=TODAY)
            assert [row.code for row in fast] == [row.code for row in naive]
            different = [
                (mine.code, mine.value, theirs.value, mine.previous_value, theirs.previous_value)
                for mine, theirs in zip(fast, naive, strict=True)
                if mine != theirs
            ]
            assert different == [], f"{scope.key} {scope.pathway_kind} {period.label}"


def test_the_generated_data_gives_every_section_something_to_count(generated):
    rows = {row.code: row for row in indicator_table(_scopes(generated)[2], PERIODS[4])}
    for code in (
        "people.accompanied",
        "referrals.received",
        "referrals.median_days_to_answer",
        "barriers.median_days_to_lift",
        "barriers.service_referrals_sent",
        "employers.contacts",
        "offers.filled",
        "funnel.hires",
        "placements.total",
        "exits.dynamic_rate",
        "retention.month_3",
        "post_exit.checks",
    ):
        assert rows[code].value, code
