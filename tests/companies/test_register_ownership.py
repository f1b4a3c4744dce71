"""A company with its own account owns its record: the structures propose, the owner
accepts or refuses, and every edit of the register shows who made it."""

import html

import pytest
from django.conf import settings
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from accounts.services import api_token_create
from audit.models import Action, AuditEntry
from companies import services
from companies.enums import ProposalState
from companies.models import ChangeProposal, ChangeProposalTransition, Company, CompanyChange
from notifications.models import NotificationPreference
from tests.companies.helpers import a_company
from tests.factories.organizations import MembershipFactory
from tests.offers.helpers import employer_account


@pytest.fixture
def owned(db):
    organization, owner, company = employer_account("Boulangerie Propriétaire")
    return company, owner


def _form(company, **changes):
    data = {
        "name": company.name,
        "siret": company.siret,
        "naf_code": company.naf_code,
        "naf_label": company.naf_label,
        "size_band": company.size_band,
        "commune": f"{company.commune.name} ({company.commune_id})",
        "address": company.address,
        "website": company.website,
    }
    return {**data, **changes}


def test_a_structure_cannot_edit_the_record_of_a_company_with_an_account(client, team, owned):
    company, _ = owned
    client.force_login(team.colleague)
    assert client.get(reverse("company_edit", args=[company.pk])).status_code == 403
    response = client.post(
        reverse("company_edit", args=[company.pk]), _form(company, name="Nom changé")
    )
    assert response.status_code == 403
    assert "proposez" in response.content.decode().lower()
    company.refresh_from_db()
    assert company.name == "Boulangerie Propriétaire"
    page = client.get(reverse("company_detail", args=[company.pk])).content.decode()
    assert "Proposer une modification" in page
    assert reverse("company_edit", args=[company.pk]) not in page


def test_the_service_refuses_a_non_owner_too(team, owned):
    company, _ = owned
    with pytest.raises(PermissionDenied, match="gère elle-même sa fiche"):
        services.company_update(company=company, data={"name": "Autre"}, user=team.colleague)


