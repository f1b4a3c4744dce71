from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from employment import selectors, services
from employment.enums import AlertKind, BreakReason, ChangeKind, ContractState, Side, Step
from employment.models import Alert, ContractTransition
from lib.lifecycle import TransitionRefused
from pathways.enums import PathwayState
from pathways.models import Pathway
from tests.employment.helpers import hire
from tests.factories.organizations import OrganizationFactory
from tests.offers.helpers import company
from timeline.models import EventKind, TimelineEvent

pytestmark = pytest.mark.django_db


def state_of(pathway):
    return Pathway.objects.get(pk=pathway.pk).state


def test_a_contract_moves_the_pathway_to_in_employment_with_each_step_logged(team, followed):
    contract = hire(team, followed)
    assert state_of(followed.pathway) == PathwayState.IN_EMPLOYMENT
    assert list(followed.pathway.transitions.values_list("to_state", flat=True)) == [
        "intake",
        "active",
        "in_employment",
    ]
    assert contract.state == ContractState.RUNNING
    assert [(t.from_state, t.to_state) for t in ContractTransition.objects.all()] == [
        ("", "running")
    ]
    assert TimelineEvent.objects.filter(kind=EventKind.CONTRACT, subject_id=contract.pk).exists()


def test_the_follow_up_is_planned_with_two_sides_per_checkpoint(team, followed):
    contract = hire(team, followed, start=date(2026, 1, 31))
    checkpoints = list(contract.checkpoints.all())
    assert [(c.step, c.planned_on) for c in checkpoints] == [
        (Step.WEEK_1, date(2026, 2, 7)),
        (Step.MONTH_1, date(2026, 2, 28)),
        (Step.MONTH_3, date(2026, 4, 30)),
    ]  # month 6 (31 July) falls after the planned end (4 July)
    for checkpoint in checkpoints:
        assert sorted(checkpoint.sides.values_list("side", flat=True)) == sorted(Side.values)


def test_an_open_ended_contract_has_all_four_checkpoints(team, followed):
    contract = hire(team, followed, contract_type="CDI")
    assert contract.checkpoints.count() == 4


@pytest.mark.parametrize(
    ("terms", "message"),
    [
        ({"contract_type": "CDI", "end_date": date(2026, 9, 1)}, "pas de date de fin"),
        ({"contract_type": "CDD", "end_date": None}, "date de fin prévue"),
        ({"end_date": date(2025, 12, 1)}, "précède"),
        ({"hours_per_week": 0}, "heures par semaine"),
        ({"hours_per_week": 60}, "heures par semaine"),
        ({"trial_end": date(2025, 1, 1)}, "période d'essai"),
    ],
)
def test_it_refuses_terms_that_do_not_hold_in_french(team, followed, terms, message):
    with pytest.raises(ValidationError, match=message):
        hire(team, followed, **terms)
    assert state_of(followed.pathway) == PathwayState.INTAKE


def test_it_needs_exactly_one_employer(team, followed):
    siae = OrganizationFactory(kind="EI")
    with pytest.raises(ValidationError, match="Indiquez l'employeur"):
        hire(team, followed, company=company(), employer_organization=siae)
    with pytest.raises(ValidationError, match="n'est pas un employeur inclusif"):
        hire(team, followed, company=None, employer_organization=OrganizationFactory(kind="FT"))


def test_an_iae_contract_runs_under_the_pathway_pass(team, followed):
    siae = OrganizationFactory(kind="EI")
    with pytest.raises(ValidationError, match="PASS IAE"):
        hire(team, followed, contract_type="CDDI", company=None, employer_organization=siae)
    Pathway.objects.filter(pk=followed.pathway.pk).update(pass_number="999992612345")
    contract = hire(team, followed, contract_type="CDDI", company=None, employer_organization=siae)
    assert contract.is_iae and contract.pass_number == "999992612345"


