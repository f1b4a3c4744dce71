"""An introduction from proposal to hire: the state machine, the structure's moves, the
signed link the employer's contact answers from, what a hire sets off, and what the
prescriber reads of it on the person's timeline."""

import re
from datetime import date, timedelta
from unittest import mock

import pytest
from django.core import mail, signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from audit.context import SYSTEM
from audit.models import SensitiveRead
from offers import hired, introduction_link, services, state_machine
from offers.enums import DeclineReason, IntroductionState, OfferState
from offers.models import Introduction, IntroductionTransition
from pathways.enums import PathwayState
from pathways.models import Transition
from tests.offers.helpers import employer_account, offer
from timeline.models import EventKind, TimelineEvent

pytestmark = pytest.mark.django_db

I = IntroductionState  # noqa: E741
CONTACT = "manager.proximite@boulangerie.example"


@pytest.fixture
def introduced(team, followed):
    made = offer(team.organization, team.colleague, state=OfferState.PUBLISHED)
    return services.introduction_create(
        offer=made, person=followed.person, organization=team.organization, user=team.colleague
    )


def _send(introduction, team, capture):
    with capture(execute=True):
        services.introduction_send(introduction=introduction, user=team.colleague, email=CONTACT)
    introduction.refresh_from_db()
    return introduction


def _link_in(message) -> str:
    return re.search(r"https?://\S+(/employeur/candidature/\S+/)", message.body).group(1)


# --- the state machine ----------------------------------------------------------------


def _reachable(start: str) -> set[str]:
    seen, todo = {start}, [start]
    while todo:
        for following in state_machine.INTRODUCTION_LIFECYCLE.next_states(todo.pop()):
            if following not in seen:
                seen.add(following)
                todo.append(following)
    return seen


def test_every_state_is_reachable_from_a_proposal_and_the_final_ones_lead_nowhere():
    assert _reachable(I.PROPOSED) == set(I.values)
    for state in state_machine.FINAL_INTRODUCTION_STATES:
        assert state_machine.INTRODUCTION_LIFECYCLE.next_states(state) == ()
    assert set(state_machine.OPEN_INTRODUCTION_STATES) | set(
        state_machine.FINAL_INTRODUCTION_STATES
    ) == set(I.values)


@pytest.mark.parametrize("state", state_machine.OPEN_INTRODUCTION_STATES)
def test_from_every_open_state_the_employer_answers_and_the_structure_closes(state):
    for to_state in (I.HIRED, I.DECLINED, I.WITHDRAWN, I.CANCELLED):
        assert state_machine.INTRODUCTION_LIFECYCLE.allowed(state, to_state)


def test_only_a_proposal_is_sent_and_only_an_unseen_one_is_seen():
    lifecycle = state_machine.INTRODUCTION_LIFECYCLE
    assert [s for s in I.values if lifecycle.allowed(s, I.SENT)] == [I.PROPOSED]
    seen_from = [s for s in I.values if lifecycle.allowed(s, I.SEEN)]
    assert seen_from == list(state_machine.UNSEEN_INTRODUCTION_STATES)


MOVES = st.lists(
    st.tuples(st.sampled_from(I.values), st.sampled_from(["structure", "employer"])),
    max_size=6,
)


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(moves=MOVES)
def test_any_sequence_of_moves_follows_the_machine_and_logs_each_step(team, followed, moves):
    with transaction.atomic():
        _, employer_user, own = employer_account()
        made = offer(team.organization, team.colleague, employer=own, state=OfferState.PUBLISHED)
        introduction = services.introduction_create(
            offer=made, person=followed.person, organization=team.organization, user=team.colleague
        )
        expected = [I.PROPOSED]
        for to_state, side in moves:
            user = team.colleague if side == "structure" else employer_user
            before = Introduction.objects.get(pk=introduction.pk).state
            try:
                services.introduction_transition(
                    introduction=introduction,
                    user=user,
                    to_state=to_state,
                    reason=DeclineReason.SCHEDULE,
                    email=CONTACT,
                )
            except (ValidationError, PermissionDenied):
                assert Introduction.objects.get(pk=introduction.pk).state == before
                continue
            if before == to_state == I.SENT:
                continue  # sent again: a new link, not a move (nothing logged)
            assert state_machine.INTRODUCTION_LIFECYCLE.allowed(before, to_state)
            if to_state in state_machine.STRUCTURE_MOVES:
                assert side == "structure"
            expected.append(to_state)
        logged = list(
            IntroductionTransition.objects.filter(introduction=introduction)
            .order_by("at", "id")
            .values_list("to_state", flat=True)
        )
        assert logged == expected
        assert Introduction.objects.get(pk=introduction.pk).state == expected[-1]
        transaction.set_rollback(True)