def test_the_owner_edits_its_own_record_and_the_history_names_it(client, owned):
    company, owner = owned
    client.force_login(owner)
    response = client.post(
        reverse("company_edit", args=[company.pk]), _form(company, address="3 rue du Four")
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("company_proposals", args=[company.pk])
    company.refresh_from_db()
    assert company.address == "3 rue du Four"
    page = client.get(reverse("company_proposals", args=[company.pk])).content.decode()
    assert f"Modifié par {owner}" in page and "(Boulangerie Propriétaire)" in page


def test_a_structure_proposes_and_the_owner_accepts(
    client, team, owned, django_capture_on_commit_callbacks
):
    company, owner = owned
    client.force_login(team.colleague)
    response = client.post(
        reverse("company_proposal_create", args=[company.pk]),
        _form(company, name="Boulangerie du Port", size_band="10-49", comment="Vu sur place"),
    )
    assert response.status_code == 302
    proposal = ChangeProposal.objects.get(company=company)
    assert proposal.state == ProposalState.PROPOSED
    assert proposal.organization == team.organization and proposal.author == team.colleague
    assert proposal.changes == {
        "name": ["Boulangerie Propriétaire", "Boulangerie du Port"],
        "size_band": ["", "10-49"],
    }
    company.refresh_from_db()
    assert company.name == "Boulangerie Propriétaire"  # nothing changes before the answer
    # The structure cannot answer its own proposal.
    detail = reverse("company_proposal_detail", args=[company.pk, proposal.pk])
    assert client.post(detail, {"decision": "accepted"}).status_code == 403

    client.force_login(owner)
    listing = client.get(reverse("company_proposals", args=[company.pk])).content.decode()
    assert "Chantier des Tests" in listing and "Boulangerie du Port" in listing
    assert "Examiner et répondre" in listing
    page = client.get(detail).content.decode()
    assert "Valeur actuelle" in page and "10 à 49 salariés" in page
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(detail, {"decision": "accepted"})
    assert response.status_code == 302

    company.refresh_from_db()
    proposal.refresh_from_db()
    assert (company.name, company.size_band) == ("Boulangerie du Port", "10-49")
    assert proposal.state == ProposalState.ACCEPTED and proposal.decided_by == owner
    audit = AuditEntry.objects.for_object(company).filter(action=Action.UPDATE).first()
    assert audit.actor == owner
    assert audit.changes["name"] == ["Boulangerie Propriétaire", "Boulangerie du Port"]
    assert AuditEntry.objects.for_object(proposal).filter(action=Action.UPDATE).exists()
    change = CompanyChange.objects.get(company=company)
    assert change.proposal == proposal and change.by == owner
    moves = ChangeProposalTransition.objects.filter(proposal=proposal)
    assert [(m.from_state, m.to_state) for m in moves] == [
        ("", ProposalState.PROPOSED),
        (ProposalState.PROPOSED, ProposalState.ACCEPTED),
    ]
    assert [m.to for m in mail.outbox] == [[team.colleague.email]]
    assert "a acceptée votre proposition" in mail.outbox[0].subject

    client.force_login(team.colleague)
    page = client.get(reverse("company_detail", args=[company.pk])).content.decode()
    assert "sur proposition de Chantier des Tests" in page
    mine = client.get(reverse("company_proposals", args=[company.pk])).content.decode()
    assert "Acceptée" in mine


def test_refusing_keeps_the_values_and_says_why(
    client, team, owned, django_capture_on_commit_callbacks
):
    company, owner = owned
    proposal = services.proposal_create(
        company=company,
        organization=team.organization,
        user=team.colleague,
        data={"website": "https://boulangerie.example"},
    )
    client.force_login(owner)
    detail = reverse("company_proposal_detail", args=[company.pk, proposal.pk])
    response = client.post(detail, {"decision": "refused", "reason": ""})
    assert response.status_code == 400
    assert "pourquoi vous refusez" in response.content.decode()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(detail, {"decision": "refused", "reason": "Ce n'est pas notre site."})
    proposal.refresh_from_db()
    company.refresh_from_db()
    assert proposal.state == ProposalState.REFUSED
    assert proposal.reason == "Ce n'est pas notre site."
    assert company.website == ""
    assert not CompanyChange.objects.filter(company=company).exists()
    assert "Ce n'est pas notre site." in mail.outbox[0].body
    # Once answered, a proposal does not move again.
    with pytest.raises(ValidationError, match="déjà « refusée »"):
        services.proposal_accept(proposal=proposal, user=owner)
    client.force_login(team.colleague)
    page = client.get(reverse("company_proposals", args=[company.pk])).content.decode()
    assert "Motif du refus : Ce n&#x27;est pas notre site." in page


def test_the_author_who_turned_the_notice_off_gets_no_email(
    team, owned, django_capture_on_commit_callbacks
):
    company, owner = owned
    NotificationPreference.objects.create(
        user=team.colleague, notice="company_proposal_answered", by_email=False
    )
    proposal = services.proposal_create(
        company=company, organization=team.organization, user=team.colleague, data={"address": "x"}
    )
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        services.proposal_refuse(proposal=proposal, user=owner, reason="Non")
    assert len(callbacks) == 1  # the email task ran, and wrote to nobody
    assert mail.outbox == []


def test_a_proposal_is_checked_as_an_edit_would_be(team, owned):
    company, _ = owned
    other = a_company("Autre boulangerie")
    with pytest.raises(ValidationError, match="déjà celui de « Autre boulangerie »"):
        services.proposal_create(
            company=company,
            organization=team.organization,
            user=team.colleague,
            data={"siret": other.siret},
        )
    with pytest.raises(ValidationError, match="Aucune modification"):
        services.proposal_create(
            company=company,
            organization=team.organization,
            user=team.colleague,
            data={"name": company.name},
        )
    assert not ChangeProposal.objects.exists()


def test_only_the_owner_answers_and_others_do_not_see_the_proposals(client, team, owned):
    company, owner = owned
    proposal = services.proposal_create(
        company=company, organization=team.organization, user=team.colleague, data={"address": "y"}
    )
    with pytest.raises(PermissionDenied):
        services.proposal_accept(proposal=proposal, user=team.colleague)
    client.force_login(team.stranger)
    detail = reverse("company_proposal_detail", args=[company.pk, proposal.pk])
    assert client.get(detail).status_code == 404
    listing = client.get(reverse("company_proposals", args=[company.pk])).content.decode()
    assert "Chantier des Tests" not in listing


def test_a_company_without_an_account_is_edited_and_the_page_shows_by_whom(client, team):
    company = a_company("Garage Sans Compte")
    client.force_login(team.colleague)
    response = client.post(
        reverse("company_edit", args=[company.pk]), _form(company, address="12 route de Paris")
    )
    assert response.status_code == 302
    company.refresh_from_db()
    assert company.address == "12 route de Paris"
    page = client.get(reverse("company_detail", args=[company.pk])).content.decode()
    assert f"Modifié par {team.colleague} (Chantier des Tests) le" in page
    assert "Adresse : — → 12 route de Paris" in page
    audit = AuditEntry.objects.for_object(company).filter(action=Action.UPDATE).get()
    assert audit.actor == team.colleague
    assert Company.objects.get(pk=company.pk).organization is None


def test_the_employer_space_links_to_the_companys_record(client, owned):
    company, owner = owned
    client.force_login(owner)
    page = client.get(reverse("employer_space")).content.decode()
    assert reverse("company_proposals", args=[company.pk]) in page


def test_the_owners_users_are_told_a_proposal_is_waiting(
    client, team, owned, django_capture_on_commit_callbacks
):
    company, owner = owned
    colleague = MembershipFactory(organization=company.organization).user
    quiet = MembershipFactory(organization=company.organization).user
    NotificationPreference.objects.create(
        user=quiet, notice="company_proposal_waiting", by_email=False
    )
    client.force_login(team.colleague)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("company_proposal_create", args=[company.pk]),
            _form(company, address="8 place du Marché", comment="Vu sur leur vitrine"),
        )
    assert response.status_code == 302
    assert sorted(m.to[0] for m in mail.outbox) == sorted([owner.email, colleague.email])
    message = mail.outbox[0]
    assert message.subject == (
        "Chantier des Tests propose une modification de votre fiche entreprise"
    )
    assert "Adresse : — → 8 place du Marché" in message.body
    assert "Vu sur leur vitrine" in message.body
    link = settings.SITE_URL + reverse("company_proposals", args=[company.pk])
    assert link in message.body
    # Nobody of the proposing structure is written to: the owner answers.
    assert team.colleague.email not in [m.to[0] for m in mail.outbox]


