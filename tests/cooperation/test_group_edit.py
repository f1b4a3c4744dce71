"""« Modifier le groupe »: the coordinating organization changes its working group's
name, area, priorities and member organizations (the page and the API); removing a
member asks first and is in the trail; a member organization answers 403, a stranger
404; a refused change keeps what was typed and changes nothing."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from audit.models import AuditEntry
from cooperation import services
from cooperation.models import WorkingGroup
from tests.factories.organizations import MembershipFactory, OrganizationFactory
from tests.factories.territories import CommuneFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def partner():
    organization = OrganizationFactory(name="Mission locale partenaire")
    return organization, MembershipFactory(organization=organization).user


@pytest.fixture
def group(team, partner):
    return services.group_create(
        user=team.colleague,
        lead_organization=team.organization,
        name="Alliance du bassin",
        communes=[team.organization.commune],
        organizations=[partner[0]],
        priorities=["Des prescriptions qui aboutissent", "Anticiper les fins de parcours"],
    )


def _form(group, **changes) -> dict:
    data = {
        "name": group.name,
        "description": group.description,
        "epci": group.epci_id or "",
        "communes": [c.pk for c in group.communes.all()],
        "organizations": [o.pk for o in group.organizations.all()],
        "priorities": "\n".join(p.title for p in group.priorities.all()),
    }
    data.update(changes)
    return data


def _trail(group):
    kind = ContentType.objects.get_for_model(WorkingGroup)
    return [
        e.changes
        for e in AuditEntry.objects.filter(content_type=kind, object_id=str(group.pk)).order_by(
            "pk"
        )
    ]


def test_the_coordinator_finds_the_form_prefilled(client, team, group, partner):
    client.force_login(team.colleague)
    url = reverse("group_edit", args=[group.pk])
    assert url in client.get(reverse("group_detail", args=[group.pk])).content.decode()
    page = client.get(url).content.decode()
    assert 'value="Alliance du bassin"' in page
    assert "Anticiper les fins de parcours" in page and "Mission locale partenaire" in page
    client.force_login(partner[1])
    assert url not in client.get(reverse("group_detail", args=[group.pk])).content.decode()


def test_the_coordinator_renames_reorders_and_adds_a_member(client, team, group):
    newcomer = OrganizationFactory(name="Association Nouvelle")
    commune = team.organization.commune
    client.force_login(team.colleague)
    response = client.post(
        reverse("group_edit", args=[group.pk]),
        _form(
            group,
            name="Alliance élargie",
            epci=commune.epci_id,
            organizations=[*(o.pk for o in group.organizations.all()), newcomer.pk],
            priorities="Anticiper les fins de parcours\nLa mobilité",
        ),
    )
    assert response.status_code == 302
    group.refresh_from_db()
    assert group.name == "Alliance élargie" and group.epci_id == commune.epci_id
    assert [p.title for p in group.priorities.all()] == [
        "Anticiper les fins de parcours",
        "La mobilité",
    ]
    assert newcomer in group.organizations.all()
    added = [c["organizations"] for c in _trail(group) if "organizations" in c][-1]
    assert newcomer.pk in added[1] and newcomer.pk not in added[0]


def test_removing_a_member_asks_first_then_is_logged(client, team, group, partner):
    client.force_login(team.colleague)
    url = reverse("group_edit", args=[group.pk])
    data = _form(group, organizations=[team.organization.pk], description="Gardée")
    asked = client.post(url, data)
    assert asked.status_code == 200
    body = asked.content.decode()
    assert "Mission locale partenaire ne sera plus membre" in body and "Gardée" in body
    assert partner[0] in group.organizations.all()
    done = client.post(url, {**data, "confirmation": "oui"})
    assert done.status_code == 302
    assert list(group.organizations.all()) == [team.organization]
    assert WorkingGroup.objects.get(pk=group.pk).description == "Gardée"
    before, after = [c["organizations"] for c in _trail(group) if "organizations" in c][-1]
    assert partner[0].pk in before and after == [team.organization.pk]


def test_a_refused_change_keeps_what_was_typed(client, team, group):
    client.force_login(team.colleague)
    response = client.post(
        reverse("group_edit", args=[group.pk]),
        _form(group, name="", description="Texte gardé", epci="", communes=[]),
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert "Texte gardé" in body and "Choisissez le bassin d&#x27;emploi" in body
    assert WorkingGroup.objects.get(pk=group.pk).name == "Alliance du bassin"


def test_a_priority_with_sheets_and_a_piloting_member_stay(client, team, group, partner, bearer):
    services.sheet_create(
        group=group,
        user=partner[1],
        title="Visites de chantier",
        objective="Faire découvrir",
        lead_organization=partner[0],
        priority=group.priorities.first(),
    )
    client.force_login(team.colleague)
    response = client.post(
        reverse("group_edit", args=[group.pk]), _form(group, priorities="Autre chose")
    )
    assert response.status_code == 400
    assert "a des fiches-action" in response.content.decode()
    api = client.patch(
        f"/api/v1/working-groups/{group.pk}",
        {"organization_ids": [team.organization.pk]},
        content_type="application/json",
        headers=bearer(team.colleague),
    )
    assert api.status_code == 400 and "pilote la fiche-action" in api.json()["detail"]
    assert partner[0] in group.organizations.all()
    assert group.priorities.count() == 2


def test_the_api_changes_the_group_as_the_page_does(client, team, group, partner, bearer):
    other_commune = CommuneFactory(name="Trélazé")
    response = client.patch(
        f"/api/v1/working-groups/{group.pk}",
        {
            "name": "Alliance du bassin ouest",
            "commune_codes": [team.organization.commune.pk, other_commune.pk],
            "priorities": ["La mobilité"],
        },
        content_type="application/json",
        headers=bearer(team.colleague),
    )
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["name"] == "Alliance du bassin ouest" and body["priorities"] == ["La mobilité"]
    assert sorted(body["commune_codes"]) == sorted([team.organization.commune.pk, other_commune.pk])
    assert body["organization_ids"] == sorted([team.organization.pk, partner[0].pk])


@pytest.mark.parametrize(
    "payload",
    [
        {"name": ""},
        {"epci_code": None, "commune_codes": []},
        {"organization_ids": [2**62]},
        {"commune_codes": ["00000"]},
        {"epci_code": "999999999"},
        {"priorities": ["x" * 300]},
        {"organization_ids": "abc"},
    ],
)
def test_the_api_refuses_bad_input_with_a_4xx(client, team, group, bearer, payload):
    response = client.patch(
        f"/api/v1/working-groups/{group.pk}",
        payload,
        content_type="application/json",
        headers=bearer(team.colleague),
    )
    assert response.status_code in (400, 422), response.content
    assert WorkingGroup.objects.get(pk=group.pk).name == "Alliance du bassin"


def test_a_member_gets_403_and_a_stranger_404(client, team, group, partner, bearer):
    url = reverse("group_edit", args=[group.pk])
    api = f"/api/v1/working-groups/{group.pk}"
    json = {"content_type": "application/json"}
    client.force_login(partner[1])
    assert client.get(url).status_code == 403
    assert client.post(url, _form(group, name="Piraté")).status_code == 403
    member = bearer(partner[1])
    assert client.patch(api, {"name": "Piraté"}, **json, headers=member).status_code == 403
    client.force_login(team.stranger)
    assert client.get(url).status_code == 404
    assert client.post(url, _form(group, name="Piraté")).status_code == 404
    stranger = bearer(team.stranger)
    assert client.patch(api, {"name": "Piraté"}, **json, headers=stranger).status_code == 404
    assert WorkingGroup.objects.get(pk=group.pk).name == "Alliance du bassin"
