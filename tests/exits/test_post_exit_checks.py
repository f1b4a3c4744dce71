"""The check after an exit: planned 6 calendar months after the exit date when the
pathway closes, the pathway in « suivi après sortie » until it is recorded; listed in
« À traiter » when due; recorded from its page or the API; every step logged."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from audit.models import AuditEntry
from employment.services import pathway_close
from exits import services
from exits.models import PostExitCheck
from lib.calendar_months import add_months
from pathways.enums import PathwayState
from pathways.models import Pathway
from pathways.services import pathway_open, pathway_transition
from timeline.models import TimelineEvent

pytestmark = pytest.mark.django_db


def _close(team, followed, on=None, reason="job_seeking"):
    pathway, _ = pathway_close(
        pathway=followed.pathway, user=team.colleague, exit_reason=reason, on=on
    )
    return pathway


def _record(team, check, **overrides):
    arguments = {
        "done_on": timezone.localdate(),
        "situation": "other_employer",
        "channel": "phone",
        "comment": "En CDI dans une autre entreprise depuis deux mois.",
        **overrides,
    }
    return services.check_record(check=check, user=team.colleague, **arguments)


@pytest.mark.parametrize(
    "closed_on, due_on",
    [
        (date(2025, 8, 31), date(2026, 2, 28)),
        (date(2023, 8, 31), date(2024, 2, 29)),  # leap year
        (date(2026, 1, 15), date(2026, 7, 15)),
        (date(2026, 12, 31), date(2027, 6, 30)),
    ],
)
def test_closing_plans_the_check_six_calendar_months_after_the_exit(
    team, followed, closed_on, due_on
):
    pathway = _close(team, followed, on=closed_on)
    check = PostExitCheck.objects.get(pathway=pathway)
    assert check.due_on == due_on and check.done_on is None
    assert pathway.state == PathwayState.POST_EXIT
    assert (pathway.exit_category, pathway.closed_on) == ("other", closed_on)
    moves = list(pathway.transitions.values_list("from_state", "to_state"))
    assert moves[-2:] == [("intake", "closed"), ("closed", "post_exit")]
    assert AuditEntry.objects.for_object(check).exists()


def test_recording_the_check_ends_the_follow_up_and_keeps_the_exit(team, followed):
    pathway = _close(team, followed, on=timezone.localdate() - timedelta(days=200))
    check = _record(team, pathway.post_exit_checks.get())
    pathway.refresh_from_db()
    assert pathway.state == PathwayState.CLOSED
    assert (pathway.exit_reason, pathway.exit_category) == ("job_seeking", "other")
    assert (check.situation, check.channel, check.recorded_by) == (
        "other_employer",
        "phone",
        team.colleague,
    )
    last = pathway.transitions.last()
    assert (last.from_state, last.to_state, last.by) == ("post_exit", "closed", team.colleague)
    assert TimelineEvent.objects.filter(
        person=followed.person, title="Suivi après sortie : en emploi chez un autre employeur"
    ).exists()
    with pytest.raises(ValidationError, match="déjà enregistré"):
        _record(team, check)


@pytest.mark.parametrize(
    "overrides, message",
    [
        ({"done_on": date.today() + timedelta(days=2)}, "futur"),
        ({"done_on": date(2020, 1, 1)}, "précéder la sortie"),
        ({"situation": "lottery"}, "situation"),
        ({"channel": "pigeon"}, "moyen"),
    ],
)
def test_a_wrong_check_is_refused_in_french_and_changes_nothing(team, followed, overrides, message):
    pathway = _close(team, followed, on=timezone.localdate() - timedelta(days=10))
    check = pathway.post_exit_checks.get()
    with pytest.raises(ValidationError, match=message):
        _record(team, check, **overrides)
    check.refresh_from_db()
    assert check.done_on is None
    assert Pathway.objects.get(pk=pathway.pk).state == PathwayState.POST_EXIT


def test_only_the_holding_structure_records_the_check(team, followed):
    pathway = _close(team, followed)
    with pytest.raises(Exception) as refused:
        services.check_record(
            check=pathway.post_exit_checks.get(),
            user=team.stranger,
            done_on=timezone.localdate(),
            situation="no_news",
            channel="phone",
        )
    assert refused.type.__name__ == "PermissionDenied"


def test_a_pathway_in_follow_up_after_exit_is_no_longer_open(team, followed):
    _close(team, followed)
    assert not Pathway.objects.open().filter(pk=followed.pathway.pk).exists()
    # The person may come back: a new pathway in the same structure is allowed.
    again = pathway_open(
        person=followed.person,
        organization=team.organization,
        kind="support",
        referent=team.colleague,
        user=team.colleague,
        entry_channel="walk_in",
    )
    assert again.state == PathwayState.INTAKE


def test_the_exit_and_its_follow_up_are_not_moves_by_hand(team, followed):
    with pytest.raises(ValidationError, match="Clore le parcours"):
        pathway_transition(
            pathway=followed.pathway, to_state="closed", exit_reason="cdi", user=team.colleague
        )
    pathway = _close(team, followed)
    with pytest.raises(ValidationError):
        pathway_transition(pathway=pathway, to_state="closed", user=team.colleague)
    _record(team, pathway.post_exit_checks.get())
    with pytest.raises(ValidationError, match="suivi après sortie"):
        pathway_transition(pathway=pathway, to_state="post_exit", user=team.colleague)
    # Reopening after the exit still works, and forgets it.
    reopened = pathway_transition(pathway=pathway, to_state="active", user=team.colleague)
    assert (reopened.state, reopened.exit_reason, reopened.closed_on) == ("active", "", None)


# --- pages --------------------------------------------------------------------------------


def test_a_due_check_is_in_the_worklist_and_links_to_its_page(client, team, followed):
    due = _close(team, followed, on=timezone.localdate() - timedelta(days=190))
    check = due.post_exit_checks.get()
    client.force_login(team.colleague)
    body = client.get(reverse("worklist")).content.decode()
    section = body[body.index('id="sorties"') :]
    url = reverse("post_exit_check", args=[followed.person.pk, check.pk])
    assert "Suivis après sortie à faire (1)" in section and url in section
    assert "Sandrine Quintaval" in section


def test_a_check_not_due_yet_is_not_in_the_worklist(client, team, followed):
    _close(team, followed, on=timezone.localdate() - timedelta(days=30))
    client.force_login(team.colleague)
    body = client.get(reverse("worklist")).content.decode()
    assert "Suivis après sortie à faire (0)" in body
    assert "Aucun suivi après sortie à faire." in body


def test_the_counsellor_records_the_check_from_its_page(client, team, followed):
    pathway = _close(team, followed, on=timezone.localdate() - timedelta(days=190))
    check = pathway.post_exit_checks.get()
    url = reverse("post_exit_check", args=[followed.person.pk, check.pk])
    client.force_login(team.colleague)
    pathway_page = client.get(reverse("person_pathways", args=[followed.person.pk]))
    assert url in pathway_page.content.decode()
    assert client.get(url).status_code == 200
    refused = client.post(url, {"done_on": "", "situation": "training", "comment": "garde-moi"})
    assert refused.status_code == 400 and "garde-moi" in refused.content.decode()
    response = client.post(
        url,
        {
            "done_on": timezone.localdate().isoformat(),
            "situation": "training",
            "channel": "video",
            "comment": "Entrée en formation de cariste.",
        },
    )
    assert response.status_code == 302
    check.refresh_from_db()
    assert (check.situation, check.channel) == ("training", "video")
    assert Pathway.objects.get(pk=pathway.pk).state == PathwayState.CLOSED
    assert "En formation" in client.get(url).content.decode()


def test_a_stranger_gets_a_404_on_the_check_page(client, team, followed):
    pathway = _close(team, followed)
    check = pathway.post_exit_checks.get()
    client.force_login(team.stranger)
    url = reverse("post_exit_check", args=[followed.person.pk, check.pk])
    assert client.get(url).status_code == 404
    assert client.post(url, {"situation": "no_news"}).status_code == 404


def test_the_step_form_offers_no_move_into_or_out_of_the_follow_up(client, team, followed):
    pathway = _close(team, followed)
    client.force_login(team.colleague)
    url = reverse("pathway_transition", args=[followed.person.pk, pathway.pk])
    prefix = f"p{pathway.pk}-transition-"
    response = client.post(url, {prefix + "to_state": "closed", prefix + "exit_reason": "cdi"})
    assert response.status_code == 400
    assert Pathway.objects.get(pk=pathway.pk).exit_reason == "job_seeking"


# --- API --------------------------------------------------------------------------------


def test_the_api_lists_the_due_checks_and_records_one(client, team, followed, bearer):
    pathway = _close(team, followed, on=add_months(timezone.localdate(), -6))
    check = pathway.post_exit_checks.get()
    headers = bearer(team.colleague)
    listed = client.get("/api/v1/post-exit-checks", headers=headers)
    assert listed.status_code == 200
    assert [item["id"] for item in listed.json()["items"]] == [check.pk]
    assert listed.json()["items"][0]["exit_category"] == "other"
    bad = client.post(
        f"/api/v1/post-exit-checks/{check.pk}",
        {"done_on": timezone.localdate().isoformat(), "situation": "lottery", "channel": "phone"},
        content_type="application/json",
        headers=headers,
    )
    assert bad.status_code == 422
    recorded = client.post(
        f"/api/v1/post-exit-checks/{check.pk}",
        {"done_on": timezone.localdate().isoformat(), "situation": "no_news", "channel": "phone"},
        content_type="application/json",
        headers=headers,
    )
    assert recorded.status_code == 200, recorded.content
    assert recorded.json()["situation"] == "no_news"
    assert client.get("/api/v1/post-exit-checks", headers=headers).json()["items"] == []


def test_a_stranger_gets_nothing_of_the_checks_through_the_api(client, team, followed, bearer):
    pathway = _close(team, followed, on=add_months(timezone.localdate(), -7))
    check = pathway.post_exit_checks.get()
    headers = bearer(team.stranger)
    listed = client.get("/api/v1/post-exit-checks", headers=headers)
    assert listed.status_code == 200 and listed.json()["items"] == []
    response = client.post(
        f"/api/v1/post-exit-checks/{check.pk}",
        {"done_on": timezone.localdate().isoformat(), "situation": "no_news", "channel": "phone"},
        content_type="application/json",
        headers=headers,
    )
    assert response.status_code == 404
