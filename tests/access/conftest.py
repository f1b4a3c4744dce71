"""The objects and private strings every walk of the site uses (the stranger walk, the
employer walls)."""

from importlib import import_module
from pathlib import Path

import pytest

from organizations import services
from organizations.enums import Role
from organizations.models import Membership


@pytest.fixture
def secrets_of_the_team(team, followed):
    """The team's private data, and the objects the routes' arguments point to.

    Each domain adds its own objects in a `tests/access/samples_<domain>.py` module whose
    `samples(team, followed)` returns (markers, arguments): they are merged here."""
    invitation, _ = services.invitation_send(
        organization=team.organization,
        email="invitee.secrete@exemple.fr",
        role=Role.MEMBER,
        invited_by=team.admin,
    )
    membership = Membership.objects.get(user=team.colleague)
    markers = [
        team.colleague.email,
        team.admin.email,
        invitation.email,
        team.organization.siret,
        followed.person.email,
        followed.person.last_name,
    ]
    arguments = {
        "pk": team.organization.pk,
        "organization_id": team.organization.pk,
        "membership_pk": membership.pk,
        "invitation_pk": invitation.pk,
        "token": "jeton-inconnu",
        "code": team.organization.commune_id,  # reference data: public, not a secret
        "person_id": followed.person.pk,
        "person_pk": followed.person.pk,
        "pathway_id": followed.pathway.pk,
        "pathway_pk": followed.pathway.pk,
    }
    for module in sorted(Path(__file__).parent.glob("samples_*.py")):
        more_markers, more_arguments = import_module(f"tests.access.{module.stem}").samples(
            team, followed
        )
        markers += more_markers
        arguments.update(more_arguments)
    return markers, arguments