def test_a_proposal_by_the_api_tells_the_owner_too(
    client, team, owned, django_capture_on_commit_callbacks
):
    company, owner = owned
    _, raw = api_token_create(user=team.colleague, name="registre")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/api/v1/companies/{company.pk}/proposals",
            {"website": "https://boulangerie.example"},
            content_type="application/json",
            headers={"Authorization": f"Bearer {raw}"},
        )
    assert response.status_code == 201
    assert [m.to for m in mail.outbox] == [[owner.email]]


def test_the_waiting_notice_is_a_choice_of_my_account(client, owned):
    _, owner = owned
    client.force_login(owner)
    page = client.get(reverse("notification_preferences")).content.decode()
    assert "Proposition de modification de la fiche de mon entreprise à examiner" in html.unescape(
        page
    )
    assert 'name="company_proposal_waiting"' in page


def test_the_employer_home_lists_the_proposals_waiting_until_they_are_answered(client, team, owned):
    company, owner = owned
    first = services.proposal_create(
        company=company, organization=team.organization, user=team.colleague, data={"address": "a"}
    )
    services.proposal_create(
        company=company, organization=team.organization, user=team.colleague, data={"address": "b"}
    )
    client.force_login(owner)
    proposals = reverse("company_proposals", args=[company.pk])
    page = html.unescape(client.get(reverse("employer_space")).content.decode())
    assert "Proposition de modification de la fiche à examiner" in page
    assert (
        "2 propositions en attente de votre réponse pour la fiche de Boulangerie Propriétaire"
        in page
    )
    assert f'<a class="fr-link" href="{proposals}">Examiner et répondre' in page
    assert f"{first.created_at:%d/%m/%Y}" in page
    for proposal in ChangeProposal.objects.filter(company=company):
        services.proposal_refuse(proposal=proposal, user=owner, reason="Non")
    page = html.unescape(client.get(reverse("employer_space")).content.decode())
    assert "Proposition de modification de la fiche à examiner" not in page
    assert proposals in page  # the record's link stays, below
