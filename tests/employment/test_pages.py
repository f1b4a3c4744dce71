from datetime import date, timedelta

import pytest
from django.urls import reverse

from employment.enums import ContractState, Side, Step
from employment.models import Alert, Contract
from pathways.enums import PathwayState
from pathways.models import Pathway
from tests.employment.helpers import hire
from tests.offers.helpers import company

pytestmark = pytest.mark.django_db


def test_a_counsellor_records_a_contract_from_the_pathway_page(client, team, followed):
    employer = company(name="Boulangerie Martin")
    client.force_login(team.colleague)
    page = client.get(reverse("person_pathways", args=[followed.person.pk]))
    create = reverse("contract_create", args=[followed.person.pk, followed.pathway.pk])
    assert create in page.content.decode()
    response = client.post(
        create,
        {
            "company_siret": employer.siret,
            "contract_type": "CDD",
            "start_date": "2026-01-05",
            "end_date": "2026-07-04",
            "hours_per_week": "30",
        },
    )
    contract = Contract.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse(
        "contract_detail", args=[followed.person.pk, contract.pk]
    )
    assert Pathway.objects.get(pk=followed.pathway.pk).state == PathwayState.IN_EMPLOYMENT
    detail = client.get(response["Location"]).content.decode()
    assert "Boulangerie Martin" in detail and "1re semaine" in detail
    assert (
        "Boulangerie Martin"
        in client.get(reverse("person_pathways", args=[followed.person.pk])).content.decode()
    )


def test_a_rejected_contract_form_keeps_what_was_typed_and_says_why(client, team, followed):
    client.force_login(team.colleague)
    response = client.post(
        reverse("contract_create", args=[followed.person.pk, followed.pathway.pk]),
        {
            "company_siret": "12345678900000",
            "contract_type": "CDD",
            "start_date": "2026-01-05",
            "hours_per_week": "30",
        },
    )
    body = response.content.decode()
    assert response.status_code == 400
    assert "Aucune entreprise du registre" in body
    assert 'value="12345678900000"' in body
    assert not Contract.objects.exists()


def test_a_missing_end_for_a_fixed_term_contract_is_told_on_the_form(client, team, followed):
    client.force_login(team.colleague)
    response = client.post(
        reverse("contract_create", args=[followed.person.pk, followed.pathway.pk]),
        {
            "company_siret": company().siret,
            "contract_type": "CDD",
            "start_date": "2026-01-05",
            "hours_per_week": "30",
        },
    )
    assert response.status_code == 400
    assert "Indiquez la date de fin prévue" in response.content.decode()


def test_a_checkpoint_side_is_recorded_from_the_contract_page(client, team, followed):
    contract = hire(team, followed)
    side = contract.checkpoints.get(step=Step.WEEK_1).sides.get(side=Side.EMPLOYER)
    client.force_login(team.colleague)
    detail = client.get(reverse("contract_detail", args=[followed.person.pk, contract.pk]))
    action = reverse("checkpoint_side", args=[followed.person.pk, contract.pk, side.pk])
    assert f'href="{action}" hx-get="{action}"' in detail.content.decode()  # on demand
    # The employer's side offers only issues about the job.
    body = client.get(action, headers={"HX-Request": "true"}).content.decode()
    employer_form = body[body.index(f'action="{action}"') :]
    employer_form = employer_form[: employer_form.index("</form>")]
    assert "Relations au travail" in employer_form and "Santé" not in employer_form
    response = client.post(
        reverse("checkpoint_side", args=[followed.person.pk, contract.pk, side.pk]),
        {
            f"s{side.pk}-done_on": "2026-01-12",
            f"s{side.pk}-channel": "site_visit",
            f"s{side.pk}-how_it_goes": "very_difficult",
            f"s{side.pk}-issues": ["schedule"],
            f"s{side.pk}-serious": "on",
        },
    )
    assert response.status_code == 302
    side.refresh_from_db()
    assert side.done_on == date(2026, 1, 12) and side.issues == ["schedule"]
    assert Alert.objects.filter(contract=contract).exists()
    worklist = client.get(reverse("worklist")).content.decode()
    assert "Difficulté sérieuse" in worklist


