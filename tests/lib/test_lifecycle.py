from datetime import timedelta
from functools import partial

import pytest
from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.db import connection, models, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from audit.context import SYSTEM
from lib.lifecycle import Lifecycle, TransitionRefused, move
from pathways.enums import ExitCategory, ExitReason, PathwayState
from pathways.models import Pathway, Transition
from pathways.state_machine import LIFECYCLE
from tests.concurrency import at_once
from tests.factories.accounts import UserFactory
from tests.factories.pathways import PathwayFactory


class Light(models.TextChoices):
    RED = "red", "Rouge"
    GREEN = "green", "Vert"
    AMBER = "amber", "Orange"
    OFF = "off", "Éteint"


LIGHTS = Lifecycle(
    Light,
    {
        Light.RED: (Light.GREEN, Light.OFF),
        Light.GREEN: (Light.AMBER, Light.OFF),
        Light.AMBER: (Light.RED, Light.OFF),
    },
    actions={Light.OFF: "Éteindre", (Light.AMBER, Light.RED): "Arrêter"},
)


# --- the declaration ----------------------------------------------------------------------


def test_it_gives_the_next_states_in_declared_order_and_answers_allowed():
    assert LIGHTS.next_states(Light.RED) == (Light.GREEN, Light.OFF)
    assert LIGHTS.allowed(Light.GREEN, Light.AMBER)
    assert not LIGHTS.allowed(Light.GREEN, Light.RED)
    assert not LIGHTS.allowed(Light.OFF, Light.RED)


def test_a_state_with_no_way_out_is_terminal():
    assert LIGHTS.terminal_states == (Light.OFF,)
    assert LIGHTS.is_terminal(Light.OFF) and not LIGHTS.is_terminal(Light.AMBER)


def test_the_buttons_read_the_action_of_the_move_then_of_the_target_then_its_label():
    assert LIGHTS.options(Light.AMBER) == [(Light.RED, "Arrêter"), (Light.OFF, "Éteindre")]
    assert LIGHTS.options(Light.RED) == [(Light.GREEN, "Vert"), (Light.OFF, "Éteindre")]
    assert LIGHTS.options(Light.OFF) == []


def test_a_declaration_naming_a_state_that_does_not_exist_is_refused_at_once():
    with pytest.raises(ImproperlyConfigured, match="blue"):
        Lifecycle(Light, {Light.RED: ("blue",)})
    with pytest.raises(ImproperlyConfigured, match="violet"):
        Lifecycle(Light, {}, actions={"violet": "Violet"})


def test_a_refused_move_says_why_in_french():
    with pytest.raises(TransitionRefused) as refused:
        LIGHTS.check(Light.GREEN, Light.RED)
    assert refused.value.messages == ["Impossible de passer de « Vert » à « Rouge »."]
    assert isinstance(refused.value, ValidationError)  # the pages and the API show it as 400


def test_a_lifecycle_may_word_its_refusal_and_an_unknown_state_is_refused_plainly():
    worded = Lifecycle(
        Light, {Light.RED: (Light.GREEN,)}, refusal="Le feu est « {current_lower} »."
    )
    with pytest.raises(TransitionRefused, match="Le feu est « éteint »"):
        worded.check(Light.OFF, Light.GREEN)
    with pytest.raises(TransitionRefused, match="Choisissez un état dans la liste"):
        worded.check(Light.RED, "blue")


def test_the_log_shows_the_labels_of_its_lifecycle():
    row = Transition(from_state=PathwayState.INTAKE, to_state=PathwayState.IN_EMPLOYMENT)
    assert str(row) == "Accueil → En emploi"
    assert str(Transition(to_state=PathwayState.INTAKE)) == "— → Accueil"


# --- move() ------------------------------------------------------------------------------


@pytest.mark.django_db
def test_a_move_sets_the_state_and_its_changes_and_writes_one_log_row():
    pathway = PathwayFactory()
    user = UserFactory()
    at = timezone.now() - timedelta(days=3)
    move(
        pathway,
        PathwayState.CLOSED,
        log=Transition,
        user=user,
        comment="Parti en formation",
        now=at,
        changes={"exit_reason": ExitReason.TRAINING, "exit_category": ExitCategory.POSITIVE},
    )
    stored = Pathway.objects.get(pk=pathway.pk)
    assert (stored.state, stored.exit_reason) == (PathwayState.CLOSED, ExitReason.TRAINING)
    row = Transition.objects.get(pathway=pathway)
    assert (row.from_state, row.to_state, row.by, row.comment, row.at) == (
        PathwayState.INTAKE,
        PathwayState.CLOSED,
        user,
        "Parti en formation",
        at,
    )


