"""Route arguments of the company and immersion pages and endpoints: a company of the
shared register with the team's contact, a contact log entry and a group membership, and
an immersion of the followed person. The contact's email and what was said in the call
are private to the team; the register itself is shared."""

from datetime import date, timedelta

from audit.context import SYSTEM
from companies.services import group_member_add, log_entry_create, proposal_create, tag_add
from immersions.services import immersion_create
from organizations.enums import OrganizationKind
from tests.companies.helpers import a_company, a_contact
from tests.factories.organizations import MembershipFactory, OrganizationFactory


def samples(team, followed):
    group = a_company("Groupement des tests", is_employer_group=True)
    company = a_company("Entreprise des tests")
    # The company has its own account: the team's proposal to it is the team's and the
    # owner's business, nobody else's.
    company.organization = OrganizationFactory(
        name="Compte de l'entreprise des tests", kind=OrganizationKind.COMPANY
    )
    company.save()
    MembershipFactory(organization=company.organization)
    proposal = proposal_create(
        company=company,
        organization=team.organization,
        user=team.colleague,
        data={"address": "adresse-proposee-secrete"},
        comment="message-proposition-secret",
    )
    membership = group_member_add(group=group, member=company, actor=SYSTEM)
    contact = a_contact(team.organization, company, email="contact-secret@entreprise.fr")
    entry = log_entry_create(
        organization=team.organization,
        company=company,
        user=team.colleague,
        data={"kind": "call", "summary": "texte-secret-echange", "next_step": "étape-secrète"},
    )
    tag = tag_add(organization=team.organization, company=company, label="etiquette-secrete")
    immersion = immersion_create(
        person=followed.person,
        organization=team.organization,
        user=team.colleague,
        data={
            "company": company,
            "start_on": date.today(),
            "end_on": date.today() + timedelta(days=13),
            "objective": "discover",
            "tutor_name": "tuteur-secret",
        },
    )
    markers = [
        "contact-secret@entreprise.fr",
        "texte-secret-echange",
        "étape-secrète",
        "etiquette-secrete",
        "tuteur-secret",
        "adresse-proposee-secrete",
        "message-proposition-secret",
    ]
    arguments = {
        "company_pk": company.pk,
        "company_id": company.pk,
        "group_membership_pk": membership.pk,
        "contact_pk": contact.pk,
        "contact_id": contact.pk,
        "log_pk": entry.pk,
        "tag_pk": tag.pk,
        "immersion_pk": immersion.pk,
        "immersion_id": immersion.pk,
        "proposal_pk": proposal.pk,
        "proposal_id": proposal.pk,
    }
    return markers, arguments
