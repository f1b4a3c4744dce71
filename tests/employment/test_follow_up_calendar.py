"""Each structure chooses its checkpoint steps (default: week 1, month 1, 3 and 6); the
contracts recorded afterwards use them, those already signed keep theirs."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from employment import services
from employment.selectors import follow_up_steps
from tests.employment.helpers import hire

pytestmark = pytest.mark.django_db


def _steps(contract) -> list[tuple[str, date]]:
    return [(c.step, c.planned_on) for c in contract.checkpoints.order_by("planned_on")]


def test_an_admin_sets_the_steps_and_only_later_contracts_follow_them(client, team, followed):
    before = hire(team, followed)
    assert follow_up_steps(team.organization) == ["week_1", "month_1", "month_3", "month_6"]
    client.force_login(team.admin)
    page = client.get(reverse("organization_detail", args=[team.organization.pk]))
    assert "Enregistrer les points de suivi" in page.content.decode()
    response = client.post(
        reverse("follow_up_calendar", args=[team.organization.pk]),
        {"steps": ["month_4", "week_2", "month_2"]},
    )
    assert response.status_code == 302
    assert follow_up_steps(team.organization) == ["week_2", "month_2", "month_4"]
    after = hire(team, followed, start=date(2026, 2, 2), end_date=date(2026, 12, 31))
    assert _steps(after) == [
        ("week_2", date(2026, 2, 16)),
        ("month_2", date(2026, 4, 2)),
        ("month_4", date(2026, 6, 2)),
    ]
    assert all(c.sides.count() == 2 for c in after.checkpoints.all())
    # (Its planned end, 4 July, comes before the sixth month.)
    assert [step for step, _ in _steps(before)] == ["week_1", "month_1", "month_3"]
    # A renewal of the earlier contract plans by its own steps, not the new calendar.
    services.contract_change(
        contract=before,
        kind="renewal",
        effective_on=date(2026, 6, 1),
        end_date=date(2027, 6, 1),
        user=team.colleague,
    )
    assert [step for step, _ in _steps(before)] == ["week_1", "month_1", "month_3", "month_6"]


def test_a_member_who_is_not_admin_cannot_change_the_steps(client, team):
    client.force_login(team.colleague)
    page = client.get(reverse("organization_detail", args=[team.organization.pk]))
    assert "Enregistrer les points de suivi" not in page.content.decode()
    url = reverse("follow_up_calendar", args=[team.organization.pk])
    assert client.post(url, {"steps": ["week_2"]}).status_code == 403
    with pytest.raises(PermissionDenied):
        services.follow_up_calendar_set(
            organization=team.organization, steps=["week_2"], user=team.colleague
        )
    assert follow_up_steps(team.organization)[0] == "week_1"


def test_no_step_or_an_unknown_one_is_refused_in_french(client, team):
    client.force_login(team.admin)
    url = reverse("follow_up_calendar", args=[team.organization.pk])
    response = client.post(url, {"steps": []})
    assert response.status_code == 400
    assert "Choisissez au moins une étape" in response.content.decode()
    assert client.post(url, {"steps": ["year_5"]}).status_code == 400
    with pytest.raises(ValidationError, match="au moins une étape"):
        services.follow_up_calendar_set(
            organization=team.organization, steps=["year_5"], user=team.admin
        )