def test_a_stranger_may_not_create_a_contract(team, followed):
    with pytest.raises(PermissionDenied):
        services.contract_create(
            pathway=followed.pathway,
            user=team.stranger,
            contract_type="CDI",
            start_date=date(2026, 1, 5),
            hours_per_week=35,
            company=company(),
        )


def test_a_closed_pathway_takes_no_contract(team, followed):
    Pathway.objects.filter(pk=followed.pathway.pk).update(state=PathwayState.CLOSED)
    with pytest.raises(ValidationError, match="clos"):
        hire(team, followed)


def test_changes_are_rows_and_the_contract_holds_the_current_terms(team, followed):
    contract = hire(team, followed)
    services.contract_change(
        contract=contract,
        kind=ChangeKind.RENEWAL,
        effective_on=date(2026, 7, 5),
        end_date=date(2026, 12, 31),
        user=team.colleague,
    )
    services.contract_change(
        contract=contract,
        kind=ChangeKind.HOURS,
        effective_on=date(2026, 9, 1),
        hours_per_week=28,
        user=team.colleague,
    )
    services.contract_change(
        contract=contract,
        kind=ChangeKind.PERMANENT,
        effective_on=date(2027, 1, 1),
        user=team.colleague,
    )
    contract.refresh_from_db()
    assert (contract.contract_type, contract.end_date, contract.hours_per_week) == ("CDI", None, 28)
    # The renewal brought the sixth month's checkpoint within the term.
    assert contract.checkpoints.filter(step=Step.MONTH_6).count() == 1
    assert contract.checkpoints.get(step=Step.MONTH_6).sides.count() == 2
    history = [(c.kind, c.before, c.after) for c in contract.changes.all()]
    assert history == [
        (
            "renewal",
            {"contract_type": "CDD", "end_date": "2026-07-04", "hours_per_week": "35.0"},
            {"contract_type": "CDD", "end_date": "2026-12-31", "hours_per_week": "35.0"},
        ),
        (
            "hours",
            {"contract_type": "CDD", "end_date": "2026-12-31", "hours_per_week": "35.0"},
            {"contract_type": "CDD", "end_date": "2026-12-31", "hours_per_week": "28.0"},
        ),
        (
            "permanent",
            {"contract_type": "CDD", "end_date": "2026-12-31", "hours_per_week": "28.0"},
            {"contract_type": "CDI", "end_date": None, "hours_per_week": "28.0"},
        ),
    ]


def test_a_renewal_must_push_the_end_later(team, followed):
    contract = hire(team, followed)
    with pytest.raises(ValidationError, match="plus tardive"):
        services.contract_change(
            contract=contract,
            kind=ChangeKind.RENEWAL,
            effective_on=date(2026, 3, 1),
            end_date=date(2026, 6, 1),
            user=team.colleague,
        )
    assert contract.changes.count() == 0


def test_a_break_records_its_reason_alerts_and_reopens_the_pathway(team, followed):
    contract = hire(team, followed)
    services.contract_break(
        contract=contract,
        reason=BreakReason.TRIAL_END,
        on=date(2026, 2, 1),
        user=team.colleague,
    )
    contract.refresh_from_db()
    assert (contract.state, contract.break_reason, contract.ended_on) == (
        ContractState.BROKEN,
        "trial_end",
        date(2026, 2, 1),
    )
    assert state_of(followed.pathway) == PathwayState.ACTIVE
    alert = Alert.objects.get()
    assert alert.kind == AlertKind.BREAK
    assert list(selectors.open_alerts(team.organization)) == [alert]
    assert TimelineEvent.objects.filter(kind=EventKind.FOLLOW_UP, title__contains="Alerte").exists()