# --- the structure's moves -------------------------------------------------------------


def test_sending_queues_one_email_to_the_contact_with_the_link_and_nothing_private(
    team, followed, introduced, django_capture_on_commit_callbacks
):
    mail.outbox.clear()
    introduction = _send(introduced, team, django_capture_on_commit_callbacks)
    assert introduction.state == I.SENT and introduction.sent_to == CONTACT
    assert [m.to for m in mail.outbox] == [[CONTACT]]
    body = mail.outbox[0].body
    assert followed.person.display_name_for_employer in body
    assert followed.person.last_name not in body and followed.person.email not in body
    token = _link_in(mail.outbox[0]).split("/")[-2]
    assert introduction_link.read(token).introduction == introduction
    milestone = TimelineEvent.objects.filter(person=followed.person).first()
    assert milestone.title.startswith("Candidature envoyée à") and milestone.audience == "milestone"


def test_only_the_introducing_structure_sends_withdraws_or_cancels(team, introduced):
    organization, employer_user, _ = employer_account()
    for user in (team.stranger, employer_user):
        with pytest.raises(PermissionDenied):
            services.introduction_send(introduction=introduced, user=user, email=CONTACT)
        with pytest.raises(PermissionDenied):
            services.introduction_close(introduction=introduced, user=user, to_state=I.WITHDRAWN)
    with pytest.raises(ValidationError, match="adresse électronique"):
        services.introduction_send(
            introduction=introduced, user=team.colleague, email="pas-un-mail"
        )
    introduced.refresh_from_db()
    assert introduced.state == I.PROPOSED


def test_a_withdrawn_introduction_is_closed_and_frees_the_person_for_the_offer(
    team, followed, introduced
):
    services.introduction_close(
        introduction=introduced, user=team.colleague, to_state=I.WITHDRAWN, comment="A trouvé"
    )
    introduced.refresh_from_db()
    assert introduced.state == I.WITHDRAWN
    with pytest.raises(services.IntroductionMoveRefused, match="déjà close"):
        services.introduction_close(
            introduction=introduced, user=team.colleague, to_state=I.CANCELLED
        )
    again = services.introduction_create(
        offer=introduced.offer,
        person=followed.person,
        organization=team.organization,
        user=team.colleague,
    )
    assert again.state == I.PROPOSED
    titles = list(
        TimelineEvent.objects.filter(person=followed.person).values_list("title", flat=True)
    )
    assert any(t.startswith("La personne a renoncé") for t in titles)


# --- the link ---------------------------------------------------------------------------


def test_the_link_shows_the_employer_view_marks_it_seen_and_logs_the_read(
    client, team, followed, introduced, django_capture_on_commit_callbacks
):
    mail.outbox.clear()
    _send(introduced, team, django_capture_on_commit_callbacks)
    url = _link_in(mail.outbox[0])
    response = client.get(url)
    assert response.status_code == 200
    body = response.content.decode()
    assert followed.person.display_name_for_employer in body
    assert followed.person.last_name not in body
    introduced.refresh_from_db()
    assert introduced.state == I.SEEN and introduced.seen_at is not None
    read = SensitiveRead.objects.filter(person=followed.person).latest("id")
    assert CONTACT in read.what and len(read.path) <= 40
    client.get(url)  # seen once
    assert introduced.transitions.filter(to_state=I.SEEN).count() == 1
    titles = TimelineEvent.objects.filter(person=followed.person).values_list("title", flat=True)
    assert any("a vu la candidature" in t for t in titles)


