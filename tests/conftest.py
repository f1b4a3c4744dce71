"""Personas shared by the whole suite: every access rule is tested with an admin of the
organization, a colleague (member), and a stranger from another organization."""

import time
from types import SimpleNamespace

import pytest
from allauth.mfa.totp.internal.auth import TOTP

from accounts.services import api_token_create
from lib import rate_limit
from organizations.enums import OrganizationKind, Role
from pathways.enums import EntryChannel, PathwayKind
from pathways.services import pathway_open
from persons.services import person_create
from tests.factories.accounts import UserFactory
from tests.factories.organizations import MembershipFactory, OrganizationFactory


@pytest.fixture(autouse=True)
def _fresh_feature_store():
    """Each test has its own database: the matching store of this process must not
    remember the previous one's rows."""
    from matching.features import forget_feature_store

    forget_feature_store()


@pytest.fixture
def team(db):
    organization = OrganizationFactory(name="Chantier des Tests")
    admin = MembershipFactory(organization=organization, role=Role.ADMIN).user
    TOTP.activate(admin, "JBSWY3DPEHPK3PXP")  # admins must have MFA to use the site
    colleague = MembershipFactory(organization=organization, role=Role.MEMBER).user
    other = OrganizationFactory(name="Structure Étrangère")
    stranger = MembershipFactory(organization=other, role=Role.MEMBER).user
    return SimpleNamespace(
        organization=organization,
        admin=admin,
        colleague=colleague,
        other=other,
        stranger=stranger,
    )


@pytest.fixture
def followed(team):
    """A person followed by the team's structure (an ACI), referred by a prescriber
    organization with its own member; the stranger has nothing to do with them."""
    prescriber = OrganizationFactory(
        name="France Travail Test", kind=OrganizationKind.FRANCE_TRAVAIL
    )
    prescriber_user = MembershipFactory(organization=prescriber).user
    person = person_create(
        organization=team.organization,
        user=team.colleague,
        data={"first_name": "Sandrine", "last_name": "Quintaval", "email": "sandrine@exemple.fr"},
    )
    pathway = pathway_open(
        person=person,
        organization=team.organization,
        kind=PathwayKind.IAE,
        referent=team.colleague,
        user=team.colleague,
        entry_channel=EntryChannel.REFERRAL,
        prescriber_organization=prescriber,
    )
    return SimpleNamespace(
        person=person, pathway=pathway, prescriber=prescriber, prescriber_user=prescriber_user
    )


@pytest.fixture
def at_a_window_start(monkeypatch):
    """The limits count in fixed windows of a minute (and an hour): a test that sends
    several forms must not see its window turn in the middle, which a slow machine makes
    likely. The clock the limits and the form tokens read runs as the real one, set back
    to an hour's start."""
    offset = time.time() % 3600
    monkeypatch.setattr(rate_limit, "now", lambda: time.time() - offset)


@pytest.fixture
def bearer(db):
    """`bearer(user)`: API headers carrying a fresh token of `user` (a new user if None)."""

    def headers_for(user=None) -> dict:
        _, raw = api_token_create(user=user or UserFactory(), name="tests")
        return {"Authorization": f"Bearer {raw}"}

    return headers_for


def pytest_report_header(config):
    from django.conf import settings

    engine = settings.DATABASES["default"]["ENGINE"].rsplit(".", 1)[-1]
    return f"base de données : {engine}"
