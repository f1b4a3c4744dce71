"""The write services check who acts, whatever entry point calls them (a page, the API,
a task, a command): the pages and the API check first, and the services check again
through the same access modules.

For each write about a person: someone the person is a stranger to, an employer seated
on the person's team (a seat beyond the wall gives nothing) and the prescriber who
referred them (milestones only) are refused, and nothing is written — no row, no audit
entry, no timeline event. The accompanying team writes. The system writes only when it
says so (`SYSTEM`), and never what names its author; a caller that passes no actor is
refused.
"""

from datetime import timedelta
from types import SimpleNamespace

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from audit.context import SYSTEM
from audit.models import AuditEntry
from barriers.enums import BarrierStatus
from barriers.models import BarrierStatusChange
from barriers.services import barrier_change_status
from immersions import services as immersions
from partner_services import services as partner_services
from partner_services.enums import ReferralState
from partner_services.models import ServiceReferralTransition
from pathways.enums import TeamRole
from persons import services as persons
from persons.enums import ConsentMethod, ConsentPurpose, ContractType
from persons.models import Consent
from plans import services as plans
from plans.enums import ActionKind, ActionStatus, Attendance, NoteVisibility, ObjectiveStatus
from tests.barriers.helpers import identify, partner_with_service
from tests.factories.files import PDF
from tests.factories.jobs import AppellationFactory
from tests.factories.pathways import TeamMemberFactory
from tests.factories.persons import PersonFactory
from tests.offers.helpers import employer_account, trelaze
from timeline.models import TimelineEvent

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(team, followed):
    """The followed person with one of everything the services change, and the actors."""
    person, colleague, organization = followed.person, team.colleague, team.organization
    employer, manager, own_company = employer_account()
    TeamMemberFactory(
        pathway=followed.pathway, user=manager, organization=employer, role=TeamRole.OTHER
    )
    commune = trelaze()
    _, _, service = partner_with_service(commune)
    _, _, other_service = partner_with_service(commune, name="Auto-école sociale")
    barrier = identify(person, "mobilite-sans-vehicule", colleague, organization)
    objective = plans.objective_create(
        person=person, title="Permis B", user=colleague, organization=organization
    )
    first_wish = persons.wish_add(
        person=person, appellation=AppellationFactory(name="Cariste"), actor=colleague
    )
    second_wish = persons.wish_add(
        person=person, appellation=AppellationFactory(name="Plongeur"), actor=colleague
    )
    start = timezone.localdate() + timedelta(days=10)
    return SimpleNamespace(
        person=person,
        organization=organization,
        colleague=colleague,
        barrier=barrier,
        objective=objective,
        action=plans.action_create(
            person=person,
            kind=ActionKind.OTHER,
            title="Appeler la CAF",
            owner=colleague,
            organization=organization,
            actor=colleague,
        ),
        appointment=plans.appointment_create(
            person=person,
            at=timezone.now() - timedelta(days=1),
            subject="Point d'étape",
            organization=organization,
            with_user=colleague,
            actor=colleague,
        ),
        immersion=immersions.immersion_create(
            person=person,
            organization=organization,
            user=colleague,
            data={
                "company": own_company,
                "start_on": start,
                "end_on": start + timedelta(days=4),
                "objective": "discover",
            },
        ),
        company=own_company,
        wishes=(first_wish, second_wish),
        experience=persons.experience_save(
            person=person, data={"description": "Plonge"}, actor=colleague
        ),
        service=other_service,
        referral=partner_services.service_referral_send(
            person=person,
            service=service,
            organization=organization,
            user=colleague,
            message="Pouvez-vous la recevoir ?",
        ),
        twin=PersonFactory(created_by_organization=organization, first_name="Sandra"),
        outsiders={
            "stranger": team.stranger,
            "employer": manager,
            "prescriber": followed.prescriber_user,
        },
    )


