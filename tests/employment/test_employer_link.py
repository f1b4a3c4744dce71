"""The employer's side of a checkpoint, answered from an emailed link (signed, expiring,
no account): the sending, the page and what it never shows, the one answer it takes,
the alert a serious difficulty raises, and the links and reminders of the task worker
with time moved."""

import re
from datetime import date, datetime, timedelta
from unittest import mock

import pytest
from django.core import mail, signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from audit.models import AuditEntry, SensitiveRead
from employment import employer_link, reminders, selectors, services
from employment.enums import AlertKind, Channel, Side, Step
from employment.followup import EMPLOYER_LINK_DAYS
from employment.models import Alert, CheckpointSide
from offers import introduction_link
from offers import services as offers
from offers.enums import OfferState
from scheduling.registry import PERIODIC
from tests.employment.helpers import hire
from tests.offers.helpers import offer
from timeline.models import TimelineEvent

pytestmark = pytest.mark.django_db

CONTACT = "cheffe.equipe@boulangerie.example"


def _side(contract, step=Step.WEEK_1, side=Side.EMPLOYER) -> CheckpointSide:
    return CheckpointSide.objects.get(
        checkpoint__contract=contract, checkpoint__step=step, side=side
    )


def _link_in(message) -> str:
    return re.search(r"https?://\S+(/employeur/suivi/\S+/)", message.body).group(1)


@pytest.fixture
def sent(team, followed, django_capture_on_commit_callbacks):
    """A contract whose first employer side was sent to the employer's contact: (contract,
    side, the link's path)."""
    contract = hire(team, followed)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.employer_link_send(side=_side(contract), user=team.colleague, email=CONTACT)
    assert [m.to for m in mail.outbox] == [[CONTACT]]
    return contract, _side(contract), _link_in(mail.outbox[0])


ANSWER = {
    "how_it_goes": "difficult",
    "issues": ["schedule", "skills"],
    "serious": "on",
    "comment": "Arrive en retard le lundi",
}


def test_the_email_names_the_employee_by_first_name_and_initial_only(sent, followed):
    body = mail.outbox[0].body
    assert "Sandrine Q." in body
    assert "Quintaval" not in body and followed.person.email not in body
    assert "1re semaine" in body and "Chantier des Tests" in body


def test_the_contract_keeps_the_typed_address_for_the_next_links(sent):
    contract, side, _ = sent
    contract.refresh_from_db()
    assert contract.employer_contact_email == CONTACT
    assert selectors.employer_contact(contract) == CONTACT
    assert side.link_sent_to == CONTACT and side.link_sent_at is not None


def test_the_employer_answers_from_the_link_and_a_serious_issue_alerts_the_referent(
    client, team, sent, followed, django_capture_on_commit_callbacks
):
    contract, side, link = sent
    page = client.get(link)
    body = page.content.decode()
    assert page.status_code == 200
    assert "Sandrine Q." in body and "1re semaine" in body
    assert "Quintaval" not in body and followed.person.email not in body
    assert SensitiveRead.objects.filter(person=followed.person, user=None).exists()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(link, ANSWER)
    assert response.status_code == 302
    side.refresh_from_db()
    assert side.done_on == timezone.localdate()
    assert side.channel == Channel.LINK and side.recorded_by is None
    assert side.how_it_goes == "difficult" and side.issues == ["schedule", "skills"]
    assert side.serious and side.comment == "Arrive en retard le lundi"
    alert = Alert.objects.get(contract=contract)
    assert alert.kind == AlertKind.SERIOUS_ISSUE and alert.closed_at is None
    assert timezone.localtime(alert.raised_at).date() == timezone.localdate()
    # The same day, by email too: nobody of the team was there when the employer answered.
    assert [m.to for m in mail.outbox] == [[team.colleague.email]]
    assert "difficulté sérieuse" in mail.outbox[0].subject
    events = TimelineEvent.objects.filter(person=followed.person).values_list("title", flat=True)
    assert any("plutôt difficile" in title for title in events)
    assert any(title.startswith("Alerte") for title in events)
    entry = AuditEntry.objects.filter(object_id=str(side.pk), action="update").latest("id")
    assert entry.actor_repr == "Système" and "how_it_goes" in entry.changes
    # In « À traiter » of the structure.
    client.force_login(team.colleague)
    assert "Difficulté sérieuse" in client.get(reverse("worklist")).content.decode()


def test_once_answered_the_link_says_so_and_takes_no_other_answer(client, sent):
    _, side, link = sent
    assert client.post(link, {**ANSWER, "serious": ""}).status_code == 302
    body = client.get(link).content.decode()
    assert "déjà reçu une réponse" in body and "Plutôt difficile" in body
    response = client.post(link, {"how_it_goes": "very_well"})
    assert response.status_code == 400
    assert "ne se remplace pas" in response.content.decode()
    side.refresh_from_db()
    assert side.how_it_goes == "difficult"
    with pytest.raises(ValidationError, match="ne se remplace pas"):
        services.employer_side_answer(side=side, how_it_goes="very_well")