def test_a_change_and_a_break_from_the_contract_page(client, team, followed):
    contract = hire(team, followed)
    client.force_login(team.colleague)
    args = [followed.person.pk, contract.pk]
    response = client.post(
        reverse("contract_change", args=args),
        {"change-kind": "permanent", "change-effective_on": "2026-03-01"},
    )
    assert response.status_code == 302
    assert "Passage en CDI" in client.get(reverse("contract_detail", args=args)).content.decode()
    refused = client.post(
        reverse("contract_break", args=args),
        {"break-reason": "", "break-on": "2026-04-01", "break-comment": "gardé"},
    )
    assert refused.status_code == 400 and "gardé" in refused.content.decode()
    response = client.post(
        reverse("contract_break", args=args),
        {"break-reason": "resignation", "break-on": "2026-04-01"},
    )
    assert response.status_code == 302
    assert Contract.objects.get().state == ContractState.BROKEN
    assert Pathway.objects.get(pk=followed.pathway.pk).state == PathwayState.ACTIVE
    worklist = client.get(reverse("worklist")).content.decode()
    assert "Rupture de contrat" in worklist
    client.post(reverse("alert_close", args=[Alert.objects.get().pk]))
    assert not Alert.objects.open().exists()


def test_the_worklist_lists_overdue_checkpoints_and_contracts_ending(client, team, followed):
    today = date.today()
    hire(
        team,
        followed,
        start=today - timedelta(days=20),
        end_date=today + timedelta(days=40),
        company=company(name="Menuiserie Dupont"),
    )
    client.force_login(team.colleague)
    body = client.get(reverse("worklist")).content.decode()
    overdue = body[body.index('id="suivi"') : body.index('id="contrats"')]
    assert overdue.count("1re semaine") == 2  # both sides
    ending = body[body.index('id="contrats"') :]
    assert "Menuiserie Dupont" in ending
    assert (today + timedelta(days=40)).strftime("%d/%m/%Y") in ending


def test_a_stranger_gets_a_404_on_the_contract_page(client, team, followed):
    contract = hire(team, followed)
    client.force_login(team.stranger)
    response = client.get(reverse("contract_detail", args=[followed.person.pk, contract.pk]))
    assert response.status_code == 404


def test_the_closing_form_proposes_the_exit_from_the_latest_contract(client, team, followed):
    hire(team, followed, start=date(2026, 1, 5), end_date=date(2026, 3, 31))
    client.force_login(team.colleague)
    url = reverse("pathway_transition", args=[followed.person.pk, followed.pathway.pk])
    form = client.get(url, headers={"HX-Request": "true"}).content.decode()  # its toggle's
    assert "Proposé d&#x27;après le dernier contrat : CDD ou intérim de moins de 6 mois" in form
    prefix = f"p{followed.pathway.pk}-transition"
    refused = client.post(
        url, {f"{prefix}-to_state": "closed", f"{prefix}-exit_reason": "training"}
    )
    assert refused.status_code == 400
    assert "dites pourquoi" in refused.content.decode()
    response = client.post(
        url,
        {
            f"{prefix}-to_state": "closed",
            f"{prefix}-exit_reason": "training",
            f"{prefix}-override_reason": "Formation d'aide-soignante en avril",
        },
    )
    assert response.status_code == 302
    pathway = Pathway.objects.get(pk=followed.pathway.pk)
    assert (pathway.state, pathway.exit_category) == (PathwayState.POST_EXIT, "positive")


def test_closing_with_the_proposal_needs_no_reason_typed(client, team, followed):
    hire(team, followed, contract_type="CDI")
    client.force_login(team.colleague)
    url = reverse("pathway_transition", args=[followed.person.pk, followed.pathway.pk])
    prefix = f"p{followed.pathway.pk}-transition"
    response = client.post(url, {f"{prefix}-to_state": "closed", f"{prefix}-exit_reason": ""})
    assert response.status_code == 302
    pathway = Pathway.objects.get(pk=followed.pathway.pk)
    assert (pathway.exit_reason, pathway.exit_category) == ("cdi", "durable")
