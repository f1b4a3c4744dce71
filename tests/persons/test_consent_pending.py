"""A record written with the consent « à recueillir au prochain rendez-vous »: pending
until recorded, and kept inside the structure meanwhile (`persons.consent`)."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from barriers.models import BarrierItem
from barriers.services import barrier_identify
from organizations.enums import OrganizationKind
from pathways.enums import EntryChannel, PathwayKind, TeamRole
from pathways.services import pathway_open, team_member_add
from persons.enums import ConsentMethod, ConsentPurpose
from persons.models import Consent, Person
from persons.services import consent_record, person_create
from plans.enums import DocumentKind
from plans.services import document_upload
from referrals.services import referral_create
from tests.factories.organizations import MembershipFactory, OrganizationFactory

pytestmark = pytest.mark.django_db


def _pending(team):
    person = person_create(
        organization=team.organization,
        user=team.colleague,
        data={"first_name": "Karim", "last_name": "Benali"},
        consent_pending=True,
    )
    pathway = pathway_open(
        person=person,
        organization=team.organization,
        kind=PathwayKind.SUPPORT,
        referent=team.colleague,
        user=team.colleague,
        entry_channel=EntryChannel.WALK_IN,
    )
    return person, pathway


def test_a_record_with_consent_to_collect_is_pending_until_it_is_recorded(team):
    person, _ = _pending(team)
    assert person.consent_pending and not Consent.objects.filter(person=person).exists()
    consent_record(
        person=person,
        purpose=ConsentPurpose.SUPPORT,
        given=True,
        method=ConsentMethod.ORAL,
        user=team.colleague,
        organization=team.organization,
    )
    person.refresh_from_db()
    assert not person.consent_pending


def test_another_purpose_or_a_refusal_leaves_it_pending(team):
    person, _ = _pending(team)
    for purpose, given in ((ConsentPurpose.TEAM_SHARING, True), (ConsentPurpose.SUPPORT, False)):
        consent_record(
            person=person,
            purpose=purpose,
            given=given,
            method=ConsentMethod.ORAL,
            user=team.colleague,
            organization=team.organization,
        )
    person.refresh_from_db()
    assert person.consent_pending


def test_meanwhile_the_record_stays_in_the_structure(team):
    person, pathway = _pending(team)
    other = OrganizationFactory(kind=OrganizationKind.EI)
    with pytest.raises(ValidationError, match="reste à recueillir"):
        referral_create(
            person=person,
            to_organization=other,
            motivation="Pour un poste",
            from_organization=team.organization,
            from_user=team.colleague,
        )
    partner = OrganizationFactory(kind=OrganizationKind.PARTNER_SERVICE)
    with pytest.raises(ValidationError, match="reste à recueillir"):
        team_member_add(
            pathway=pathway,
            user=MembershipFactory(organization=partner).user,
            organization=partner,
            role=TeamRole.OTHER,
            access_until=None,
            actor=team.colleague,
        )
    with pytest.raises(ValidationError, match="reste à recueillir"):
        barrier_identify(
            person=person,
            item=BarrierItem.objects.filter(theme__is_sensitive=True).first(),
            user=team.colleague,
            organization=team.organization,
        )
    with pytest.raises(ValidationError, match="reste à recueillir"):
        document_upload(
            person=person,
            kind=DocumentKind.values[0],
            file=SimpleUploadedFile("cv.pdf", b"%PDF-1.4\n%%EOF\n"),
            uploaded_by=team.colleague,
            organization=team.organization,
        )
    # What the support itself needs stays open: a colleague's seat, an ordinary barrier.
    team_member_add(
        pathway=pathway,
        user=team.admin,
        organization=team.organization,
        role=TeamRole.COUNSELLOR,
        access_until=None,
        actor=team.colleague,
    )
    barrier_identify(
        person=person,
        item=BarrierItem.objects.filter(theme__is_sensitive=False).first(),
        user=team.colleague,
        organization=team.organization,
    )


def test_the_walk_in_records_a_pending_consent_and_the_pages_show_it(client, team):
    client.force_login(team.colleague)
    form = client.get("/permanence/").content.decode()
    assert "Consentement à recueillir au prochain rendez-vous" in form
    refused = client.post(
        "/permanence/",
        {"first_name": "Karim", "last_name": "Benali", "looking_for": "Un travail"},
    )
    assert refused.status_code == 400
    assert "Le consentement de la personne est obligatoire" in refused.content.decode()
    response = client.post(
        "/permanence/",
        {
            "first_name": "Karim",
            "last_name": "Benali",
            "looking_for": "Un travail",
            "consent_later": "on",
        },
    )
    person = Person.objects.get(last_name="Benali")
    assert response.status_code == 302 and person.consent_pending
    detail = client.get(f"/personnes/{person.pk}/").content.decode()
    assert "Consentement à recueillir" in detail and "pas d'orientation" in detail
    listed = client.get("/personnes/").content.decode()
    assert "Consentement à recueillir" in listed
    client.post(
        f"/personnes/{person.pk}/consentements/",
        {"purpose": "support", "given": "yes", "method": "oral"},
    )
    assert "Consentement à recueillir" not in client.get("/personnes/").content.decode()


def test_the_new_person_form_and_the_api_take_a_consent_to_collect(client, team, bearer):
    client.force_login(team.colleague)
    response = client.post(
        "/personnes/nouvelle/",
        {
            "first_name": "Inès",
            "last_name": "Morin",
            "consent_later": "on",
            "consent_method": "oral",
        },
    )
    assert response.status_code == 302
    assert Person.objects.get(last_name="Morin").consent_pending
    headers = bearer(team.colleague)
    response = client.post(
        "/api/v1/persons",
        {"first_name": "Lucas", "last_name": "Bouscarel", "consent_given": False},
        content_type="application/json",
        headers=headers,
    )
    assert response.status_code == 400
    response = client.post(
        "/api/v1/persons",
        {
            "first_name": "Lucas",
            "last_name": "Bouscarel",
            "consent_given": False,
            "consent_later": True,
        },
        content_type="application/json",
        headers=headers,
    )
    assert response.status_code == 201 and response.json()["consent_pending"] is True
