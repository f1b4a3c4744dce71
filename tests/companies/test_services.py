from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError

from audit.context import SYSTEM
from audit.models import AuditEntry
from companies import services
from companies.models import ClubMembership, Company, Contact, ContactLogEntry, GroupMembership
from jobs.models import SectorHiring
from tests.companies.helpers import a_call, a_company, a_contact, siret
from tests.factories.jobs import RomeFamilyFactory
from tests.factories.territories import CommuneFactory


def test_it_creates_a_company_with_a_canonical_naf_code_and_its_label(db):
    rome = RomeFamilyFactory(code="N1103", name="Magasinage et préparation de commandes")
    SectorHiring.objects.create(
        rome=rome, naf_code="5210B", naf_label="Entreposage et stockage non frigorifique", hirings=9
    )
    company = a_company("Entrepôts de l'Écluse", naf_code="5210b")
    assert company.naf_code == "52.10B"
    assert company.naf_label == "Entreposage et stockage non frigorifique"
    assert company.search_name == "entrepots de l ecluse"
    assert AuditEntry.objects.for_object(company).filter(action="create").exists()


def test_it_refuses_an_invalid_siret_or_naf_code_in_french(db):
    with pytest.raises(ValidationError) as error:
        a_company(siret="12345678901234")
    assert "SIRET n'est pas valide" in str(error.value)
    with pytest.raises(ValidationError) as error:
        a_company(naf_code="521")
    assert "52.10B" in str(error.value)
    assert not Company.objects.exists()


def test_it_points_to_the_existing_company_on_a_duplicate_siret(db):
    existing = a_company("Première")
    with pytest.raises(services.DuplicateCompany) as error:
        a_company("Seconde", siret=existing.siret)
    assert error.value.company == existing
    assert "Première" in " ".join(error.value.messages)
    assert Company.objects.count() == 1


def test_an_employer_group_takes_member_companies_since_a_date(db):
    group = a_company("GE Test", is_employer_group=True, naf_code="78.30Z")
    member = a_company("Maraîcher")
    membership = services.group_member_add(
        group=group, member=member, since=date(2024, 3, 1), actor=SYSTEM
    )
    assert list(group.members.all()) == [member]
    with pytest.raises(ValidationError, match="déjà membre"):
        services.group_member_add(group=group, member=member, actor=SYSTEM)
    with pytest.raises(ValidationError, match="n'est pas un groupement"):
        services.group_member_add(group=member, member=group, actor=SYSTEM)
    with pytest.raises(ValidationError, match="Retirez d'abord"):
        services.company_update(company=group, data={"is_employer_group": False}, user=SYSTEM)
    services.group_member_leave(membership=membership, actor=SYSTEM)
    assert not GroupMembership.objects.filter(group=group).active().exists()


def test_the_club_is_joined_once_and_its_engagement_changes(team):
    company = a_company()
    services.club_join(organization=team.organization, company=company, engagement="active")
    services.club_join(organization=team.organization, company=company, engagement="to_follow_up")
    [membership] = ClubMembership.objects.all()
    assert membership.engagement == "to_follow_up"
    with pytest.raises(ValidationError, match="futur"):
        services.club_join(
            organization=team.organization,
            company=company,
            engagement="active",
            since=date.today() + timedelta(days=3),
        )
    services.club_leave(organization=team.organization, company=company)
    assert not ClubMembership.objects.exists()


def test_tags_are_free_and_normalised_per_organization(team):
    company = a_company()
    tag = services.tag_add(organization=team.organization, company=company, label="  Saisonnier ")
    assert tag.label == "saisonnier"
    with pytest.raises(ValidationError, match="déjà posée"):
        services.tag_add(organization=team.organization, company=company, label="SAISONNIER")
    services.tag_add(organization=team.other, company=company, label="saisonnier")


def test_a_contact_needs_a_phone_or_an_email(team):
    company = a_company()
    with pytest.raises(ValidationError, match="au moins un téléphone"):
        services.contact_create(
            organization=team.organization, company=company, data={"name": "Paul Sanstel"}
        )
    assert not Contact.objects.exists()
    contact = a_contact(team.organization, company)
    services.contact_update(contact=contact, data={"phone": "02 41 00 00 00", "email": ""})
    contact.refresh_from_db()
    assert contact.phone and not contact.email


def test_the_contact_log_checks_its_next_step(team):
    company = a_company()
    contact = a_contact(team.organization, company)
    with pytest.raises(ValidationError) as error:
        a_call(team.organization, company, team.colleague, next_step_due=date.today())
    assert "Décrivez la prochaine étape" in str(error.value)
    with pytest.raises(ValidationError, match="futur"):
        a_call(team.organization, company, team.colleague, occurred_on=date.today() + timedelta(1))
    others = a_contact(team.other, company, email="autre@exemple.fr")
    with pytest.raises(ValidationError, match="pas un de vos contacts"):
        a_call(team.organization, company, team.colleague, contact=others)
    assert not ContactLogEntry.objects.exists()
    entry = a_call(
        team.organization,
        company,
        team.colleague,
        contact=contact,
        next_step="Rappeler pour la fiche de poste",
        next_step_due=date.today() + timedelta(days=2),
    )
    services.next_step_done(entry=entry)
    entry.refresh_from_db()
    assert entry.next_step_done


def test_what_was_said_is_not_copied_into_the_trail(team):
    company = a_company()
    entry = a_call(team.organization, company, team.colleague, summary="texte-confidentiel-appel")
    trail = AuditEntry.objects.for_object(entry).get(action="create")
    assert "texte-confidentiel-appel" not in str(trail.changes)
    assert trail.organization_id == team.organization.pk


def test_a_company_commune_is_required(db):
    with pytest.raises(ValidationError):
        services.company_create(data={"siret": siret(), "name": "Sans commune"})
    CommuneFactory()
