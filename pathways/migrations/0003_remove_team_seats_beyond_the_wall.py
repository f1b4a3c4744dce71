"""Remove the pathway team seats that break the team wall: a seat held for an
organization whose kind may not join a team (companies, employer groups, coordinators
and funders), or by a user who is no longer an active member of the organization the
seat is held for. Each removal is written to the audit trail, in the holding
structure's log, by the system.

The kinds allowed are frozen here as they were when the wall was built (see
`access.policy`: JOIN_TEAMS and JOIN_TEAMS_FOR_MILESTONES): a migration must give the
same result whenever it runs."""

from django.db import migrations

# Accompanying structures (inclusion employers, employment hubs), partner services and
# prescribers.
KINDS_JOINING_TEAMS = frozenset(
    {
        # prescribers (milestones only)
        "FT",
        "CAP_EMPLOI",
        "ML",
        "DEPT",
        "CCAS",
        "PLIE",
        "SPIP",
        "PRESCRIBER",
        # inclusion employers
        "ACI",
        "AI",
        "EI",
        "ETTI",
        "EITI",
        "GEIQ",
        "EBE",
        # employment hubs, partner services
        "HUB",
        "PARTNER",
    }
)
SYSTEM_ACTOR = "Système"


def _reason(member, is_member: bool) -> str:
    if member.organization.kind not in KINDS_JOINING_TEAMS:
        return (
            f"Retiré·e de l'équipe : {member.organization.name} ne peut pas rejoindre une "
            "équipe d'accompagnement (employeur, coordinateur ou financeur)."
        )
    return (
        f"Retiré·e de l'équipe : n'est plus membre de {member.organization.name}."
        if not is_member
        else ""
    )


def remove_seats_beyond_the_wall(apps, schema_editor) -> int:
    TeamMember = apps.get_model("pathways", "TeamMember")
    Membership = apps.get_model("organizations", "Membership")
    AuditEntry = apps.get_model("audit", "AuditEntry")
    ContentType = apps.get_model("contenttypes", "ContentType")
    content_type, _ = ContentType.objects.get_or_create(app_label="pathways", model="teammember")
    removed = 0
    seats = TeamMember.objects.select_related("user", "organization", "pathway").order_by("pk")
    for member in seats.iterator():
        is_member = Membership.objects.filter(
            user_id=member.user_id, organization_id=member.organization_id, is_active=True
        ).exists()
        reason = _reason(member, is_member)
        if not reason:
            continue
        user = member.user
        name = f"{user.first_name} {user.last_name}".strip() or user.email
        AuditEntry.objects.create(
            content_type=content_type,
            object_id=str(member.pk),
            object_repr=f"{name} ({member.organization.name})"[:255],
            action="delete",
            changes={
                "organization": [member.organization.name, None],
                "role": [member.role, None],
                "motif": [reason, None],
            },
            actor=None,
            actor_repr=SYSTEM_ACTOR,
            organization_id=member.pathway.organization_id,
        )
        member.delete()
        removed += 1
    return removed


class Migration(migrations.Migration):
    dependencies = [
        ("pathways", "0002_initial"),
        ("organizations", "0002_directory_profile"),
        ("audit", "0003_sensitiveread_person_sensitiveread_user_and_more"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.RunPython(remove_seats_beyond_the_wall, migrations.RunPython.noop),
    ]
