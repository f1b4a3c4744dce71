from datetime import date

import pytest
from django.core.files.base import ContentFile
from django.urls import NoReverseMatch, reverse

from audit.models import SensitiveRead
from organizations.enums import OrganizationKind
from pathways.enums import PathwayKind
from pathways.models import EligibilityDiagnosis, Pathway
from plans.models import Document
from referrals import services
from referrals.enums import ReferralState as S
from referrals.enums import RefusalReason
from tests.factories.organizations import OrganizationFactory
from tests.referrals.helpers import person_of, prescriber_with_adviser, send

pytestmark = pytest.mark.django_db


@pytest.fixture
def prescriber():
    return prescriber_with_adviser()


@pytest.fixture
def referral(team, prescriber):
    person = person_of(prescriber, phone="0601020304")
    diagnosis = EligibilityDiagnosis.objects.create(
        person=person,
        organization=prescriber.organization,
        author=prescriber.adviser,
        structure_kind=OrganizationKind.ACI,
        level1=[],
        level2=["justice", "senior_50", "qpv"],
        is_eligible=True,
        made_on=date.today(),
        valid_until=date(2099, 1, 1),
    )
    document = Document(
        person=person, kind="cv", name="cv-sandrine.pdf", organization=prescriber.organization
    )
    document.file.save("cv.pdf", ContentFile(b"%PDF"), save=False)
    document.save()
    return send(
        prescriber,
        person,
        team.organization,
        motivation="Souhaite travailler dans les espaces verts.",
        eligibility_diagnosis=diagnosis,
        documents=[document],
    )


def _url(name, referral):
    return reverse(name, kwargs={"referral_pk": referral.pk})


def test_opening_it_as_the_receiver_marks_it_seen_and_shows_the_file(client, team, referral):
    client.force_login(team.colleague)
    response = client.get(_url("referral_detail", referral))
    assert response.status_code == 200
    body = response.content.decode()
    assert "Souhaite travailler dans les espaces verts." in body
    assert "0601020304" in body
    assert "Sous main de justice" in body and "valable jusqu'au 1 janvier 2099" in body
    assert "cv-sandrine.pdf" in body
    assert "plan/documents/" not in body  # not followed yet: names only
    assert "Accepter et ouvrir le parcours" in body
    referral.refresh_from_db()
    assert referral.state == S.SEEN and referral.seen_at is not None
    assert SensitiveRead.objects.filter(user=team.colleague, person=referral.person).exists()


def test_the_sender_sees_it_without_marking_it_seen_nor_answering(
    client, team, prescriber, referral
):
    client.force_login(prescriber.adviser)
    response = client.get(_url("referral_detail", referral))
    assert response.status_code == 200
    body = response.content.decode()
    assert "Accepter et ouvrir le parcours" not in body
    assert "Retirer l'orientation" in body
    referral.refresh_from_db()
    assert referral.state == S.SENT
    assert client.post(_url("referral_accept", referral), {}).status_code == 403


def test_a_stranger_gets_a_404_everywhere(client, team, referral):
    client.force_login(team.stranger)
    for name in ("referral_detail",):
        assert client.get(_url(name, referral)).status_code == 404
    for name in ("referral_accept", "referral_refuse", "referral_redirect", "referral_withdraw"):
        assert client.post(_url(name, referral), {"reason": "schedule"}).status_code == 404
    referral.refresh_from_db()
    assert referral.state == S.SENT


def test_accepting_opens_the_pathway_and_leads_to_it(client, team, prescriber, referral):
    client.force_login(team.colleague)
    response = client.post(
        _url("referral_accept", referral),
        {"referent": team.admin.pk, "kind": PathwayKind.SAS_IAE, "comment": "Bienvenue"},
    )
    assert response.status_code == 302
    assert response["Location"] == reverse(
        "person_pathways", kwargs={"person_pk": referral.person_id}
    )
    pathway = Pathway.objects.get(person=referral.person, organization=team.organization)
    assert (pathway.kind, pathway.referent) == (PathwayKind.SAS_IAE, team.admin)
    assert pathway.prescriber_organization == prescriber.organization
    referral.refresh_from_db()
    assert referral.state == S.ACCEPTED and referral.pathway == pathway


