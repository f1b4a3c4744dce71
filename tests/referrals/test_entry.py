"""Sending a referral from the UI, the drop-in session and outreach by a partner."""

import pytest
from django.core.files.base import ContentFile

from access import ledger
from organizations.enums import OrganizationKind
from pathways.enums import EntryChannel, PathwayKind
from pathways.models import Pathway
from pathways.services import eligibility_diagnose
from persons.models import Person
from persons.services import person_create
from plans.enums import DocumentKind
from plans.models import Document
from referrals.enums import Channel
from referrals.enums import ReferralState as S
from referrals.models import Referral
from tests.directory.helpers import territory
from tests.factories.organizations import MembershipFactory, OrganizationFactory
from timeline.models import TimelineEvent


@pytest.fixture
def place(db):
    communes, structures = territory()
    return communes, structures


def _url(person, structure=None):
    query = f"?structure={structure.pk}" if structure else ""
    return f"/personnes/{person.pk}/orienter/{query}"


def _prescriber_with_person(communes):
    prescriber = OrganizationFactory(
        name="France Travail Angers",
        kind=OrganizationKind.FRANCE_TRAVAIL,
        commune=communes["49007"],
    )
    adviser = MembershipFactory(organization=prescriber).user
    person = person_create(
        organization=prescriber,
        user=adviser,
        data={"first_name": "Sandrine", "last_name": "Lefort", "commune": communes["49353"]},
    )
    return prescriber, adviser, person


def test_a_prescriber_refers_a_person_it_created_with_the_wanted_job(client, place):
    communes, structures = place
    prescriber, adviser, person = _prescriber_with_person(communes)
    client.force_login(adviser)
    page = client.get(_url(person, structures["trelaze"]))
    assert page.status_code == 200
    assert "Note de Trélazé Services" in page.content.decode()
    response = client.post(
        _url(person),
        {
            "structure": structures["trelaze"].pk,
            "motivation": "Projet dans le nettoyage, disponible tout de suite.",
            "action": "send",
        },
    )
    assert response.status_code == 302
    referral = Referral.objects.get(person=person)
    assert referral.state == S.SENT
    assert referral.from_organization == prescriber and referral.from_user == adviser
    assert referral.to_organization == structures["trelaze"]
    assert referral.channel == Channel.REFERRAL


def test_without_a_structure_the_page_sends_to_the_directory_near_the_person(client, place):
    communes, _ = place
    _, adviser, person = _prescriber_with_person(communes)
    client.force_login(adviser)
    body = client.get(_url(person)).content.decode()
    assert f"/structures/?person={person.pk}&amp;commune=49353" in body


def test_a_draft_is_saved_without_sending(client, place):
    communes, structures = place
    _, adviser, person = _prescriber_with_person(communes)
    client.force_login(adviser)
    client.post(
        _url(person),
        {"structure": structures["angers"].pk, "motivation": "À relire.", "action": "draft"},
    )
    referral = Referral.objects.get(person=person)
    assert referral.state == S.DRAFT and referral.sent_at is None


def test_a_second_open_referral_is_refused_with_its_reason_and_the_input_kept(client, place):
    communes, structures = place
    _, adviser, person = _prescriber_with_person(communes)
    client.force_login(adviser)
    data = {"structure": structures["trelaze"].pk, "motivation": "Premier envoi.", "action": "send"}
    client.post(_url(person), data)
    response = client.post(_url(person), {**data, "motivation": "Deuxième envoi, texte gardé."})
    assert response.status_code == 400
    body = response.content.decode()
    assert "a déjà une orientation en cours vers Trélazé Services" in body
    assert "Deuxième envoi, texte gardé." in body
    assert Referral.objects.filter(person=person).count() == 1


def test_a_missing_motivation_is_explained(client, place):
    communes, structures = place
    _, adviser, person = _prescriber_with_person(communes)
    client.force_login(adviser)
    response = client.post(_url(person), {"structure": structures["trelaze"].pk, "motivation": ""})
    assert response.status_code == 400
    assert "Expliquez en quelques mots" in response.content.decode()
    assert not Referral.objects.exists()


