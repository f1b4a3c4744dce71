"""The page and the API close by the same rule: over generated contracts (every type,
any length, month ends and leap years included, hired by a company or by another SIAE),
the exit the closing form proposes is the one `POST /close` computes, and both are the
category domain.md gives. With no contract (a training, nothing), nothing is proposed
and the counsellor's reason is taken as is."""

import html
import re
from datetime import date, timedelta

import pytest
from django.db import transaction
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from employment.enums import ContractType
from pathways.enums import EXIT_CATEGORY_OF, ExitCategory, ExitReason
from tests.employment.helpers import hire
from tests.employment.test_exits import FIXED_TERM, six_months_later
from tests.factories.organizations import OrganizationFactory

pytestmark = pytest.mark.django_db

PROPOSED = re.compile(r"Proposé d'après le dernier contrat : (.+?) \(")
LABELS = {label: value for value, label in ExitReason.choices}

# Month ends (31 August, 31 January, 29 February…) are where « six months » is subtle.
month_ends = st.sampled_from(
    [date(2025, 8, 31), date(2024, 8, 31), date(2026, 1, 31), date(2024, 2, 29), date(2025, 12, 31)]
)
starts = st.one_of(month_ends, st.dates(min_value=date(2020, 1, 1), max_value=date(2026, 6, 30)))


def expected_category(contract_type, start, end, by_siae):
    """domain.md's table, stated apart from `employment.exits`."""
    if by_siae:
        return ExitCategory.POSITIVE
    if contract_type in (ContractType.CDI, ContractType.CDI_TEMP):
        return ExitCategory.DURABLE
    if contract_type == ContractType.SUBSIDISED:
        return ExitCategory.TRANSITION
    assert contract_type in FIXED_TERM
    durable = end >= six_months_later(start) - timedelta(days=1)
    return ExitCategory.DURABLE if durable else ExitCategory.TRANSITION


def _proposed_on_the_page(client, pathway) -> str | None:
    """The exit the closing form proposes (the « Changer d'étape » form, on its page)."""
    url = reverse("pathway_transition", args=[pathway.person_id, pathway.pk])
    page = html.unescape(client.get(url).content.decode())
    found = PROPOSED.search(page)
    return LABELS[found.group(1)] if found else None


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    contract_type=st.sampled_from(ContractType.values),
    start=starts,
    days=st.one_of(st.integers(min_value=0, max_value=800), st.sampled_from([179, 180, 181, 182])),
    by_siae=st.booleans(),
)
def test_the_closing_form_and_the_api_propose_the_same_exit(
    client, team, followed, bearer, contract_type, start, days, by_siae
):
    open_ended = contract_type in (ContractType.CDI, ContractType.CDI_TEMP)
    end = None if open_ended else start + timedelta(days=days)
    rollback = transaction.savepoint()
    try:
        # Another SIAE's contract, outside this pathway's PASS IAE.
        employer = {
            "company": None,
            "employer_organization": OrganizationFactory(kind="EI"),
            "is_iae": False,
        }
        hire(
            team,
            followed,
            contract_type=contract_type,
            start=start,
            end_date=end,
            **(employer if by_siae else {}),
        )
        client.force_login(team.colleague)
        on_the_page = _proposed_on_the_page(client, followed.pathway)
        response = client.post(
            f"/api/v1/pathways/{followed.pathway.pk}/close", headers=bearer(team.colleague)
        )
        assert response.status_code == 200, response.content
        closed = response.json()
        assert closed["computed"] is True
        assert closed["exit_reason"] == on_the_page
        assert closed["exit_category"] == EXIT_CATEGORY_OF[on_the_page]
        expected = expected_category(contract_type, start, end or start, by_siae)
        assert closed["exit_category"] == expected
    finally:
        transaction.savepoint_rollback(rollback)


@pytest.mark.parametrize(
    "start, last_day, category",
    [
        (date(2025, 8, 31), date(2026, 2, 27), "durable"),  # 31 Aug + 6 months = 28 Feb
        (date(2025, 8, 31), date(2026, 2, 26), "transition"),
        (date(2023, 8, 31), date(2024, 2, 28), "durable"),  # leap year: 29 Feb
        (date(2023, 8, 31), date(2024, 2, 27), "transition"),
        (date(2026, 3, 1), date(2026, 8, 31), "durable"),
        (date(2026, 3, 1), date(2026, 8, 30), "transition"),
    ],
)
def test_the_six_month_boundary_on_the_page_and_through_the_api(
    client, team, followed, bearer, start, last_day, category
):
    hire(team, followed, contract_type="CDD", start=start, end_date=last_day)
    client.force_login(team.colleague)
    on_the_page = _proposed_on_the_page(client, followed.pathway)
    assert EXIT_CATEGORY_OF[on_the_page] == category
    closed = client.post(
        f"/api/v1/pathways/{followed.pathway.pk}/close", headers=bearer(team.colleague)
    ).json()
    assert (closed["exit_reason"], closed["exit_category"]) == (on_the_page, category)


def test_without_a_contract_nothing_is_proposed_and_a_training_is_a_positive_exit(
    client, team, followed, bearer
):
    client.force_login(team.colleague)
    assert _proposed_on_the_page(client, followed.pathway) is None
    url = f"/api/v1/pathways/{followed.pathway.pk}/close"
    headers = bearer(team.colleague)
    refused = client.post(url, headers=headers)
    assert refused.status_code == 400 and "indiquez le motif" in refused.json()["detail"]
    closed = client.post(
        url, {"exit_reason": "training"}, content_type="application/json", headers=headers
    )
    assert closed.status_code == 200
    assert (closed.json()["exit_category"], closed.json()["computed"]) == ("positive", False)


def test_a_training_over_a_contract_needs_its_reason_on_the_page_and_in_the_api(
    client, team, followed, bearer
):
    hire(team, followed, contract_type="CDD", start=date(2026, 1, 5), end_date=date(2026, 2, 4))
    url = f"/api/v1/pathways/{followed.pathway.pk}/close"
    headers = bearer(team.colleague)
    refused = client.post(
        url, {"exit_reason": "training"}, content_type="application/json", headers=headers
    )
    assert refused.status_code == 400 and "dites pourquoi" in refused.json()["detail"]
    client.force_login(team.colleague)
    prefix = f"p{followed.pathway.pk}-transition-"
    page = client.post(
        reverse("pathway_transition", args=[followed.person.pk, followed.pathway.pk]),
        {prefix + "to_state": "closed", prefix + "exit_reason": "training"},
    )
    assert page.status_code == 400 and "dites pourquoi" in page.content.decode()