def test_a_broken_contract_cannot_break_or_end_again(team, followed):
    contract = hire(team, followed)
    services.contract_break(
        contract=contract, reason=BreakReason.RESIGNATION, on=date(2026, 2, 1), user=team.colleague
    )
    with pytest.raises(TransitionRefused, match="rompu avant le terme"):
        services.contract_end(contract=contract, on=date(2026, 7, 4), user=team.colleague)
    with pytest.raises(ValidationError, match="ne change plus"):
        services.contract_change(
            contract=contract,
            kind=ChangeKind.PERMANENT,
            effective_on=date(2026, 3, 1),
            user=team.colleague,
        )


def test_a_break_needs_a_reason_from_the_list(team, followed):
    contract = hire(team, followed)
    with pytest.raises(ValidationError, match="motif"):
        services.contract_break(
            contract=contract, reason="boredom", on=date(2026, 2, 1), user=team.colleague
        )
    assert state_of(followed.pathway) == PathwayState.IN_EMPLOYMENT


def test_the_pathway_stays_in_employment_while_another_contract_runs(team, followed):
    first = hire(team, followed)
    hire(team, followed, contract_type="CDI")
    services.contract_break(
        contract=first, reason=BreakReason.RESIGNATION, on=date(2026, 2, 1), user=team.colleague
    )
    assert state_of(followed.pathway) == PathwayState.IN_EMPLOYMENT


def _side(contract, step, side):
    return contract.checkpoints.get(step=step).sides.get(side=side)


def test_a_checkpoint_side_is_recorded_and_a_serious_issue_alerts_the_same_day(team, followed):
    contract = hire(team, followed)
    side = services.checkpoint_side_record(
        side=_side(contract, Step.WEEK_1, Side.EMPLOYEE),
        user=team.colleague,
        done_on=date(2026, 1, 12),
        channel="phone",
        how_it_goes="difficult",
        issues=["transport", "childcare"],
        actions="Voir la plateforme mobilité",
        serious=True,
    )
    assert side.done_on == date(2026, 1, 12) and side.issues == ["transport", "childcare"]
    alert = Alert.objects.get()
    assert alert.kind == AlertKind.SERIOUS_ISSUE and "Transport" in alert.detail


def test_the_employer_side_raises_only_issues_about_the_job(team, followed):
    contract = hire(team, followed)
    with pytest.raises(ValidationError, match="côté employeur"):
        services.checkpoint_side_record(
            side=_side(contract, Step.WEEK_1, Side.EMPLOYER),
            user=team.colleague,
            done_on=date(2026, 1, 12),
            channel="phone",
            how_it_goes="well",
            issues=["health"],
        )


def test_overdue_sides_are_listed_until_done(team, followed):
    contract = hire(team, followed)
    overdue = selectors.overdue_checkpoint_sides(team.organization, today=date(2026, 1, 20))
    assert {(s.checkpoint.step, s.side) for s in overdue} == {
        (Step.WEEK_1, Side.EMPLOYEE),
        (Step.WEEK_1, Side.EMPLOYER),
    }
    services.checkpoint_side_record(
        side=_side(contract, Step.WEEK_1, Side.EMPLOYER),
        user=team.colleague,
        done_on=date(2026, 1, 13),
        channel="site_visit",
        how_it_goes="very_well",
    )
    overdue = selectors.overdue_checkpoint_sides(team.organization, today=date(2026, 1, 20))
    assert [(s.checkpoint.step, s.side) for s in overdue] == [(Step.WEEK_1, Side.EMPLOYEE)]
    assert not selectors.overdue_checkpoint_sides(team.other, today=date(2026, 1, 20)).exists()


def test_contracts_ending_lists_running_contracts_within_the_window(team, followed):
    from pathways.selectors import contracts_ending

    hire(team, followed)  # ends 4 July 2026
    hire(team, followed, contract_type="CDI")
    soon = selectors.contracts_ending(team.organization, within_days=90, today=date(2026, 5, 1))
    assert [c.end_date for c in soon] == [date(2026, 7, 4)]
    assert not selectors.contracts_ending(team.organization, within_days=30, today=date(2026, 5, 1))
    assert list(contracts_ending(team.other, within_days=90)) == []