def test_the_contact_answers_interview_then_hire_from_the_link(
    client, team, followed, introduced, django_capture_on_commit_callbacks
):
    mail.outbox.clear()
    _send(introduced, team, django_capture_on_commit_callbacks)
    url = _link_in(mail.outbox[0])
    client.get(url)
    on = date.today() + timedelta(days=3)
    response = client.post(url, {"to_state": I.INTERVIEW, "on": on.isoformat()})
    assert response.status_code == 302
    introduced.refresh_from_db()
    assert (introduced.state, introduced.interview_on) == (I.INTERVIEW, on)
    response = client.post(url, {"to_state": I.HIRED})
    introduced.refresh_from_db()
    assert introduced.state == I.HIRED
    last = introduced.transitions.latest("id")
    assert last.by is None and CONTACT in last.comment
    page = client.get(url).content.decode()
    assert "Envoyer ma réponse" not in page and "close" in page
    followed.pathway.refresh_from_db()
    assert followed.pathway.state == PathwayState.IN_EMPLOYMENT


def test_a_decline_from_the_link_needs_a_reason_and_keeps_what_was_typed(
    client, team, introduced, django_capture_on_commit_callbacks
):
    mail.outbox.clear()
    _send(introduced, team, django_capture_on_commit_callbacks)
    url = _link_in(mail.outbox[0])
    response = client.post(url, {"to_state": I.DECLINED, "comment": "Profil intéressant"})
    assert response.status_code == 400
    body = response.content.decode()
    assert "Choisissez le motif" in body and "Profil intéressant" in body
    introduced.refresh_from_db()
    assert introduced.state == I.SENT


def test_a_tampered_or_made_up_link_is_not_found(
    client, team, introduced, django_capture_on_commit_callbacks
):
    mail.outbox.clear()
    _send(introduced, team, django_capture_on_commit_callbacks)
    url = _link_in(mail.outbox[0])
    token = url.split("/")[-2]
    forged = signing.dumps({"introduction": introduced.pk + 1, "sent": "x"}, salt="autre")
    for bad in (token[:-2] + ("AA" if not token.endswith("AA") else "BB"), forged, "jeton"):
        response = client.get(reverse("introduction_link", args=[bad]))
        assert response.status_code == 404
        assert introduced.offer.title not in response.content.decode()
    introduced.refresh_from_db()
    assert introduced.state == I.SENT


def test_an_expired_or_replaced_link_says_so_and_names_the_structure(
    client, team, introduced, django_capture_on_commit_callbacks
):
    mail.outbox.clear()
    _send(introduced, team, django_capture_on_commit_callbacks)
    first = _link_in(mail.outbox[0])
    later = signing.time.time() + (state_machine.INTRODUCTION_LINK_DAYS + 1) * 86400
    with mock.patch("django.core.signing.time.time", return_value=later):
        response = client.get(first)
    assert response.status_code == 410
    assert team.organization.name in response.content.decode()
    # Sent again: the first link stops working, the new one works.
    _send(introduced, team, django_capture_on_commit_callbacks)
    assert client.get(first).status_code == 410
    assert client.get(_link_in(mail.outbox[-1])).status_code == 200
    introduced.refresh_from_db()
    assert introduced.state == I.SEEN


def test_a_closed_introduction_shows_its_result_read_only_on_the_link(
    client, team, introduced, django_capture_on_commit_callbacks
):
    mail.outbox.clear()
    _send(introduced, team, django_capture_on_commit_callbacks)
    url = _link_in(mail.outbox[0])
    services.introduction_close(introduction=introduced, user=team.colleague, to_state=I.CANCELLED)
    body = client.get(url).content.decode()
    assert "Annulée par la structure".lower() in body.lower() and "Envoyer ma réponse" not in body
    response = client.post(url, {"to_state": I.HIRED})
    assert response.status_code == 400
    introduced.refresh_from_db()
    assert introduced.state == I.CANCELLED


# --- a hire -----------------------------------------------------------------------------


def test_a_hire_moves_the_introducing_structures_pathway_once_through_the_pathways_service(
    team, followed, introduced
):
    assert followed.pathway.state == PathwayState.INTAKE
    services.introduction_answer(introduction=introduced, user=SYSTEM, to_state=I.HIRED)
    followed.pathway.refresh_from_db()
    assert followed.pathway.state == PathwayState.IN_EMPLOYMENT
    moves = Transition.objects.filter(pathway=followed.pathway).order_by("id")
    assert [m.to_state for m in moves][-2:] == [PathwayState.ACTIVE, PathwayState.IN_EMPLOYMENT]
    assert moves.filter(to_state=PathwayState.IN_EMPLOYMENT).count() == 1


