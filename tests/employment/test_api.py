from datetime import date

import pytest

from employment.enums import Side, Step
from employment.models import Alert, Contract
from lib.calendar_months import add_months
from pathways.enums import PathwayState
from pathways.models import Pathway
from tests.employment.helpers import hire
from tests.factories.organizations import OrganizationFactory
from tests.offers.helpers import company

pytestmark = pytest.mark.django_db


def body(pathway, **more):
    return {
        "pathway_id": pathway.pk,
        "contract_type": "CDD",
        "start_date": "2026-01-05",
        "end_date": "2026-07-04",
        "hours_per_week": 35,
        **more,
    }


def test_post_contracts_creates_the_contract_and_its_follow_up(client, team, followed, bearer):
    employer = company(name="Garage Leroy")
    response = client.post(
        "/api/v1/contracts",
        body(followed.pathway, company_siret=employer.siret),
        content_type="application/json",
        headers=bearer(team.colleague),
    )
    assert response.status_code == 201, response.content
    data = response.json()
    assert data["employer_name"] == "Garage Leroy" and data["company_siret"] == employer.siret
    assert data["end_date"] == "2026-07-04" and data["state"] == "running"
    # The sixth month's falls the day after the planned end (4 July).
    assert [c["step"] for c in data["checkpoints"]] == ["week_1", "month_1", "month_3"]
    assert all(len(c["sides"]) == 2 for c in data["checkpoints"])
    assert Pathway.objects.get(pk=followed.pathway.pk).state == PathwayState.IN_EMPLOYMENT


def test_an_inclusion_employer_is_named_by_its_organization_id(client, team, followed, bearer):
    siae = OrganizationFactory(kind="EI")
    response = client.post(
        "/api/v1/contracts",
        body(followed.pathway, organization_id=siae.pk, contract_type="CDI", end_date=None),
        content_type="application/json",
        headers=bearer(team.colleague),
    )
    assert response.status_code == 201, response.content
    assert response.json()["organization_id"] == siae.pk


@pytest.mark.parametrize(
    ("more", "status", "message"),
    [
        ({}, 400, "Indiquez l'employeur"),
        ({"company_siret": "00000000000000"}, 400, "Aucune entreprise"),
        ({"organization_id": 999999}, 400, "Aucun employeur inclusif"),
        ({"organization_id": "x"}, 422, "Données invalides"),
        ({"company_siret": "S", "contract_type": "CDX"}, 422, "contract_type"),
        ({"company_siret": "S", "end_date": None}, 400, "date de fin prévue"),
        ({"company_siret": "S", "end_date": "2025-01-01"}, 400, "précède"),
        ({"company_siret": "S", "hours_per_week": 0}, 422, "hours_per_week"),
        ({"company_siret": "S", "hours_per_week": 1e9}, 422, "hours_per_week"),
        ({"company_siret": "S", "start_date": "0001-01-01"}, 422, "start_date"),
        ({"company_siret": "S", "pathway_id": 2**70}, 422, "pathway_id"),
    ],
)
def test_post_contracts_refuses_bad_input_in_french_never_500(
    client, team, followed, bearer, more, status, message
):
    if more.get("company_siret") == "S":
        more["company_siret"] = company().siret
    response = client.post(
        "/api/v1/contracts",
        body(followed.pathway, **more),
        content_type="application/json",
        headers=bearer(team.colleague),
    )
    assert response.status_code == status, response.content
    assert message in response.json()["detail"]
    assert not Contract.objects.exists()


def test_a_stranger_gets_404_on_every_contract_route(client, team, followed, bearer):
    contract = hire(team, followed)
    side = contract.checkpoints.first().sides.first()
    headers = bearer(team.stranger)
    answers = [
        client.post(
            "/api/v1/contracts",
            body(followed.pathway, company_siret=company().siret),
            content_type="application/json",
            headers=headers,
        ),
        client.get(f"/api/v1/contracts/{contract.pk}", headers=headers),
        client.get(f"/api/v1/pathways/{followed.pathway.pk}/contracts", headers=headers),
        client.post(
            f"/api/v1/contracts/{contract.pk}/break",
            {"reason": "resignation", "on": "2026-02-01"},
            content_type="application/json",
            headers=headers,
        ),
        client.put(
            f"/api/v1/contracts/{contract.pk}/checkpoint-sides/{side.pk}",
            {"done_on": "2026-01-12", "channel": "phone", "how_it_goes": "well"},
            content_type="application/json",
            headers=headers,
        ),
        client.post(f"/api/v1/pathways/{followed.pathway.pk}/close", headers=headers),
    ]
    assert [a.status_code for a in answers] == [404] * len(answers)
    assert Contract.objects.count() == 1 and Contract.objects.get().state == "running"


