import pytest
from django.core.exceptions import ValidationError

from barriers.enums import BarrierStatus
from barriers.models import BarrierStatusChange, PersonBarrier
from barriers.services import barrier_change_status
from tests.barriers.helpers import identify
from timeline.models import Audience, EventKind, TimelineEvent


def test_it_identifies_a_barrier_with_its_log_and_a_team_event(team, followed):
    barrier = identify(
        followed.person,
        "mobilite-sans-vehicule",
        team.colleague,
        team.organization,
        "Voiture en panne",
    )
    assert barrier.status == BarrierStatus.IDENTIFIED
    assert barrier.status_changes.get().to_state == BarrierStatus.IDENTIFIED
    event = TimelineEvent.objects.get(person=followed.person, kind=EventKind.BARRIER)
    assert event.audience == Audience.TEAM
    assert event.title == "Frein identifié : Pas de véhicule"


def test_it_names_only_the_theme_of_a_sensitive_barrier_in_the_timeline(team, followed):
    identify(followed.person, "sante-port-de-charges", team.colleague, team.organization)
    event = TimelineEvent.objects.get(person=followed.person, kind=EventKind.BARRIER)
    assert "charges" not in event.title
    assert event.title == "Frein identifié : santé"


def test_it_refuses_the_same_open_barrier_twice_and_writes_nothing(team, followed):
    identify(followed.person, "mobilite-sans-permis", team.colleague, team.organization)
    with pytest.raises(ValidationError, match="déjà noté"):
        identify(followed.person, "mobilite-sans-permis", team.colleague, team.organization)
    assert PersonBarrier.objects.count() == 1
    assert TimelineEvent.objects.filter(kind=EventKind.BARRIER).count() == 1


def test_it_moves_through_the_allowed_statuses_and_logs_each(team, followed):
    barrier = identify(followed.person, "mobilite-sans-permis", team.colleague, team.organization)
    barrier_change_status(
        barrier=barrier,
        to_status=BarrierStatus.BEING_LIFTED,
        user=team.colleague,
        comment="Auto-école",
    )
    barrier = barrier_change_status(
        barrier=barrier, to_status=BarrierStatus.LIFTED, user=team.admin
    )
    assert barrier.lifted_on is not None
    changes = list(BarrierStatusChange.objects.filter(barrier=barrier))
    assert [(c.from_state, c.to_state) for c in changes] == [
        ("", "identified"),
        ("identified", "being_lifted"),
        ("being_lifted", "lifted"),
    ]
    assert changes[1].comment == "Auto-école"
    assert TimelineEvent.objects.filter(kind=EventKind.BARRIER).count() == 3


def test_it_refuses_a_transition_the_lifecycle_does_not_allow(team, followed):
    barrier = identify(followed.person, "mobilite-sans-permis", team.colleague, team.organization)
    barrier_change_status(barrier=barrier, to_status=BarrierStatus.LIFTED, user=team.colleague)
    with pytest.raises(ValidationError, match="Impossible de passer"):
        barrier_change_status(
            barrier=barrier, to_status=BarrierStatus.BEING_LIFTED, user=team.colleague
        )
    barrier.refresh_from_db()
    assert barrier.status == BarrierStatus.LIFTED


def test_it_shows_barriers_to_the_team_only(team, followed):
    identify(followed.person, "mobilite-sans-permis", team.colleague, team.organization)
    assert PersonBarrier.objects.visible_to(team.colleague).count() == 1
    assert not PersonBarrier.objects.visible_to(followed.prescriber_user).exists()
    assert not PersonBarrier.objects.visible_to(team.stranger).exists()