def test_a_side_the_counsellor_recorded_closes_the_link_without_showing_the_team_notes(
    client, team, sent
):
    _, side, link = sent
    services.checkpoint_side_record(
        side=side,
        user=team.colleague,
        done_on=timezone.localdate(),
        channel="phone",
        how_it_goes="well",
        actions="Note de l'équipe : note-equipe-secrete",
    )
    body = client.get(link).content.decode()
    assert "déjà reçu une réponse" in body
    assert "note-equipe-secrete" not in body and "Plutôt bien" not in body


def test_the_employer_may_not_raise_the_person_s_barriers_and_keeps_what_was_typed(client, sent):
    _, side, link = sent
    response = client.post(link, {**ANSWER, "issues": ["health"]})
    body = response.content.decode()
    assert response.status_code == 400
    assert "Choisissez les difficultés dans la liste" in body
    assert "Arrive en retard le lundi" in body
    response = client.post(link, {"comment": "Rien"})
    assert response.status_code == 400 and "Dites comment ça se passe" in response.content.decode()
    side.refresh_from_db()
    assert side.done_on is None
    with pytest.raises(ValidationError, match="côté employeur"):
        services.employer_side_answer(side=side, how_it_goes="well", issues=["health"])


def test_a_link_sent_again_replaces_the_old_one_which_says_so_in_french(
    client, team, sent, django_capture_on_commit_callbacks
):
    contract, side, old = sent
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.employer_link_send(
            side=side, user=team.colleague, now=timezone.now() + timedelta(minutes=1)
        )
    new = _link_in(mail.outbox[0])
    assert mail.outbox[0].to == [CONTACT]  # the contract's contact, kept
    response = client.get(old)
    assert response.status_code == 410
    assert "Ce lien n'est plus valable" in response.content.decode()
    assert client.post(old, ANSWER).status_code == 410
    assert client.get(new).status_code == 200


def test_a_link_expires_after_its_days(client, sent):
    _, side, link = sent
    later = signing.time.time() + (EMPLOYER_LINK_DAYS + 1) * 86400
    with mock.patch("django.core.signing.time.time", return_value=later):
        response = client.get(link)
        assert response.status_code == 410
        assert "a expiré" in response.content.decode()
        assert client.post(link, ANSWER).status_code == 410
    side.refresh_from_db()
    assert side.done_on is None


def test_a_token_that_is_not_ours_answers_404_whatever_it_names(client, team, followed, sent):
    _, side, link = sent
    assert client.get("/employeur/suivi/jeton-inconnu/").status_code == 404
    forged = signing.dumps({"side": side.pk, "sent": "x"}, salt="autre")
    assert client.get(f"/employeur/suivi/{forged}/").status_code == 404
    # The employee's side, or an introduction's token, never opens the page.
    employee = _side(side.checkpoint.contract, side=Side.EMPLOYEE)
    employee.link_sent_at = timezone.now()
    assert client.get(f"/employeur/suivi/{employer_link.token_for(employee)}/").status_code == 404
    published = offer(team.organization, team.colleague, state=OfferState.PUBLISHED)
    introduction = offers.introduction_send(
        introduction=offers.introduction_create(
            offer=published,
            person=followed.person,
            organization=team.organization,
            user=team.colleague,
        ),
        user=team.colleague,
        email=CONTACT,
    )
    token = introduction_link.token_for(introduction)
    assert client.get(f"/employeur/suivi/{token}/").status_code == 404


def test_the_page_is_limited_per_address(client, sent, settings):
    _, _, link = sent
    with mock.patch("www.views.employer_follow_up.LIMIT", 2):
        assert [client.get(link).status_code for _ in range(3)] == [200, 200, 429]


def test_only_the_team_sends_the_link_and_only_for_the_employer_side(client, team, followed):
    contract = hire(team, followed)
    side = _side(contract)
    with pytest.raises(PermissionDenied):
        services.employer_link_send(side=side, user=team.stranger, email=CONTACT)
    with pytest.raises(ValidationError, match="côté employeur"):
        services.employer_link_send(
            side=_side(contract, side=Side.EMPLOYEE), user=team.colleague, email=CONTACT
        )
    with pytest.raises(ValidationError, match="adresse électronique"):
        services.employer_link_send(side=side, user=team.colleague)  # no contact known
    client.force_login(team.stranger)
    url = reverse("employer_link_send", args=[followed.person.pk, contract.pk, side.pk])
    assert client.post(url, {f"l{side.pk}-email": CONTACT}).status_code == 404
    side.refresh_from_db()
    assert side.link_sent_at is None


