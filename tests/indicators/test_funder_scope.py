"""Per funder: an organization's admins name its funders; each funder reads the figures
of the organizations that name it, added up, « moins de 5 » in small cells and no name
— and nothing of an organization that does not name it."""

from datetime import timedelta

import pytest
from django.http import Http404
from django.utils import timezone

from audit.models import AuditEntry
from indicators.periods import last_quarter
from indicators.scopes import FUNDER, scope_choices, scope_for
from indicators.selectors import indicator_table
from organizations.enums import OrganizationKind, Role
from tests.factories.organizations import MembershipFactory, OrganizationFactory
from tests.factories.pathways import PathwayFactory
from tests.www.test_organization_edit import _form

pytestmark = pytest.mark.django_db


@pytest.fixture
def quarter():
    return last_quarter(timezone.localdate())


@pytest.fixture
def funder(team):
    organization = OrganizationFactory(kind=OrganizationKind.COORDINATOR, name="Fonds Local")
    user = MembershipFactory(organization=organization, role=Role.MEMBER).user
    return organization, user


def _pathways(organization, quarter, how_many):
    for day in range(how_many):
        PathwayFactory(organization=organization, started_on=quarter.start + timedelta(days=day))


def _key(organization) -> str:
    return f"financeur:{organization.pk}"


def test_the_admin_names_a_funder_on_the_organization_page_and_it_is_logged(client, team, funder):
    organization, _ = funder
    client.force_login(team.admin)
    page = client.get(f"/organisations/{team.organization.pk}/modifier/").content.decode()
    assert "Fonds Local" in page and "Financeurs" in page
    response = client.post(
        f"/organisations/{team.organization.pk}/modifier/",
        _form(team.organization, funders=[organization.pk]),
    )
    assert response.status_code == 302
    assert list(team.organization.funders.all()) == [organization]
    entry = AuditEntry.objects.for_object(team.organization).first()
    assert entry.changes == {"funders": [[], [organization.pk]]} and entry.actor == team.admin


def test_only_coordinators_and_funders_are_offered_as_funders(client, team, funder):
    client.force_login(team.admin)
    response = client.post(
        f"/organisations/{team.organization.pk}/modifier/",
        _form(team.organization, funders=[team.other.pk]),
    )
    assert response.status_code == 400  # the form again, with its error
    assert not team.organization.funders.exists()


def test_a_funder_reads_the_organizations_that_name_it_added_up(team, funder, quarter):
    organization, user = funder
    assert _key(organization) not in dict(scope_choices(user))
    team.organization.funders.add(organization)
    team.other.funders.add(organization)
    unfunded = OrganizationFactory(kind=OrganizationKind.ACI)
    _pathways(team.organization, quarter, 4)
    _pathways(team.other, quarter, 3)
    _pathways(unfunded, quarter, 6)

    assert _key(organization) in dict(scope_choices(user))
    scope = scope_for(user, _key(organization))
    assert scope.kind == FUNDER and scope.across_organizations
    assert set(scope.organization_ids) == {team.organization.pk, team.other.pk}
    rows = {row.code: row for row in indicator_table(scope, quarter)}
    assert rows["people.accompanied"].value == 7
    PathwayFactory(organization=team.other, started_on=quarter.start, kind="support")
    rows = {row.code: row for row in indicator_table(scope, quarter)}
    assert rows["people.kind.support"].shown == "moins de 5"


def test_no_one_else_reads_a_funders_scope(team, funder):
    organization, _ = funder
    team.organization.funders.add(organization)
    for user in (team.colleague, team.admin, team.stranger):
        with pytest.raises(Http404):
            scope_for(user, _key(organization))
    other_funder = MembershipFactory(
        organization=OrganizationFactory(kind=OrganizationKind.COORDINATOR)
    ).user
    with pytest.raises(Http404):
        scope_for(other_funder, _key(organization))


def test_the_page_and_the_api_agree_on_a_funders_figures(client, team, funder, quarter, bearer):
    organization, user = funder
    team.organization.funders.add(organization)
    _pathways(team.organization, quarter, 6)
    client.force_login(user)
    page = client.get("/resultats/", {"perimetre": _key(organization)}).content.decode()
    assert "Structures financées par Fonds Local" in page
    assert "les organisations qui le nomment parmi leurs financeurs" in page
    body = client.get(
        "/api/v1/indicators",
        {"scope": "funder", "id": organization.pk},
        headers=bearer(user),
    ).json()
    values = {row["code"]: row["value"] for row in body["indicators"]}
    assert body["scope"] == FUNDER and values["people.accompanied"] == 6
    stranger = client.get(
        "/api/v1/indicators",
        {"scope": "funder", "id": organization.pk},
        headers=bearer(team.stranger),
    )
    assert stranger.status_code == 404
