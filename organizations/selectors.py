from organizations.models import Invitation, Membership, Organization


def organizations_for(user):
    return Organization.objects.visible_to(user).select_related("commune").order_by("name", "id")


def organization_for(user, pk: int) -> Organization:
    """Fetch and authorise in one step: a stranger gets Organization.DoesNotExist (404)."""
    return organizations_for(user).get(pk=pk)


def members_of(organization: Organization):
    return (
        Membership.objects.active()
        .filter(organization=organization)
        .select_related("user")
        .order_by("user__last_name", "user__first_name", "user__email")
    )


def pending_invitations_of(organization: Organization):
    return Invitation.objects.pending().filter(organization=organization).order_by("-created_at")
