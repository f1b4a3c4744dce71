"""Route arguments of the cooperation pages and endpoints: a working group of the team's
structure with a meeting, a participant, a sheet and an action, and a partnership of the
team's structure with an employer, with a document. Their words are the team's: the
stranger must not read them."""

from datetime import datetime, time, timedelta

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from cooperation import services
from cooperation.enums import PartnershipKind
from events import services as events
from organizations.enums import OrganizationKind
from tests.factories.organizations import MembershipFactory, OrganizationFactory


def samples(team, followed):
    group = services.group_create(
        user=team.colleague,
        lead_organization=team.organization,
        name="Groupe groupe-secret-cooperation",
        communes=[team.organization.commune],
    )
    day = timezone.localdate() + timedelta(days=5)
    meeting = events.event_create(
        user=team.colleague,
        organization=team.organization,
        kind="collective_day",
        title="Réunion reunion-secrete-groupe",
        starts_at=timezone.make_aware(datetime.combine(day, time(9))),
        ends_at=timezone.make_aware(datetime.combine(day, time(12))),
        address="Mairie",
    )
    services.group_meeting_add(group=group, user=team.colleague, event=meeting)
    participant = services.group_member_add(group=group, user=team.colleague, person=team.admin)
    sheet = services.sheet_create(
        group=group,
        user=team.colleague,
        title="Fiche fiche-secrete-cooperation",
        objective="Objectif objectif-secret-cooperation",
        lead_organization=team.organization,
    )
    action = services.sheet_action_add(
        sheet=sheet, user=team.colleague, title="Action", owner_organization=team.organization
    )
    employer = OrganizationFactory(name="Employeur partenaire", kind=OrganizationKind.COMPANY)
    MembershipFactory(organization=employer)
    partnership = services.partnership_create(
        user=team.colleague,
        organization=team.organization,
        kind=PartnershipKind.OTHER,
        employer=employer,
        structure=team.organization,
        started_on=timezone.localdate(),
        notes="Notes notes-secretes-partenariat",
    )
    services.partnership_update(
        partnership=partnership,
        user=team.colleague,
        data={"tensions_notes": "Analyse tension-secrete-partenariat"},
    )
    document = services.partnership_document_upload(
        partnership=partnership,
        user=team.colleague,
        organization=team.organization,
        title="Analyse document-secret-partenariat",
        file=SimpleUploadedFile("analyse.pdf", b"%PDF-1.4 contenu", content_type="application/pdf"),
    )
    markers = [
        "groupe-secret-cooperation",
        "fiche-secrete-cooperation",
        "objectif-secret-cooperation",
        "notes-secretes-partenariat",
        "tension-secrete-partenariat",
        "document-secret-partenariat",
        "reunion-secrete-groupe",
    ]
    arguments = {
        "group_pk": group.pk,
        "group_id": group.pk,
        "sheet_pk": sheet.pk,
        "sheet_id": sheet.pk,
        "sheet_action_pk": action.pk,
        "group_member_pk": participant.pk,
        # The API names a group's meeting by its event and a participant by their user
        # (`event_id` is also the events' sample: a group the stranger does not see
        # answers 404 whatever the event).
        "user_id": team.admin.pk,
        "partnership_pk": partnership.pk,
        "partnership_id": partnership.pk,
        "partnership_document_pk": document.pk,
    }
    return markers, arguments


# The bodies the walks send to the cooperation routes that write: the team's own event
# and person, so a walker reaches the group's scope, not only a refused body.
API_BODIES = {
    "working_group_meeting_add": lambda arguments: {"event_id": arguments["event_id"]},
    "working_group_member_add": lambda arguments: {"user_id": arguments["user_id"]},
}