def test_the_counsellor_sends_the_link_from_the_contract_page(
    client, team, followed, django_capture_on_commit_callbacks
):
    contract = hire(team, followed)
    side = _side(contract)
    client.force_login(team.colleague)
    detail = reverse("contract_detail", args=[followed.person.pk, contract.pk])
    page = client.get(detail).content.decode()
    assert "Envoyer le lien à l&#x27;employeur" in page or "Envoyer le lien à l'employeur" in page
    url = reverse("employer_link_send", args=[followed.person.pk, contract.pk, side.pk])
    response = client.post(url, {f"l{side.pk}-email": "pas-une-adresse"})
    assert response.status_code == 400
    assert 'value="pas-une-adresse"' in response.content.decode()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {f"l{side.pk}-email": CONTACT})
    assert response.status_code == 302
    assert [m.to for m in mail.outbox] == [[CONTACT]]
    assert f"Lien envoyé à {CONTACT}" in client.get(detail).content.decode()
    events = TimelineEvent.objects.filter(person=followed.person).values_list("title", flat=True)
    assert any("lien envoyé à l'employeur" in title for title in events)


def test_the_introduction_s_contact_is_the_default_address(team, followed):
    published = offer(team.organization, team.colleague, state=OfferState.PUBLISHED)
    introduction = offers.introduction_send(
        introduction=offers.introduction_create(
            offer=published,
            person=followed.person,
            organization=team.organization,
            user=team.colleague,
        ),
        user=team.colleague,
        email="rh@employeur.example",
    )
    contract = hire(team, followed, introduction=introduction, offer=published)
    assert selectors.employer_contact(contract) == "rh@employeur.example"


# --- the task worker ----------------------------------------------------------------------


def _at(day: date):
    return timezone.make_aware(datetime(day.year, day.month, day.day, 9, 0))


def test_the_job_is_registered_to_run_every_hour():
    path, interval = PERIODIC["employment.follow_up"]
    assert path == "employment.reminders.follow_up_run"
    assert interval == timedelta(hours=1)


def test_the_worker_sends_the_employer_link_when_its_side_falls_due(
    team, followed, django_capture_on_commit_callbacks
):
    contract = hire(team, followed)  # from 5 January 2026: the first week ends on the 12th
    contract.employer_contact_email = CONTACT
    contract.save()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert reminders.follow_up_run(now=_at(date(2026, 1, 11)))["links"] == 0
    assert mail.outbox == []
    with django_capture_on_commit_callbacks(execute=True):
        assert reminders.follow_up_run(now=_at(date(2026, 1, 12)))["links"] == 1
    assert [m.to for m in mail.outbox] == [[CONTACT]]
    assert "1re semaine" in mail.outbox[0].body
    with django_capture_on_commit_callbacks(execute=True):
        assert reminders.follow_up_run(now=_at(date(2026, 1, 12)) + timedelta(hours=1)) == {
            "links": 0,
            "without_contact": 0,
            "reminded": 0,
        }
    assert len(mail.outbox) == 1
    assert _side(contract).link_sent_at == _at(date(2026, 1, 12))


def test_the_worker_reminds_the_referent_once_of_each_side_a_week_overdue(
    team, followed, django_capture_on_commit_callbacks
):
    contract = hire(team, followed)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        counts = reminders.follow_up_run(now=_at(date(2026, 1, 19)))
    # Due on the 12th: overdue from the 13th, the referent reminded from the 20th.
    assert counts == {"links": 0, "without_contact": 1, "reminded": 0}
    with django_capture_on_commit_callbacks(execute=True):
        counts = reminders.follow_up_run(now=_at(date(2026, 1, 20)))
    assert counts["reminded"] == 2  # both sides of the first week
    assert [m.to for m in mail.outbox] == [[team.colleague.email]]
    assert "Sandrine Quintaval" in mail.outbox[0].body and "1re semaine" in mail.outbox[0].body
    with django_capture_on_commit_callbacks(execute=True):
        assert reminders.follow_up_run(now=_at(date(2026, 1, 21)))["reminded"] == 0
    assert len(mail.outbox) == 1
    reminded = CheckpointSide.objects.filter(reminded_at__isnull=False)
    assert {s.checkpoint.step for s in reminded} == {Step.WEEK_1}
    # A side done in time is never reminded.
    services.checkpoint_side_record(
        side=_side(contract, Step.MONTH_1, Side.EMPLOYEE),
        user=team.colleague,
        done_on=date(2026, 2, 5),
        channel="phone",
        how_it_goes="well",
    )
    with django_capture_on_commit_callbacks(execute=True):
        assert reminders.follow_up_run(now=_at(date(2026, 2, 13)))["reminded"] == 1
    assert _side(contract, Step.MONTH_1, Side.EMPLOYEE).reminded_at is None


def test_the_worker_leaves_ended_contracts_alone(
    team, followed, django_capture_on_commit_callbacks
):
    contract = hire(team, followed)
    contract.employer_contact_email = CONTACT
    contract.save()
    services.contract_break(
        contract=contract, reason="resignation", on=date(2026, 1, 8), user=team.colleague
    )
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        counts = reminders.follow_up_run(now=_at(date(2026, 3, 1)))
    assert counts == {"links": 0, "without_contact": 0, "reminded": 0}
    assert mail.outbox == []
