"""« Résultats » asks the database a fixed number of times whatever the number of people,
referrals or contracts it counts (one query per table over the period and the one
before, not one per figure): filled with N rows then 3N, the same count. A change here is
a change of the page's cost: say why in the commit."""

from datetime import timedelta

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from employment.enums import ContractState
from employment.models import Contract
from indicators.periods import last_quarter
from pathways.enums import ExitCategory, PathwayState
from referrals.enums import ReferralState
from referrals.models import Referral
from tests.factories.organizations import OrganizationFactory
from tests.factories.pathways import PathwayFactory
from tests.performance.test_query_counts import _sign_in

pytestmark = pytest.mark.django_db

N = 2
# The session, the user, their memberships, their territories (EPCI, commune, EPCI), the
# scope's organization; then the figures: the pathways twice (distinct people; by state
# and exit), the referrals, the barrier themes, items, counts by item and the dates of
# those lifted (their medians on PostgreSQL), the service referrals, the contact log,
# the club, the offers and their moves, the immersions, the introductions and their
# moves, the contracts by type, the post-exit checks, and the catalogue's themes.
# SQLite also reads the answered referrals' dates and the contracts' dates (PostgreSQL
# computes the median and retention itself).
RESULTS = 25
RESULTS_SQLITE_MORE = 2


def _fill(team, rows):
    quarter = last_quarter(timezone.localdate())
    prescriber = OrganizationFactory(name=f"Prescripteur {rows}")
    for index in range(rows):
        pathway = PathwayFactory(
            organization=team.organization,
            started_on=quarter.start + timedelta(days=index),
            closed_on=quarter.end,
            state=PathwayState.CLOSED,
            exit_category=ExitCategory.DURABLE,
        )
        Referral.objects.create(
            person_id=pathway.person_id,
            from_organization=prescriber,
            to_organization=team.organization,
            motivation="Orientation",
            state=ReferralState.ACCEPTED,
            sent_at=timezone.now() - timedelta(days=100),
            answered_at=timezone.now() - timedelta(days=99),
        )
        Contract.objects.create(
            person_id=pathway.person_id,
            pathway=pathway,
            employer_organization=prescriber,
            contract_type="CDI",
            start_date=quarter.start + timedelta(days=index),
            hours_per_week=35,
            state=ContractState.RUNNING,
        )


def test_the_results_page(client, team, django_assert_num_queries):
    expected = RESULTS + (RESULTS_SQLITE_MORE if connection.vendor == "sqlite" else 0)
    url = reverse("results")
    _fill(team, N)
    _sign_in(client, team.colleague)
    client.get(url)
    with django_assert_num_queries(expected):
        response = client.get(url)
    assert response.status_code == 200
    assert b'data-code="people.accompanied"' in response.content
    _fill(team, 2 * N)
    with django_assert_num_queries(expected):
        response = client.get(url)
    rows = {row.code: row for table in response.context["tables"] for row in table.rows}
    assert rows["people.accompanied"].value == 3 * N
    assert rows["placements.total"].value == 3 * N
