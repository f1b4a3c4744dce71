"""Lifecycles stated as data, and the one way to move an object along one.

A `Lifecycle` names its states (a TextChoices), the moves it allows from each, the field
of the moving model that holds the state, and the words of the buttons that make each
move. A domain declares it in its `state_machine.py`; the pages offer `options(state)`,
the services call `move()`.

Each domain keeps its own log table (its rows, its foreign key to what moves, its
`personal_data_of`), made from the one abstract `TransitionLog`: from, to, when, by whom,
why. `move()` is the one « check, set, save, log »; what a move sets off (the timeline, an
email, a pathway to open) stays in the domain's service, called after it, in plain sight.
"""

import dataclasses
from collections.abc import Mapping
from datetime import datetime

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.db import models, transaction
from django.utils import timezone

from audit.context import user_of
from lib.choice_labels import ChoiceLabels

DEFAULT_REFUSAL = "Impossible de passer de « {current} » à « {wanted} »."


class TransitionRefused(ValidationError):
    """A move the lifecycle does not allow. A ValidationError, so the pages show it on
    the form and the API answers 400 with it, as for any other refused input."""


@dataclasses.dataclass(frozen=True)
class Lifecycle:
    states: type[models.TextChoices]
    # {state: the states it may move to}; a state absent or with no way out is terminal.
    transitions: Mapping[str, tuple[str, ...]]
    field: str = "state"
    # The word of the button that makes a move, by target state or by (from, to) pair
    # (the pair wins); the target's label otherwise.
    actions: Mapping = dataclasses.field(default_factory=dict)
    # The refusal, in French, with the labels of the `current` and `wanted` states (and
    # `current_lower`, `wanted_lower` for a sentence that cites them mid-phrase).
    refusal: str = DEFAULT_REFUSAL

    def __post_init__(self):
        known = set(self.states.values)
        named = set(self.transitions) | {s for to in self.transitions.values() for s in to}
        named |= {key for key in self.actions if isinstance(key, str)}
        named |= {s for key in self.actions if isinstance(key, tuple) for s in key}
        if named - known:
            raise ImproperlyConfigured(
                f"{self.states.__name__} has no state {', '.join(sorted(named - known))}"
            )

    def next_states(self, state: str) -> tuple[str, ...]:
        return tuple(self.transitions.get(state, ()))

    def allowed(self, from_state: str, to_state: str) -> bool:
        return to_state in self.next_states(from_state)

    @property
    def terminal_states(self) -> tuple[str, ...]:
        return tuple(s for s in self.states.values if not self.next_states(s))

    def is_terminal(self, state: str) -> bool:
        return not self.next_states(state)

    def label(self, state: str) -> str:
        return self.states(state).label if state in self.states.values else state

    def action(self, from_state: str, to_state: str) -> str:
        return self.actions.get(
            (from_state, to_state), self.actions.get(to_state, self.label(to_state))
        )

    def options(self, state: str) -> list[tuple[str, str]]:
        """(target, button word) of each move allowed from `state`, in declared order."""
        return [(to, self.action(state, to)) for to in self.next_states(state)]

    def check(self, from_state: str, to_state: str) -> None:
        """Refuse, in French, a move this lifecycle does not allow."""
        if to_state not in self.states.values:
            raise TransitionRefused("Choisissez un état dans la liste.")
        if not self.allowed(from_state, to_state):
            current, wanted = self.label(from_state), self.label(to_state)
            raise TransitionRefused(
                self.refusal.format(
                    current=current,
                    wanted=wanted,
                    current_lower=current.lower(),
                    wanted_lower=wanted.lower(),
                )
            )


class StateField(models.CharField):
    """A state of the log's lifecycle: its choices are the lifecycle's states, read from
    the concrete log's `lifecycle`, so every log shows labels (pages, exports) without
    declaring its fields again. Written in migrations as the plain CharField it is."""

    def __init__(self, *args, **kwargs):
        # Room for the state names of every lifecycle; Django's checks fail on a longer one.
        kwargs.setdefault("max_length", 20)
        super().__init__(*args, **kwargs)

    def contribute_to_class(self, cls, name, *args, **kwargs):
        lifecycle = getattr(cls, "lifecycle", None)
        if lifecycle is not None:
            self.choices = lifecycle.states.choices
        super().contribute_to_class(cls, name, *args, **kwargs)

    def deconstruct(self):
        name, _, args, kwargs = super().deconstruct()
        return name, "django.db.models.CharField", args, kwargs


class TransitionLog(ChoiceLabels):
    """One move of a lifecycle: who moved what from which state to which, when, and why.
    A concrete log sets `lifecycle` and adds its foreign key to the model that moves."""

    lifecycle: Lifecycle

    from_state = StateField(blank=True)  # empty for the first row, written at creation
    to_state = StateField()
    at = models.DateTimeField(default=timezone.now)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    comment = models.TextField("commentaire", blank=True)

    class Meta:
        abstract = True
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.get_from_state_display() or '—'} → {self.get_to_state_display()}"

    @classmethod
    def subject_field(cls, model) -> str:
        """The name of the log's foreign key to `model`, the one that moves."""
        names = [
            f.name
            for f in cls._meta.concrete_fields
            if f.is_relation and f.many_to_one and f.related_model is model
        ]
        if len(names) != 1:
            raise ImproperlyConfigured(f"{cls.__name__} needs one foreign key to {model.__name__}")
        return names[0]

    @classmethod
    def record(cls, obj, *, to_state: str, from_state: str = "", user=None, comment="", at=None):
        """Write the log row of `obj` entering `to_state` (from nothing, at creation)."""
        return cls.objects.create(
            **{cls.subject_field(type(obj)): obj},
            from_state=from_state,
            to_state=to_state,
            by=user_of(user),
            comment=comment,
            at=at or timezone.now(),
        )


@transaction.atomic
def move(
    obj,
    to_state: str,
    *,
    log: type[TransitionLog],
    user,
    comment: str = "",
    now: datetime | None = None,
    changes: Mapping | None = None,
):
    """Move `obj` to `to_state` along `log.lifecycle`, setting `changes` (other fields
    the move writes: a date, a reason) with it, and log the move; all in one transaction.

    The row is locked and its state read again under the lock, so of two concurrent
    moves the second sees the first's result and is refused if the lifecycle forbids it
    (PostgreSQL: FOR UPDATE; SQLite: the write lock each transaction takes at BEGIN).
    Only the fields that change are saved, with the model's `auto_now` fields. Raises
    `TransitionRefused` (a ValidationError in French) when the move is not allowed."""
    lifecycle = log.lifecycle
    model = type(obj)
    state_field = lifecycle.field
    current = (
        model._default_manager.select_for_update()
        .filter(pk=obj.pk)
        .values_list(state_field, flat=True)
        .get()
    )
    lifecycle.check(current, to_state)
    fields = {state_field: to_state, **(changes or {})}
    for name, value in fields.items():
        setattr(obj, name, value)
    touched = [f.name for f in model._meta.concrete_fields if getattr(f, "auto_now", False)]
    obj.save(update_fields=[*fields, *touched])
    log.record(obj, from_state=current, to_state=to_state, user=user, comment=comment, at=now)
    return obj
