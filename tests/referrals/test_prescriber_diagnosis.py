"""An authorised prescriber makes the IAE eligibility diagnosis and joins documents as
they refer; the structure reads who made it and until when it stands, and does not make
it again when it accepts. The page, the API and the service keep the same rules."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from access import ledger
from organizations.enums import OrganizationKind
from pathways.eligibility import Criteria
from pathways.models import EligibilityDiagnosis, Pathway
from plans.models import Document
from referrals import services
from referrals.models import Referral
from tests.factories.files import EXE, PDF
from tests.factories.organizations import OrganizationFactory
from tests.referrals.helpers import person_of, prescriber_with_adviser, send
from timeline.models import TimelineEvent

pytestmark = pytest.mark.django_db


@pytest.fixture
def prescriber():
    return prescriber_with_adviser()


def _cv(content=PDF, name="cv.pdf"):
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def test_the_adviser_diagnoses_and_joins_a_cv_and_the_structure_takes_both_on(team, prescriber):
    person = person_of(prescriber)
    referral = send(
        prescriber,
        person,
        team.organization,
        eligibility_criteria=Criteria(level1=["rsa"]),
        uploads=[("cv", _cv())],
    )
    diagnosis = referral.eligibility_diagnosis
    assert diagnosis.organization == prescriber.organization
    assert diagnosis.author == prescriber.adviser
    assert diagnosis.structure_kind == OrganizationKind.ACI
    assert diagnosis.is_eligible
    assert diagnosis.valid_until == timezone.localdate() + timedelta(days=183)
    [document] = referral.documents.all()
    assert document.name == "cv.pdf" and document.organization == prescriber.organization
    # The sender wrote it; the team reads it, once there is one.
    assert not Document.objects.visible_to(prescriber.adviser).exists()
    assert not Document.objects.visible_to(team.colleague).exists()

    services.referral_accept(referral=referral, user=team.colleague)

    assert list(Document.objects.visible_to(team.colleague)) == [document]
    assert not Document.objects.visible_to(prescriber.adviser).exists()
    assert EligibilityDiagnosis.objects.filter(person=person).count() == 1
    taken_on = TimelineEvent.objects.get(person=person, title__contains="repris à l'entrée")
    assert taken_on.pathway == Pathway.objects.get(person=person)
    assert "France Travail Angers" in taken_on.title
    assert f"{diagnosis.valid_until:%d/%m/%Y}" in taken_on.title


def test_the_level2_criteria_are_counted_for_the_structure_referred_to(team, prescriber):
    person = person_of(prescriber)
    two = Criteria(level2=["senior_50", "mobility"])
    intermediary = OrganizationFactory(kind=OrganizationKind.AI)
    to_ai = send(prescriber, person, intermediary, eligibility_criteria=two)
    to_aci = send(prescriber, person, team.organization, eligibility_criteria=two)
    assert to_ai.eligibility_diagnosis.is_eligible  # two are enough for an AI
    assert not to_aci.eligibility_diagnosis.is_eligible  # an ACI needs three


def test_a_prescriber_not_authorised_makes_no_diagnosis_and_writes_nothing(team, prescriber):
    prescriber.organization.kind = OrganizationKind.CCAS
    prescriber.organization.save()
    ledger.refresh_organization(prescriber.organization)
    person = person_of(prescriber)
    with pytest.raises(PermissionDenied):
        send(prescriber, person, team.organization, eligibility_criteria=Criteria(level1=["rsa"]))
    assert not Referral.objects.exists()
    assert not EligibilityDiagnosis.objects.exists()


@pytest.mark.parametrize(
    "criteria, message",
    [
        (Criteria(), "Cochez au moins un critère"),
        (Criteria(level1=["rsa"], made_on=timezone.localdate() + timedelta(days=2)), "futur"),
        (Criteria(level1=["rsa"], made_on=timezone.localdate() - timedelta(days=200)), "expiré"),
    ],
)
def test_a_diagnosis_that_cannot_stand_is_refused_in_french(team, prescriber, criteria, message):
    with pytest.raises(ValidationError, match=message):
        send(prescriber, person_of(prescriber), team.organization, eligibility_criteria=criteria)
    assert not Referral.objects.exists()


def test_a_diagnosis_goes_only_to_an_inclusion_employer(prescriber):
    hub = OrganizationFactory(kind=OrganizationKind.EMPLOYMENT_HUB)
    with pytest.raises(ValidationError, match="SIAE"):
        send(prescriber, person_of(prescriber), hub, eligibility_criteria=Criteria(level1=["rsa"]))


def test_a_file_that_is_not_what_it_says_is_refused_and_nothing_is_sent(team, prescriber):
    with pytest.raises(ValidationError, match="n'est pas un fichier PDF"):
        send(
            prescriber,
            person_of(prescriber),
            team.organization,
            uploads=[("cv", _cv(EXE, "cv.pdf"))],
        )
    assert not Referral.objects.exists()
    assert not Document.objects.exists()


# --- the page -------------------------------------------------------------------------


def _refer_url(person, structure=None):
    query = f"?structure={structure.pk}" if structure else ""
    return f"/personnes/{person.pk}/orienter/{query}"


def test_the_referral_form_records_the_diagnosis_and_the_document(client, team, prescriber):
    person = person_of(prescriber)
    client.force_login(prescriber.adviser)
    page = client.get(_refer_url(person, team.organization)).content.decode()
    assert "Vous êtes habilité·e à le faire" in page
    assert "3 critères de niveau 2" in page
    response = client.post(
        _refer_url(person),
        {
            "structure": team.organization.pk,
            "motivation": "Au RSA depuis trois ans, prête à reprendre.",
            "diagnostic-level1": ["rsa"],
            "diagnostic-made_on": timezone.localdate().isoformat(),
            "kind_1": "cv",
            "file_1": _cv(),
            "action": "send",
        },
    )
    assert response.status_code == 302, response.content.decode()
    referral = Referral.objects.get(person=person)
    assert referral.eligibility_diagnosis.level1 == ["rsa"]
    assert [d.name for d in referral.documents.all()] == ["cv.pdf"]


def test_a_bad_file_is_explained_and_what_was_typed_is_kept(client, team, prescriber):
    person = person_of(prescriber)
    client.force_login(prescriber.adviser)
    response = client.post(
        _refer_url(person),
        {
            "structure": team.organization.pk,
            "motivation": "Texte gardé malgré l'erreur.",
            "diagnostic-level1": ["rsa"],
            "diagnostic-made_on": timezone.localdate().isoformat(),
            "kind_1": "cv",
            "file_1": _cv(EXE, "cv.pdf"),
            "action": "send",
        },
    )
    body = response.content.decode()
    assert response.status_code == 400
    assert "n&#x27;est pas un fichier PDF valide" in body
    assert "Texte gardé malgré l&#x27;erreur." in body
    assert 'value="rsa" id="id_diagnostic-level1_0" checked' in body
    assert not Referral.objects.exists() and not EligibilityDiagnosis.objects.exists()


def test_a_file_without_its_kind_is_asked_for_its_kind(client, team, prescriber):
    person = person_of(prescriber)
    client.force_login(prescriber.adviser)
    response = client.post(
        _refer_url(person),
        {"structure": team.organization.pk, "motivation": "x", "file_1": _cv(), "action": "send"},
    )
    assert response.status_code == 400
    assert "Choisissez le type du document." in response.content.decode()


def test_the_wanted_job_is_the_first_wish_and_can_be_changed(client, team, followed):
    from persons.services import wish_add
    from tests.factories.jobs import AppellationFactory

    first = AppellationFactory(name="Agent de propreté")
    wish_add(person=followed.person, appellation=first, actor=team.colleague)
    wish_add(
        person=followed.person, appellation=AppellationFactory(name="Cariste"), actor=team.colleague
    )
    elsewhere = OrganizationFactory(kind=OrganizationKind.EI)
    client.force_login(team.colleague)
    page = client.get(_refer_url(followed.person, elsewhere)).content.decode()
    assert f'value="Agent de propreté ({first.code})"' in page
    assert "Ses métiers souhaités : Agent de propreté, Cariste." in page
    response = client.post(
        _refer_url(followed.person),
        {"structure": elsewhere.pk, "motivation": "Projet", "appellation": "Cariste"},
    )
    assert response.status_code == 302
    assert Referral.objects.get(to_organization=elsewhere).wanted_job.name == "Cariste"
    # The project is the team's: the prescriber who sees the milestones types the job.
    client.force_login(followed.prescriber_user)
    page = client.get(_refer_url(followed.person, elsewhere)).content.decode()
    assert "Agent de propreté" not in page


def test_the_structure_sees_who_diagnosed_and_is_not_asked_again(client, team, prescriber):
    person = person_of(prescriber)
    referral = send(
        prescriber, person, team.organization, eligibility_criteria=Criteria(level1=["ass"])
    )
    client.force_login(team.colleague)
    page = client.get(f"/orientations/{referral.pk}/").content.decode()
    assert "par France Travail Angers" in page
    assert "vous n'avez pas à le refaire" in page
    services.referral_accept(referral=referral, user=team.colleague)
    pathways_page = client.get(f"/personnes/{person.pk}/parcours/").content.decode()
    until = referral.eligibility_diagnosis.valid_until
    assert "Diagnostic d'éligibilité fait par <strong>France Travail Angers</strong>" in (
        pathways_page
    )
    assert f"valable jusqu'au <strong>{until:%d/%m/%Y}</strong>" in pathways_page
    # The form to diagnose again stays closed behind its toggle.
    assert "Faire un nouveau diagnostic malgré tout" in pathways_page


# --- the API --------------------------------------------------------------------------


def _create(client, headers, payload):
    return client.post(
        "/api/v1/referrals", payload, content_type="application/json", headers=headers
    )


def test_the_api_takes_the_diagnosis_with_the_referral(client, team, prescriber, bearer):
    person = person_of(prescriber)
    response = _create(
        client,
        bearer(prescriber.adviser),
        {
            "person_id": person.pk,
            "to_organization_id": team.organization.pk,
            "motivation": "Au RSA.",
            "eligibility_criteria": {"level1": ["rsa"]},
        },
    )
    assert response.status_code == 201, response.content
    diagnosis = response.json()["eligibility_diagnosis"]
    assert diagnosis["organization"]["name"] == "France Travail Angers"
    assert diagnosis["is_valid"] and diagnosis["is_eligible"]
    assert diagnosis["valid_until"] == f"{timezone.localdate() + timedelta(days=183):%Y-%m-%d}"
    structure = client.get(
        f"/api/v1/referrals/{response.json()['id']}", headers=bearer(team.colleague)
    ).json()
    assert structure["eligibility_diagnosis"]["organization"]["id"] == prescriber.organization.pk


@pytest.mark.parametrize(
    "criteria, status",
    [
        ({"level1": []}, 400),  # nothing ticked
        ({"level1": ["millionaire"]}, 422),  # not a criterion
        ({"level1": ["rsa"], "made_on": "2099-01-01"}, 400),  # in the future
    ],
)
def test_the_api_refuses_a_bad_diagnosis(client, team, prescriber, bearer, criteria, status):
    person = person_of(prescriber)
    response = _create(
        client,
        bearer(prescriber.adviser),
        {
            "person_id": person.pk,
            "to_organization_id": team.organization.pk,
            "motivation": "x",
            "eligibility_criteria": criteria,
        },
    )
    assert response.status_code == status, response.content
    assert not Referral.objects.exists() and not EligibilityDiagnosis.objects.exists()


def test_the_api_refuses_an_expired_diagnosis_and_an_unauthorised_diagnostician(
    client, team, prescriber, bearer
):
    person = person_of(prescriber)
    old = EligibilityDiagnosis.objects.create(
        person=person,
        organization=prescriber.organization,
        structure_kind=OrganizationKind.ACI,
        level1=["rsa"],
        is_eligible=True,
        made_on=timezone.localdate() - timedelta(days=400),
        valid_until=timezone.localdate() - timedelta(days=217),
    )
    payload = {"person_id": person.pk, "to_organization_id": team.organization.pk}
    expired = _create(
        client,
        bearer(prescriber.adviser),
        {**payload, "motivation": "x", "eligibility_diagnosis_id": old.pk},
    )
    assert expired.status_code == 400 and "a expiré" in expired.json()["detail"]
    prescriber.organization.kind = OrganizationKind.PLIE
    prescriber.organization.save()
    ledger.refresh_organization(prescriber.organization)
    refused = _create(
        client,
        bearer(prescriber.adviser),
        {**payload, "motivation": "x", "eligibility_criteria": {"level1": ["rsa"]}},
    )
    assert refused.status_code == 403
    assert "prescripteurs habilités" in refused.json()["detail"]


def test_the_sender_joins_a_document_through_the_api_while_the_referral_waits(
    client, team, prescriber, bearer
):
    referral = send(prescriber, person_of(prescriber), team.organization)
    url = f"/api/v1/referrals/{referral.pk}/documents"
    adviser = bearer(prescriber.adviser)

    added = client.post(url, {"kind": "cv", "file": _cv()}, headers=adviser)
    assert added.status_code == 201, added.content
    assert added.json()["name"] == "cv.pdf"
    assert [d.pk for d in referral.documents.all()] == [added.json()["id"]]

    fake = client.post(url, {"kind": "cv", "file": _cv(EXE, "cv.pdf")}, headers=adviser)
    assert fake.status_code == 400 and "n'est pas un fichier PDF" in fake.json()["detail"]
    no_kind = client.post(url, {"kind": "photo", "file": _cv()}, headers=adviser)
    assert no_kind.status_code == 422
    assert (
        client.post(url, {"kind": "cv", "file": _cv()}, headers=bearer(team.colleague)).status_code
        == 403
    )
    assert (
        client.post(url, {"kind": "cv", "file": _cv()}, headers=bearer(team.stranger)).status_code
        == 404
    )

    services.referral_accept(referral=referral, user=team.colleague)
    late = client.post(url, {"kind": "cv", "file": _cv()}, headers=adviser)
    assert late.status_code == 400 and "tant qu'elle attend" in late.json()["detail"]
    assert referral.documents.count() == 1


def test_the_joined_document_is_read_by_the_team_only_never_by_an_employer(
    client, team, prescriber
):
    from django.urls import reverse

    from tests.factories.pathways import TeamMemberFactory
    from tests.offers.helpers import employer_account

    person = person_of(prescriber)
    referral = send(prescriber, person, team.organization, uploads=[("identity", _cv())])
    [document] = referral.documents.all()
    url = reverse("document_download", args=[person.pk, document.pk])
    client.force_login(team.colleague)
    assert client.get(url).status_code == 404  # not the structure's person yet
    services.referral_accept(referral=referral, user=team.colleague)
    pathway = Pathway.objects.get(person=person)
    employer, manager, _ = employer_account()
    TeamMemberFactory(pathway=pathway, user=manager, organization=employer)

    downloaded = client.get(url)
    assert downloaded.status_code == 200
    assert b"".join(downloaded.streaming_content) == PDF
    client.force_login(prescriber.adviser)
    assert client.get(url).status_code == 403  # the milestones, not the file
    referral_page = client.get(f"/orientations/{referral.pk}/").content.decode()
    assert "cv.pdf" in referral_page and url not in referral_page
    for outsider in (manager, team.stranger):
        client.force_login(outsider)
        assert client.get(url).status_code == 404
        assert client.get(f"/orientations/{referral.pk}/").status_code == 404
