"""Demo exits of every category, each from its facts, through the services the screens
use: the contract that gives the exit (a CDI, a short CDD, none for a training or a
health exit), the closing (computed, or the reason given when no contract tells), the
check 6 months later (one recorded, one due in « À traiter », others to come), and the
review sent to the prescriber who referred Hugo (France Travail Angers).

Runs last: the people, the companies and the referrals exist. Dates are relative to the
day the demo is loaded."""

from datetime import datetime, time, timedelta

from django.contrib.auth import get_user_model
from django.utils import timezone

from access import ledger
from companies.models import Company
from demo.people import PEOPLE
from demo.territory import DEMO_EMAIL_DOMAIN
from employment import services as employment
from employment.enums import Channel, ContractType
from exits import services as exits
from exits.enums import Situation
from lib.calendar_months import add_months
from pathways.enums import ExitReason, PathwayState
from pathways.models import Pathway
from plans.enums import ActionKind, ActionStatus, Attendance
from plans.services import (
    action_create,
    action_set_status,
    appointment_create,
    appointment_set_attendance,
)
from referrals.models import Referral

User = get_user_model()

# Who leaves with which contract: (company, contract type, start days ago, months or
# None for open-ended, ended days ago or None), then the exit date, in days ago.
CONTRACTS = {
    ("Alain", "Mercier"): ("Entrepôts de l'Authion (démo)", ContractType.CDI, 240, None, None),
    ("Kevin", "Moulin"): ("Transports Ligériens (démo)", ContractType.CDD, 295, 3, 203),
}
CLOSED_DAYS_AGO = {
    ("Alain", "Mercier"): 215,  # durable (CDI); the check, due a month ago, is recorded
    ("Kevin", "Moulin"): 195,  # transition (CDD of 3 months); the check is due
    ("Thierry", "Gaudin"): 60,  # positive (training); the check is to come
    ("Chantal", "Briand"): 90,  # excluded (health)
    ("Patrick", "Hamon"): 20,  # other (no news)
}


def _user(key: str):
    return User.objects.get(email=f"{key}@{DEMO_EMAIL_DOMAIN}")


def build_exits(organizations: dict) -> int:
    """Returns the number of pathways closed."""
    today = timezone.localdate()
    count = 0
    for spec in PEOPLE:
        if PathwayState.CLOSED not in spec.states:
            continue
        key = (spec.first_name, spec.last_name)
        pathway = Pathway.objects.get(
            person__first_name=spec.first_name,
            person__last_name=spec.last_name,
            organization=organizations[spec.holder],
            is_demo=True,
        )
        user = _user(spec.referent)
        if key in CONTRACTS:
            _contract(pathway, user, today, *CONTRACTS[key])
        pathway, _ = employment.pathway_close(
            pathway=pathway,
            user=user,
            # A contract gives the exit; a training or a health exit is the counsellor's.
            exit_reason="" if key in CONTRACTS else spec.exit_reason,
            on=today - timedelta(days=CLOSED_DAYS_AGO[key]),
        )
        assert pathway.exit_reason == spec.exit_reason, (key, pathway.exit_reason)
        count += 1
    _record_due_check(("Alain", "Mercier"), today)
    return count + _hugo(today)


def _contract(pathway, user, today, company, contract_type, start, months, ended):
    start_date = today - timedelta(days=start)
    contract = employment.contract_create(
        pathway=pathway,
        user=user,
        contract_type=contract_type,
        start_date=start_date,
        end_date=add_months(start_date, months) - timedelta(days=1) if months else None,
        hours_per_week=35,
        company=Company.objects.get(name=company),
    )
    if ended is not None:
        employment.contract_end(
            contract=contract, on=today - timedelta(days=ended), user=user, comment="Fin du CDD"
        )
    return contract


def _record_due_check(key, today) -> None:
    pathway = Pathway.objects.get(person__first_name=key[0], person__last_name=key[1])
    check = pathway.post_exit_checks.get()
    exits.check_record(
        check=check,
        user=pathway.referent,
        done_on=max(check.due_on, today - timedelta(days=25)),
        situation=Situation.SAME_EMPLOYER,
        channel=Channel.PHONE,
        comment="Toujours en poste, il forme maintenant les nouveaux arrivants.",
    )


def _hugo(today) -> int:
    """Referred by Julien (France Travail Angers) to the employment mission, accepted;
    appointments, actions, a CDD of 8 months: a durable exit, and Julien gets the review
    on his referral and by email."""
    referral = Referral.objects.get(person__first_name="Hugo", person__last_name="Carpentier")
    pathway = referral.pathway
    user = _user("sophie.mission")
    # History: the pathway opened when the referral was accepted, 7 months ago.
    Pathway.objects.filter(pk=pathway.pk).update(started_on=today - timedelta(days=210))
    ledger.refresh([pathway.person_id])  # who sees Hugo since when, from the new date
    pathway.refresh_from_db()
    for days_ago in (200, 170, 130):
        appointment = appointment_create(
            person=pathway.person,
            at=timezone.make_aware(datetime.combine(today - timedelta(days=days_ago), time(14))),
            subject="Point d'étape",
            organization=pathway.organization,
            with_user=user,
            pathway=pathway,
            actor=user,
        )
        appointment_set_attendance(
            appointment=appointment, attendance=Attendance.ATTENDED, actor=user
        )
    for title in ("Mettre à jour le CV", "Préparer l'entretien avec le supermarché"):
        action = action_create(
            person=pathway.person,
            kind=ActionKind.JOB_SEARCH,
            title=title,
            owner=user,
            organization=pathway.organization,
            pathway=pathway,
            actor=user,
        )
        action_set_status(action=action, status=ActionStatus.DONE, actor=user)
    _contract(pathway, user, today, "Supermarché des Ponts (démo)", ContractType.CDD, 120, 8, None)
    pathway, _ = employment.pathway_close(
        pathway=pathway,
        user=user,
        on=today - timedelta(days=100),
        review_note="Hugo a tenu ses engagements du début à la fin ; merci pour l'orientation.",
    )
    assert pathway.exit_reason == ExitReason.LONG_FIXED_TERM
    return 1