@pytest.mark.django_db
def test_a_move_saves_only_the_fields_it_changes_and_the_update_time():
    pathway = PathwayFactory()
    Pathway.objects.filter(pk=pathway.pk).update(updated_at=timezone.now() - timedelta(days=1))
    pathway.refresh_from_db()
    before = pathway.updated_at
    pathway.pass_number = "not saved by the move"
    move(pathway, PathwayState.DIAGNOSIS, log=Transition, user=SYSTEM)
    stored = Pathway.objects.get(pk=pathway.pk)
    assert stored.state == PathwayState.DIAGNOSIS
    assert stored.pass_number == ""
    assert stored.updated_at > before
    assert Transition.objects.get(pathway=pathway).by is None  # the system acted


@pytest.mark.django_db
def test_a_refused_move_changes_nothing_and_logs_nothing():
    pathway = PathwayFactory()
    with pytest.raises(TransitionRefused, match="« Accueil » à « En emploi »"):
        move(pathway, PathwayState.IN_EMPLOYMENT, log=Transition, user=SYSTEM)
    assert Pathway.objects.get(pk=pathway.pk).state == PathwayState.INTAKE
    assert not Transition.objects.exists()


@pytest.mark.django_db
def test_a_move_from_a_stale_copy_is_checked_against_the_state_in_the_database():
    """Two screens opened on the same pathway: the second move is judged from where the
    first one left it, not from what the second screen had loaded."""
    first = PathwayFactory()
    second = Pathway.objects.get(pk=first.pk)
    move(first, PathwayState.DIAGNOSIS, log=Transition, user=SYSTEM)
    with pytest.raises(TransitionRefused, match="« Diagnostic » à « Diagnostic »"):
        move(second, PathwayState.DIAGNOSIS, log=Transition, user=SYSTEM)
    move(second, PathwayState.ACTIVE, log=Transition, user=SYSTEM)
    assert list(Transition.objects.values_list("from_state", "to_state")) == [
        (PathwayState.INTAKE, PathwayState.DIAGNOSIS),
        (PathwayState.DIAGNOSIS, PathwayState.ACTIVE),
    ]


@pytest.mark.django_db
@pytest.mark.skipif(
    not connection.features.has_select_for_update, reason="SQLite locks the whole database"
)
def test_the_state_is_read_under_a_row_lock():
    pathway = PathwayFactory()
    with CaptureQueriesContext(connection) as queries:
        move(pathway, PathwayState.DIAGNOSIS, log=Transition, user=SYSTEM)
    reads = [q["sql"] for q in queries if q["sql"].startswith("SELECT") and '"state"' in q["sql"]]
    assert reads and "FOR UPDATE" in reads[0]


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="SQLite serializes writers: no two at once"
)
def test_of_two_simultaneous_identical_moves_one_passes_and_one_is_refused():
    pathway = PathwayFactory()

    def diagnose(copy):
        try:
            move(copy, PathwayState.DIAGNOSIS, log=Transition, user=SYSTEM)
        except TransitionRefused:
            return "refused"
        return "moved"

    copies = [Pathway.objects.get(pk=pathway.pk) for _ in range(2)]  # both read « intake »
    outcomes = at_once(*[partial(diagnose, copy) for copy in copies])
    assert sorted(outcomes) == ["moved", "refused"]
    assert Transition.objects.filter(pathway=pathway).count() == 1


# --- over random sequences ---------------------------------------------------------------


@pytest.mark.django_db
@settings(
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    deadline=None,
    max_examples=40,
)
@given(targets=st.lists(st.sampled_from([*PathwayState.values, "unknown"]), max_size=12))
def test_any_sequence_of_moves_follows_the_declared_table(targets):
    """Whatever is asked, in whatever order: a move passes exactly when the table allows
    it from the state reached so far, and the log holds exactly the moves that passed."""
    with transaction.atomic():
        pathway = PathwayFactory()
        state, passed = PathwayState.INTAKE, []
        for target in targets:
            expected = target in LIFECYCLE.transitions.get(state, ())
            try:
                move(pathway, target, log=Transition, user=SYSTEM)
            except TransitionRefused:
                assert not expected
            else:
                assert expected
                passed.append((state, target))
                state = target
        assert Pathway.objects.get(pk=pathway.pk).state == state
        logged = Transition.objects.filter(pathway=pathway).values_list("from_state", "to_state")
        assert list(logged) == passed
        transaction.set_rollback(True)
