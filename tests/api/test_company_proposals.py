"""The API agrees with the pages: an owned company's record is its owner's, the others
propose, the owner accepts or refuses."""

from companies.enums import ProposalState
from companies.models import ChangeProposal
from tests.companies.helpers import a_company
from tests.offers.helpers import employer_account


def _post(client, path, payload, headers):
    return client.post(path, payload, content_type="application/json", headers=headers)


def test_a_structure_cannot_patch_an_owned_company_and_proposes_instead(client, team, bearer):
    _, owner, company = employer_account("Menuiserie Autonome")
    structure = bearer(team.colleague)
    response = client.patch(
        f"/api/v1/companies/{company.pk}",
        {"name": "Autre nom"},
        content_type="application/json",
        headers=structure,
    )
    assert response.status_code == 403
    assert "gère elle-même sa fiche" in response.json()["detail"]
    company.refresh_from_db()
    assert company.name == "Menuiserie Autonome"

    response = _post(
        client,
        f"/api/v1/companies/{company.pk}/proposals",
        {"name": "Menuiserie du Lac", "comment": "Nouvelle enseigne"},
        structure,
    )
    assert response.status_code == 201
    proposal = response.json()
    assert proposal["state"] == "proposed"
    assert proposal["changes"] == {"name": ["Menuiserie Autonome", "Menuiserie du Lac"]}

    # The structure may not answer; the owner lists and accepts.
    path = f"/api/v1/companies/{company.pk}/proposals/{proposal['id']}/transitions"
    assert _post(client, path, {"to_state": "accepted"}, structure).status_code == 403
    owner_headers = bearer(owner)
    listed = client.get(f"/api/v1/companies/{company.pk}/proposals", headers=owner_headers)
    assert [p["id"] for p in listed.json()["items"]] == [proposal["id"]]
    response = _post(client, path, {"to_state": "accepted"}, owner_headers)
    assert response.status_code == 200 and response.json()["state"] == "accepted"
    company.refresh_from_db()
    assert company.name == "Menuiserie du Lac"
    assert (
        _post(client, path, {"to_state": "refused", "reason": "x"}, owner_headers).status_code
        == 400
    )


def test_the_owner_patches_its_company_and_refuses_with_a_reason(client, team, bearer):
    _, owner, company = employer_account("Menuiserie Autonome")
    owner_headers = bearer(owner)
    response = client.patch(
        f"/api/v1/companies/{company.pk}",
        {"address": "1 quai des Planches"},
        content_type="application/json",
        headers=owner_headers,
    )
    assert response.status_code == 200 and response.json()["address"] == "1 quai des Planches"
    created = _post(
        client,
        f"/api/v1/companies/{company.pk}/proposals",
        {"website": "https://menuiserie.example"},
        bearer(team.colleague),
    ).json()
    path = f"/api/v1/companies/{company.pk}/proposals/{created['id']}/transitions"
    response = _post(client, path, {"to_state": "refused"}, owner_headers)
    assert response.status_code == 400
    assert "pourquoi" in response.json()["detail"]
    response = _post(
        client, path, {"to_state": "refused", "reason": "Pas notre site"}, owner_headers
    )
    assert response.json()["state"] == "refused"
    company.refresh_from_db()
    assert company.website == ""
    assert ChangeProposal.objects.get().state == ProposalState.REFUSED


def test_a_company_without_an_account_takes_no_proposal_but_an_edit(client, team, bearer):
    company = a_company("Garage Libre")
    headers = bearer(team.colleague)
    response = _post(
        client, f"/api/v1/companies/{company.pk}/proposals", {"name": "Garage"}, headers
    )
    assert response.status_code == 400
    assert "modifiez directement" in response.json()["detail"]
    response = client.patch(
        f"/api/v1/companies/{company.pk}",
        {"name": "Garage Libre et Fils"},
        content_type="application/json",
        headers=headers,
    )
    assert response.status_code == 200 and response.json()["name"] == "Garage Libre et Fils"


def test_a_stranger_sees_no_proposal_of_another_organization(client, team, bearer):
    _, _, company = employer_account("Menuiserie Autonome")
    _post(
        client,
        f"/api/v1/companies/{company.pk}/proposals",
        {"address": "adresse-proposee"},
        bearer(team.colleague),
    )
    response = client.get(
        f"/api/v1/companies/{company.pk}/proposals", headers=bearer(team.stranger)
    )
    assert "adresse-proposee" not in response.content.decode()
