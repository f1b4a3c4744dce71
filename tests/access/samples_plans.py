"""Objects of the followed person for the pathway and action plan routes' arguments,
with private strings the stranger must never see."""

from datetime import date, timedelta

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from organizations.enums import OrganizationKind
from pathways.enums import TeamRole
from pathways.services import team_member_add
from plans import services
from plans.enums import ActionKind, DocumentKind, NoteVisibility
from tests.factories.organizations import MembershipFactory, OrganizationFactory


def samples(team, followed):
    person, organization = followed.person, team.organization
    partner = OrganizationFactory(kind=OrganizationKind.PARTNER_SERVICE)
    social_worker = MembershipFactory(organization=partner).user
    member = team_member_add(
        pathway=followed.pathway,
        user=social_worker,
        organization=partner,
        role=TeamRole.SOCIAL_WORKER,
        access_until=None,
        actor=team.colleague,
    )
    objective = services.objective_create(
        person=person,
        title="Objectif secret : permis B",
        user=team.colleague,
        organization=organization,
        pathway=followed.pathway,
        is_employment=False,
    )
    action = services.action_create(
        actor=team.colleague,
        person=person,
        kind=ActionKind.MOBILITY,
        title="Action secrète : code de la route",
        owner=team.colleague,
        organization=organization,
        due_on=date.today() - timedelta(days=3),
        objective=objective,
    )
    # Carried by a team member of another organization: « Mes actions » is theirs only.
    shared = services.action_create(
        actor=team.colleague,
        person=person,
        kind=ActionKind.MOBILITY,
        title="Action partagée secrète : garage solidaire",
        owner=social_worker,
        organization=organization,
    )
    appointment = services.appointment_create(
        actor=team.colleague,
        person=person,
        at=timezone.now(),
        subject="Rendez-vous secret à la mission locale",
        organization=organization,
        with_user=team.colleague,
    )
    services.note_create(
        person=person,
        text="Note très confidentielle sur Sandrine",
        visibility=NoteVisibility.ORGANIZATION,
        author=team.colleague,
        organization=organization,
    )
    document = services.document_upload(
        person=person,
        kind=DocumentKind.CV,
        file=SimpleUploadedFile("cv-secret-quintaval.pdf", b"%PDF-1.4 secret"),
        uploaded_by=team.colleague,
        organization=organization,
    )
    markers = [
        objective.title,
        action.title,
        shared.title,
        appointment.subject,
        "Note très confidentielle",
        "cv-secret-quintaval",
        social_worker.email,
    ]
    arguments = {
        "member_pk": member.pk,
        "objective_pk": objective.pk,
        "action_pk": action.pk,
        "action_id": action.pk,
        "appointment_id": appointment.pk,
        "appointment_pk": appointment.pk,
        "document_pk": document.pk,
    }
    return markers, arguments