def test_the_follower_attaches_the_valid_diagnosis_and_documents_it_sees(
    client, team, followed, place
):
    _, structures = place
    diagnosis = eligibility_diagnose(
        person=followed.person,
        organization=team.organization,
        author=team.colleague,
        structure_kind=OrganizationKind.AI,
        level1=["rsa"],
        level2=[],
    )
    document = Document.objects.create(
        person=followed.person,
        kind=DocumentKind.CV,
        file=ContentFile(b"cv", name="cv.pdf"),
        name="cv.pdf",
        organization=team.organization,
    )
    client.force_login(team.colleague)
    page = client.get(_url(followed.person, structures["trelaze"])).content.decode()
    assert f"valable jusqu'au {diagnosis.valid_until:%d/%m/%Y}" in page
    assert "cv.pdf" in page
    client.post(
        _url(followed.person),
        {
            "structure": structures["trelaze"].pk,
            "motivation": "Pour un poste en AI.",
            "attach_diagnosis": "on",
            "documents": [document.pk],
            "action": "send",
        },
    )
    referral = Referral.objects.get(person=followed.person)
    assert referral.eligibility_diagnosis == diagnosis
    assert list(referral.documents.all()) == [document]


def test_a_prescriber_is_told_how_eligibility_is_done_and_sees_no_document(client, followed, place):
    _, structures = place
    Document.objects.create(
        person=followed.person,
        kind=DocumentKind.CV,
        file=ContentFile(b"cv", name="cv-secret.pdf"),
        name="cv-secret.pdf",
    )
    # A CCAS refers people, but is not authorised to diagnose their eligibility.
    followed.prescriber.kind = OrganizationKind.CCAS
    followed.prescriber.save()
    ledger.refresh_organization(followed.prescriber)
    client.force_login(followed.prescriber_user)
    body = client.get(_url(followed.person, structures["trelaze"])).content.decode()
    assert "La structure le fera à l'accueil" in body
    assert 'name="diagnostic-level1"' not in body
    assert "cv-secret.pdf" not in body


def test_a_stranger_cannot_refer_someone_else_s_person(client, team, followed, place):
    _, structures = place
    client.force_login(team.stranger)
    assert client.get(_url(followed.person, structures["trelaze"])).status_code == 404
    response = client.post(
        _url(followed.person),
        {"structure": structures["trelaze"].pk, "motivation": "x", "action": "send"},
    )
    assert response.status_code == 404
    assert not Referral.objects.exists()


def test_an_employer_cannot_refer(client, place):
    communes, structures = place
    employer = MembershipFactory(organization=structures["company"]).user
    _, _, person = _prescriber_with_person(communes)
    client.force_login(employer)
    assert client.get(_url(person, structures["trelaze"])).status_code == 403


def test_creating_a_new_person_from_the_card_comes_back_to_the_referral(client, place):
    communes, structures = place
    _, adviser, _ = _prescriber_with_person(communes)
    client.force_login(adviser)
    trelaze = structures["trelaze"]
    response = client.post(
        f"/personnes/nouvelle/?next=/structures/{trelaze.pk}/orienter/",
        {
            "first_name": "Nora",
            "last_name": "Nouvelle",
            "consent": "on",
            "consent_method": "oral",
        },
    )
    person = Person.objects.get(last_name="Nouvelle")
    assert response["Location"] == f"/structures/{trelaze.pk}/orienter/?person={person.pk}"
    then = client.get(response["Location"])
    assert then["Location"] == f"/personnes/{person.pk}/orienter/?structure={trelaze.pk}"


def test_the_person_page_never_follows_a_next_to_another_site(client, place):
    communes, _ = place
    _, adviser, _ = _prescriber_with_person(communes)
    client.force_login(adviser)
    response = client.post(
        "/personnes/nouvelle/?next=https://ailleurs.example/",
        {"first_name": "Omar", "last_name": "Ailleurs", "consent": "on", "consent_method": "oral"},
    )
    assert response["Location"].startswith("/personnes/")


# --- Drop-in session ----------------------------------------------------------------


def _walk_in(client, **extra):
    data = {
        "first_name": "Karim",
        "last_name": "Benali",
        "birth_date": "1981-03-12",
        "phone": "06 11 22 33 44",
        "looking_for": "Cariste, ou la déchetterie",
        "consent": "on",
    }
    data.update(extra)
    return client.post("/permanence/", data)


def test_a_walk_in_creates_the_person_and_opens_the_pathway_as_walk_in(client, team):
    client.force_login(team.colleague)
    assert client.get("/permanence/").status_code == 200
    response = _walk_in(client)
    person = Person.objects.get(last_name="Benali")
    assert response["Location"] == f"/personnes/{person.pk}/"
    pathway = Pathway.objects.get(person=person)
    assert pathway.organization == team.organization
    assert pathway.entry_channel == EntryChannel.WALK_IN
    assert pathway.kind == PathwayKind.IAE  # the team's structure is an ACI
    assert TimelineEvent.objects.filter(person=person, detail="Cariste, ou la déchetterie").exists()


