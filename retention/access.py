"""Who answers a person's requests about their data: an admin of a structure that
follows the person (holds one of their pathways, or created the record to accompany
them), or the person's referent there; and the admins of the organization that created
the record, whatever its kind (a prescriber whose referral expired still holds the file
it created, and nobody else may answer for it). Erasure is for the admins only."""

from django.core.exceptions import PermissionDenied

from access.policy import Capability, active_memberships, membership_can
from pathways.models import Pathway
from persons.access import Level, access_level, person_for


def _following(person) -> dict[int, set[int]]:
    """{organization id: referent user ids} of the structures that follow the person."""
    following: dict[int, set[int]] = {}
    for organization_id, referent_id in Pathway.objects.filter(person=person).values_list(
        "organization_id", "referent_id"
    ):
        following.setdefault(organization_id, set()).add(referent_id)
    if person.created_by_organization_id:
        following.setdefault(person.created_by_organization_id, set())
    return following


def personal_data_organization(user, person, *, erase: bool = False, level: Level | None = None):
    """The organization on whose behalf `user` may export (or, with `erase`, erase) the
    person's data, or None. The caller has already checked the person is visible; a
    caller that knows the user's level on the person passes it."""
    return _answering(user, person, erase=erase, level=level, following={})


def personal_data_rights(user, person, *, level: Level | None = None) -> dict:
    """What the person's page offers: {"export": bool, "erase": bool}, the level and the
    structures following the person read once for both."""
    if level is None:
        level = access_level(user, person)
    following: dict = {}
    return {
        "export": _answering(user, person, erase=False, level=level, following=following)
        is not None,
        "erase": _answering(user, person, erase=True, level=level, following=following) is not None,
    }


def _answering(user, person, *, erase: bool, level: Level | None, following: dict):
    # `following` is read on first need and kept by the caller for a second question.
    if level is None:
        level = access_level(user, person)
    if level == Level.NONE:
        return None
    for membership in active_memberships(user):
        if membership.organization_id == person.created_by_organization_id and membership_can(
            membership, Capability.MANAGE_PERSONAL_DATA_OF_OWN_RECORDS
        ):
            return membership.organization
    if level < Level.TEAM:
        return None
    if "by_organization" not in following:
        following["by_organization"] = _following(person)
    referents = following["by_organization"]
    for membership in active_memberships(user):
        if membership.organization_id not in referents:
            continue
        if not membership_can(membership, Capability.FOLLOW_PERSONS):
            continue
        if membership_can(membership, Capability.MANAGE_PERSONAL_DATA):
            return membership.organization
        if not erase and user.pk in referents[membership.organization_id]:
            return membership.organization
    return None


ANSWERS_FOR_DATA_ONLY = (
    "Seuls les administrateurs (ou le référent) d'une structure qui suit la personne, "
    "et les administrateurs de l'organisation qui a créé son dossier, répondent à ses "
    "demandes sur ses données."
)


def personal_data_for(user, pk, *, erase: bool = False):
    """The person `pk` and the organization on whose behalf `user` answers for their data,
    for the page and the API alike: 404 if the person is not visible to the user at all,
    PermissionDenied if they see the person but do not answer for their data."""
    person, organization, _ = personal_data_with_level(user, pk, erase=erase)
    return person, organization


def personal_data_with_level(user, pk, *, erase: bool = False):
    """`personal_data_for` and the user's level on the person: the admin of the
    organization that created a record answers for its data without seeing all of it,
    and the page around the request offers only what that level opens."""
    person, level = person_for(user, pk, needed=Level.MILESTONES)
    organization = personal_data_organization(user, person, erase=erase, level=level)
    if organization is None:
        raise PermissionDenied(ANSWERS_FOR_DATA_ONLY)
    return person, organization, level