# One write per service: `write(world, actor)` with the actor in the service's own
# keyword (the user it records, or `actor` where it records nobody).
WRITES = {
    "objective_create": lambda w, actor: plans.objective_create(
        person=w.person, title="Se former", user=actor, organization=w.organization
    ),
    "objective_set_status": lambda w, actor: plans.objective_set_status(
        objective=w.objective, status=ObjectiveStatus.REACHED, actor=actor
    ),
    "action_create": lambda w, actor: plans.action_create(
        person=w.person,
        kind=ActionKind.TRAINING,
        title="CACES 1",
        owner=w.colleague,
        organization=w.organization,
        actor=actor,
    ),
    "action_set_status": lambda w, actor: plans.action_set_status(
        action=w.action, status=ActionStatus.DONE, actor=actor
    ),
    "appointment_create": lambda w, actor: plans.appointment_create(
        person=w.person,
        at=timezone.now(),
        subject="Bilan",
        organization=w.organization,
        actor=actor,
    ),
    "appointment_set_attendance": lambda w, actor: plans.appointment_set_attendance(
        appointment=w.appointment, attendance=Attendance.ATTENDED, actor=actor
    ),
    "note_create": lambda w, actor: plans.note_create(
        person=w.person,
        text="Entretien",
        visibility=NoteVisibility.TEAM,
        author=actor,
        organization=w.organization,
    ),
    "document_upload": lambda w, actor: plans.document_upload(
        person=w.person,
        kind="cv",
        file=SimpleUploadedFile("cv.pdf", PDF),
        uploaded_by=actor,
        organization=w.organization,
    ),
    "barrier_identify": lambda w, actor: identify(
        w.person, "mobilite-sans-permis", actor, w.organization
    ),
    "barrier_change_status": lambda w, actor: barrier_change_status(
        barrier=w.barrier,
        to_status=BarrierStatus.LIFTED,
        user=actor,
        organization=w.organization,
    ),
    "immersion_create": lambda w, actor: immersions.immersion_create(
        person=w.person,
        organization=w.organization,
        user=actor,
        data={
            "company": w.company,
            "start_on": w.immersion.start_on + timedelta(days=20),
            "end_on": w.immersion.start_on + timedelta(days=22),
            "objective": "recruit",
        },
    ),
    "immersion_update": lambda w, actor: immersions.immersion_update(
        immersion=w.immersion, user=actor, data={"tutor_name": "Mme Tuteur"}
    ),
    "service_referral_send": lambda w, actor: partner_services.service_referral_send(
        person=w.person,
        service=w.service,
        organization=w.organization,
        user=actor,
        message="Une place pour elle ?",
        barrier=w.barrier,
    ),
    "service_referral_transition": lambda w, actor: partner_services.service_referral_transition(
        referral=w.referral, to_state=ReferralState.CANCELLED, user=actor
    ),
    "person_update": lambda w, actor: persons.person_update(
        person=w.person, data={"no_weekends": True}, actor=actor
    ),
    "wanted_work_update": lambda w, actor: persons.wanted_work_update(
        person=w.person, contract_types=[ContractType.CDI], hours_per_week=24, actor=actor
    ),
    "consent_record": lambda w, actor: persons.consent_record(
        person=w.person,
        purpose=ConsentPurpose.SUCCESS_STORY,
        given=True,
        method=ConsentMethod.ORAL,
        user=actor,
        organization=w.organization,
    ),
    "wish_add": lambda w, actor: persons.wish_add(
        person=w.person, appellation=AppellationFactory(name="Magasinier"), actor=actor
    ),
    "wish_remove": lambda w, actor: persons.wish_remove(wish=w.wishes[0], actor=actor),
    "wish_move": lambda w, actor: persons.wish_move(wish=w.wishes[1], direction="up", actor=actor),
    "experience_save": lambda w, actor: persons.experience_save(
        person=w.person, data={"description": "Vendange"}, actor=actor
    ),
    "experience_remove": lambda w, actor: persons.experience_remove(
        experience=w.experience, actor=actor
    ),
    "person_merge": lambda w, actor: persons.person_merge(
        keep=w.person, duplicate=w.twin, user=actor, organization=w.organization
    ),
}


# The writes whose record names the user who made it: the system does not make them.
AUTHORED = {
    "objective_create",
    "note_create",
    "document_upload",
    "barrier_identify",
    "immersion_create",
    "service_referral_send",
}


def _written():
    """Everything a write leaves behind: audited rows, timeline, and the logs that are
    not audited rows themselves."""
    return (
        AuditEntry.objects.count(),
        TimelineEvent.objects.count(),
        Consent.objects.count(),
        BarrierStatusChange.objects.count(),
        ServiceReferralTransition.objects.count(),
    )


@pytest.mark.parametrize("outsider", ["stranger", "employer", "prescriber"])
@pytest.mark.parametrize("service", sorted(WRITES))
def test_an_outsider_is_refused_and_nothing_is_written(world, service, outsider):
    before = _written()
    with pytest.raises(PermissionDenied) as refusal:
        WRITES[service](world, world.outsiders[outsider])
    assert str(refusal.value)  # a French sentence, not an empty refusal
    assert _written() == before


@pytest.mark.parametrize("service", sorted(WRITES))
def test_the_team_writes(world, service):
    before = _written()
    WRITES[service](world, world.colleague)
    assert _written() != before


@pytest.mark.parametrize("service", sorted(WRITES))
def test_a_caller_that_names_no_actor_is_refused(world, service):
    before = _written()
    with pytest.raises(PermissionDenied):
        WRITES[service](world, None)
    assert _written() == before


@pytest.mark.parametrize("service", sorted(set(WRITES) - AUTHORED))
def test_the_system_writes_when_it_says_so(world, service):
    before = _written()
    WRITES[service](world, SYSTEM)
    assert _written() != before


@pytest.mark.parametrize("service", sorted(AUTHORED))
def test_the_system_does_not_write_what_names_its_author(world, service):
    before = _written()
    with pytest.raises(PermissionDenied, match="porte le nom de son auteur"):
        WRITES[service](world, SYSTEM)
    assert _written() == before


def test_what_the_system_changes_names_no_user(world):
    barrier = WRITES["barrier_change_status"](world, SYSTEM)
    assert barrier.updated_by is None
    assert barrier.status_changes.order_by("-pk").first().by is None