def test_a_walk_in_who_looks_known_asks_which_record_to_use(client, team, followed):
    client.force_login(team.colleague)
    response = _walk_in(
        client, first_name="Sandrine", last_name="Quintaval", email="sandrine@exemple.fr"
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert "peut-être déjà un dossier" in body and 'value="Cariste, ou la déchetterie"' not in body
    assert "Cariste, ou la déchetterie" in body
    # The pathway is already open here: using that record is refused, and explained.
    again = _walk_in(
        client,
        first_name="Sandrine",
        last_name="Quintaval",
        email="sandrine@exemple.fr",
        duplicate_choice=str(followed.person.pk),
    )
    assert again.status_code == 400
    assert "déjà un parcours en cours dans votre structure" in again.content.decode()
    assert Person.objects.filter(last_name="Quintaval").count() == 1


def test_a_walk_in_of_another_person_with_the_same_contact_creates_a_new_record(
    client, team, followed
):
    client.force_login(team.colleague)
    _walk_in(client, email="sandrine@exemple.fr", duplicate_choice="new")
    assert Pathway.objects.filter(person__last_name="Benali").count() == 1


def test_a_walk_in_without_consent_writes_nothing(client, team):
    client.force_login(team.colleague)
    response = _walk_in(client, consent="")
    assert response.status_code == 400
    assert "Le consentement de la personne est obligatoire." in response.content.decode()
    assert not Person.objects.filter(last_name="Benali").exists()


def test_only_structures_that_accompany_hold_drop_in_sessions(client, followed):
    client.force_login(followed.prescriber_user)
    assert client.get("/permanence/").status_code == 403


# --- Outreach -------------------------------------------------------------------------


def test_a_partner_spots_a_person_and_refers_them_as_outreach(client, place):
    communes, structures = place
    partner = OrganizationFactory(
        name="CCAS d'Angers", kind=OrganizationKind.PARTNER_SERVICE, commune=communes["49007"]
    )
    worker = MembershipFactory(organization=partner).user
    client.force_login(worker)
    page = client.get("/reperage/").content.decode()
    assert "Trélazé Services — Trélazé" in page
    assert "Propreté des Ponts" not in page  # closed to referrals
    response = client.post(
        "/reperage/",
        {
            "first_name": "Lucas",
            "last_name": "Repéré",
            "phone": "0611223344",
            "structure": structures["trelaze"].pk,
            "motivation": "Rencontré à l'épicerie solidaire, veut travailler.",
            "consent": "on",
        },
    )
    assert response.status_code == 302
    referral = Referral.objects.get(person__last_name="Repéré")
    assert referral.channel == Channel.OUTREACH and referral.state == S.SENT
    assert referral.from_organization == partner
    assert referral.person.created_by_organization == partner


def test_outreach_needs_a_structure(client, place):
    communes, _ = place
    partner = OrganizationFactory(kind=OrganizationKind.PARTNER_SERVICE, commune=communes["49007"])
    client.force_login(MembershipFactory(organization=partner).user)
    response = client.post(
        "/reperage/",
        {"first_name": "Lucas", "last_name": "Repéré", "motivation": "x", "consent": "on"},
    )
    assert response.status_code == 400
    assert "Choisissez la structure" in response.content.decode()
    assert not Person.objects.filter(last_name="Repéré").exists()


def test_a_walk_in_typed_in_lower_case_without_birth_date_proposes_the_existing_record(
    client, team
):
    """The first round created a third « Karim Benali » without a word: the names alone,
    however typed, now propose the record already there."""
    client.force_login(team.colleague)
    _walk_in(client)
    known = Person.objects.get(last_name="Benali")
    response = _walk_in(client, first_name="karim", last_name="BEN-ALI", birth_date="", phone="")
    assert response.status_code == 400
    body = response.content.decode()
    assert "peut-être déjà un dossier" in body
    assert f'name="duplicate_choice" value="{known.pk}"' in body
    assert "Utiliser le dossier de Karim Benali, né·e le 12/03/1981" in body
    assert Person.objects.filter(name_key=known.name_key).count() == 1