def test_changes_break_and_checkpoint_sides_through_the_api(client, team, followed, bearer):
    contract = hire(team, followed)
    headers = bearer(team.colleague)
    change = client.post(
        f"/api/v1/contracts/{contract.pk}/changes",
        {"kind": "renewal", "effective_on": "2026-07-05", "end_date": "2026-12-31"},
        content_type="application/json",
        headers=headers,
    )
    assert change.status_code == 201, change.content
    assert change.json()["after"]["end_date"] == "2026-12-31"
    side = contract.checkpoints.get(step=Step.WEEK_1).sides.get(side=Side.EMPLOYER)
    refused = client.put(
        f"/api/v1/contracts/{contract.pk}/checkpoint-sides/{side.pk}",
        {"done_on": "2026-01-12", "channel": "phone", "how_it_goes": "well", "issues": ["health"]},
        content_type="application/json",
        headers=headers,
    )
    assert refused.status_code == 400 and "côté employeur" in refused.json()["detail"]
    recorded = client.put(
        f"/api/v1/contracts/{contract.pk}/checkpoint-sides/{side.pk}",
        {
            "done_on": "2026-01-12",
            "channel": "phone",
            "how_it_goes": "difficult",
            "issues": ["schedule"],
            "serious": True,
        },
        content_type="application/json",
        headers=headers,
    )
    assert recorded.status_code == 200 and recorded.json()["issues"] == ["schedule"]
    assert Alert.objects.filter(kind="serious_issue").exists()
    broken = client.post(
        f"/api/v1/contracts/{contract.pk}/break",
        {"reason": "mutual_agreement", "on": "2026-03-01"},
        content_type="application/json",
        headers=headers,
    )
    assert broken.status_code == 200 and broken.json()["state"] == "broken"
    again = client.post(
        f"/api/v1/contracts/{contract.pk}/break",
        {"reason": "mutual_agreement", "on": "2026-03-01"},
        content_type="application/json",
        headers=headers,
    )
    assert again.status_code == 400 and "rompu" in again.json()["detail"]


def test_closing_computes_the_exit_from_the_facts_or_takes_an_override(
    client, team, followed, bearer
):
    headers = bearer(team.colleague)
    url = f"/api/v1/pathways/{followed.pathway.pk}/close"
    no_fact = client.post(url, headers=headers)
    assert no_fact.status_code == 400 and "motif de sortie" in no_fact.json()["detail"]
    hire(team, followed, start=date(2026, 1, 5), end_date=date(2026, 7, 4))
    unexplained = client.post(
        url, {"exit_reason": "training"}, content_type="application/json", headers=headers
    )
    assert unexplained.status_code == 400 and "dites pourquoi" in unexplained.json()["detail"]
    closed = client.post(url, headers=headers)
    assert closed.status_code == 200, closed.content
    assert closed.json() == {  # no body: computed
        "pathway_id": followed.pathway.pk,
        "exit_reason": "long_fixed_term",
        "exit_category": "durable",
        "computed": True,
        "state": "post_exit",
        "post_exit_check_due_on": add_months(date.today(), 6).isoformat(),
        "review_sent": False,
    }


def test_a_bad_closing_body_is_refused_in_french(client, team, followed, bearer):
    url = f"/api/v1/pathways/{followed.pathway.pk}/close"
    headers = bearer(team.colleague)
    for payload in ('{"exit_reason": "lottery"}', "{not json", '{"override_reason": 3}'):
        response = client.post(url, payload, content_type="application/json", headers=headers)
        assert response.status_code == 422, response.content
        assert response.json()["detail"].startswith("Données invalides")
    assert Pathway.objects.get(pk=followed.pathway.pk).state != PathwayState.CLOSED


def test_an_override_is_recorded_with_its_reason(client, team, followed, bearer):
    hire(team, followed, start=date(2026, 1, 5), end_date=date(2026, 2, 4))
    response = client.post(
        f"/api/v1/pathways/{followed.pathway.pk}/close",
        {"exit_reason": "training", "override_reason": "Entrée en formation qualifiante en mars"},
        content_type="application/json",
        headers=bearer(team.colleague),
    )
    assert response.status_code == 200, response.content
    assert response.json()["computed"] is False
    assert response.json()["exit_category"] == "positive"
    closing = Pathway.objects.get(pk=followed.pathway.pk).transitions.get(to_state="closed")
    assert "formation qualifiante en mars" in closing.comment