def test_after_hire_runs_each_step_once_inside_the_hires_transaction(team, introduced):
    calls = []

    def step(introduction, actor):
        calls.append((introduction.pk, introduction.state, transaction.get_autocommit()))

    with mock.patch.object(hired, "AFTER_HIRE", [*hired.AFTER_HIRE, step]):
        services.introduction_answer(introduction=introduced, user=team.colleague, to_state=I.HIRED)
        with pytest.raises(ValidationError):
            services.introduction_answer(
                introduction=introduced, user=team.colleague, to_state=I.HIRED
            )
    assert calls == [(introduced.pk, I.HIRED, False)]


def test_a_refused_step_after_hire_undoes_the_hire(team, followed, introduced):
    def refuse(introduction, actor):
        raise ValidationError("Contrat impossible")

    steps = [*hired.AFTER_HIRE, refuse]
    with (
        mock.patch.object(hired, "AFTER_HIRE", steps),
        pytest.raises(ValidationError, match="Contrat impossible"),
    ):
        services.introduction_answer(introduction=introduced, user=team.colleague, to_state=I.HIRED)
    introduced.refresh_from_db()
    followed.pathway.refresh_from_db()
    assert introduced.state == I.PROPOSED
    assert followed.pathway.state == PathwayState.INTAKE


def test_a_hire_suggests_marking_the_offer_filled_without_doing_it(
    client, team, followed, introduced
):
    made = introduced.offer
    assert made.positions == 1 and not services.hires_fill_the_offer(made)
    services.introduction_answer(introduction=introduced, user=team.colleague, to_state=I.HIRED)
    made.refresh_from_db()
    assert made.state == OfferState.PUBLISHED
    assert services.hires_fill_the_offer(made)
    client.force_login(team.colleague)
    body = client.get(reverse("offer_detail", args=[made.pk])).content.decode()
    assert "Marquer pourvue" in body and "ont trouvé preneur" in body


# --- the milestones ---------------------------------------------------------------------


def test_the_prescriber_reads_every_step_on_the_persons_timeline(
    client, team, followed, introduced, django_capture_on_commit_callbacks
):
    mail.outbox.clear()
    _send(introduced, team, django_capture_on_commit_callbacks)
    url = _link_in(mail.outbox[0])
    client.get(url)
    client.post(url, {"to_state": I.INTERVIEW})
    client.post(url, {"to_state": I.HIRED, "on": "2027-01-04"})
    client.force_login(followed.prescriber_user)
    timeline = reverse("person_timeline", kwargs={"person_pk": followed.person.pk})
    body = client.get(timeline).content.decode()
    for step in (
        "Présenté·e à",
        "Candidature envoyée à",
        "a vu la candidature",
        "Entretien prévu avec",
        "Embauché·e par",
        "à partir du 04/01/2027",
        "Étape : En emploi",
    ):
        assert step in body, step
    kinds = TimelineEvent.objects.filter(person=followed.person, kind=EventKind.INTRODUCTION)
    assert kinds.count() == 5 and not kinds.exclude(audience="milestone").exists()


def test_the_employer_space_marks_its_candidates_seen_and_answers_with_a_date(
    client, team, followed
):
    organization, employer_user, own = employer_account()
    made = offer(team.organization, team.colleague, employer=own, state=OfferState.PUBLISHED)
    introduction = services.introduction_create(
        offer=made, person=followed.person, organization=team.organization, user=team.colleague
    )
    client.force_login(employer_user)
    client.get(reverse("employer_space"))
    introduction.refresh_from_db()
    assert introduction.state == I.SEEN
    response = client.post(
        reverse("introduction_answer", args=[introduction.pk]),
        {"to_state": I.INTERVIEW, "on": "2027-02-01"},
    )
    assert response.status_code == 302
    introduction.refresh_from_db()
    assert (introduction.state, introduction.interview_on) == (I.INTERVIEW, date(2027, 2, 1))
    assert introduction.transitions.latest("id").by == employer_user


@pytest.mark.parametrize("state", state_machine.OPEN_INTRODUCTION_STATES)
def test_the_database_holds_one_open_introduction_per_person_and_offer(team, introduced, state):
    Introduction.objects.filter(pk=introduced.pk).update(state=state)
    twin = Introduction(
        offer=introduced.offer, person=introduced.person, introduced_by=team.organization
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        twin.save()