def test_a_referent_from_elsewhere_is_refused_and_nothing_changes(client, team, referral):
    client.force_login(team.colleague)
    response = client.post(
        _url("referral_accept", referral), {"referent": team.stranger.pk, "kind": "iae"}
    )
    assert response.status_code == 400
    assert 'value="iae" selected' in response.content.decode()
    assert not Pathway.objects.filter(person=referral.person).exists()


def test_refusing_needs_a_reason_and_a_comment_for_other(client, team, prescriber, referral):
    client.force_login(team.colleague)
    response = client.post(_url("referral_refuse", referral), {"reason": "other"})
    assert response.status_code == 400
    assert "Précisez le motif du refus en commentaire." in response.content.decode()
    referral.refresh_from_db()
    assert referral.state == S.SENT  # a failed answer changes nothing
    response = client.post(
        _url("referral_refuse", referral), {"reason": "schedule", "comment": "Horaires de nuit"}
    )
    assert response.status_code == 302
    client.force_login(prescriber.adviser)
    body = client.get(_url("referral_detail", referral)).content.decode()
    assert "Pas de poste adapté aux horaires de la personne" in body
    assert "Horaires de nuit" in body
    try:
        create_url = reverse("referral_create", kwargs={"person_pk": referral.person_id})
    except NoReverseMatch:
        create_url = None
    if create_url:
        assert create_url in body and "Orienter vers une autre structure" in body


def test_redirecting_sends_it_to_the_chosen_structure(client, team, prescriber, referral):
    hub = OrganizationFactory(
        name="Espace emploi du Baugeois", kind=OrganizationKind.EMPLOYMENT_HUB
    )
    client.force_login(team.colleague)
    response = client.post(_url("referral_redirect", referral), {"to_organization": hub.pk})
    assert response.status_code == 400
    assert "Expliquez pourquoi vous réorientez la personne." in response.content.decode()
    response = client.post(
        _url("referral_redirect", referral),
        {"to_organization": hub.pk, "comment": "Plus proche de chez elle"},
    )
    assert response.status_code == 302
    referral.refresh_from_db()
    assert referral.state == S.REDIRECTED
    assert referral.redirected_to.to_organization == hub
    assert referral.redirected_to.from_organization == prescriber.organization


def test_the_sender_withdraws_an_open_referral(client, team, prescriber, referral):
    client.force_login(prescriber.adviser)
    response = client.post(_url("referral_withdraw", referral), {"comment": "A trouvé un emploi"})
    assert response.status_code == 302
    referral.refresh_from_db()
    assert referral.state == S.WITHDRAWN
    client.force_login(team.colleague)
    body = client.get(_url("referral_detail", referral)).content.decode()
    assert "Accepter et ouvrir le parcours" not in body
    assert "A trouvé un emploi" in body


def test_answering_a_withdrawn_referral_says_why_it_failed(client, team, prescriber, referral):
    services.referral_withdraw(referral=referral, user=prescriber.adviser)
    client.force_login(team.colleague)
    response = client.post(_url("referral_refuse", referral), {"reason": RefusalReason.SCHEDULE})
    assert response.status_code == 400
    assert "ne peut plus passer" in response.content.decode()


def test_the_receiver_downloads_documents_once_it_follows_the_person(client, team, referral):
    services.referral_accept(referral=referral, user=team.colleague)
    client.force_login(team.colleague)
    body = client.get(_url("referral_detail", referral)).content.decode()
    document = referral.documents.get()
    assert (
        reverse(
            "document_download",
            kwargs={"person_pk": referral.person_id, "document_pk": document.pk},
        )
        in body
    )
