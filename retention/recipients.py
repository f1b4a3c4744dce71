"""Who is warned before a file is anonymised: the referents of the person's pathways;
failing a referent, the admins of the structures holding them; failing a pathway, the
admins of the organization that created the record."""

from accounts.models import User
from organizations.enums import Role
from organizations.models import Membership
from pathways.models import Pathway


def warning_recipients(person) -> list[User]:
    pathways = Pathway.objects.filter(person=person)
    referents = User.objects.filter(
        is_active=True, pk__in=pathways.exclude(referent=None).values("referent_id")
    )
    if referents.exists():
        return list(referents.order_by("pk"))
    organization_ids = list(pathways.values_list("organization_id", flat=True))
    if not organization_ids and person.created_by_organization_id:
        organization_ids = [person.created_by_organization_id]
    admins = Membership.objects.active().filter(
        organization_id__in=organization_ids, role=Role.ADMIN, user__is_active=True
    )
    return list(User.objects.filter(pk__in=admins.values("user_id")).order_by("pk"))
