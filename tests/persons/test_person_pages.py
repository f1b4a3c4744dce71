"""The person list, creation with its duplicate check, and the « Situation et projet »
page: colleague, prescriber (milestones) and stranger."""

from html import unescape

from audit.models import SensitiveRead
from organizations.enums import OrganizationKind
from pathways.enums import PathwayKind, PathwayState
from pathways.services import pathway_open
from persons import selectors
from persons.models import Consent, Person
from persons.services import person_create, person_merge, person_update, wish_add
from retention.models import Cause
from retention.services import person_anonymise
from tests.factories.jobs import AppellationFactory
from tests.factories.organizations import MembershipFactory, OrganizationFactory
from tests.factories.pathways import PathwayFactory
from tests.factories.persons import PersonFactory
from tests.factories.territories import CommuneFactory
from timeline.models import TimelineEvent


def _names(response):
    return [str(p) for p in response.context["page"].object_list]


# --- list -------------------------------------------------------------------------------


def test_it_lists_the_people_the_organization_follows(client, team, followed):
    client.force_login(team.colleague)
    response = client.get("/personnes/")
    assert response.status_code == 200
    assert _names(response) == ["Sandrine Quintaval"]
    body = response.content.decode()
    assert "Parcours IAE (PASS IAE)" in body and "Accueil" in body
    assert str(team.colleague) in body  # referent


def test_it_shows_the_prescriber_the_people_they_referred(client, team, followed):
    client.force_login(followed.prescriber_user)
    response = client.get("/personnes/")
    assert _names(response) == ["Sandrine Quintaval"]


def test_it_shows_a_stranger_nobody(client, team, followed):
    client.force_login(team.stranger)
    response = client.get("/personnes/")
    assert response.status_code == 200
    assert _names(response) == []
    assert "Quintaval" not in response.content.decode()


def test_it_searches_names_without_accents_in_any_order(client, team, followed):
    person_create(
        organization=team.organization,
        user=team.colleague,
        data={"first_name": "Élodie", "last_name": "Martin-Lefèvre"},
    )
    client.force_login(team.colleague)
    assert _names(client.get("/personnes/?q=lefevre elodie")) == ["Élodie Martin-Lefèvre"]
    assert _names(client.get("/personnes/?q=QUINT")) == ["Sandrine Quintaval"]
    assert _names(client.get("/personnes/?q=zorro")) == []


def test_the_people_found_by_a_search_stay_in_the_order_of_their_names(client, team, followed):
    for first, last in (("Marc", "Zola"), ("Marie", "Abel"), ("Maria", "Abel")):
        person_create(
            organization=team.organization,
            user=team.colleague,
            data={"first_name": first, "last_name": last},
        )
    client.force_login(team.colleague)
    assert _names(client.get("/personnes/?q=mar")) == ["Maria Abel", "Marie Abel", "Marc Zola"]


def test_it_filters_by_state_kind_referent_and_commune(client, team, followed):
    commune = CommuneFactory(name="Trélazé", code="49353")
    other = person_create(
        organization=team.organization,
        user=team.colleague,
        data={"first_name": "Karim", "last_name": "Benali", "commune": commune},
    )
    pathway_open(
        person=other,
        organization=team.organization,
        kind=PathwayKind.SUPPORT,
        referent=team.admin,
        user=team.admin,
        entry_channel="walk_in",
    )
    client.force_login(team.colleague)
    assert _names(client.get("/personnes/?kind=support")) == ["Karim Benali"]
    assert _names(client.get("/personnes/?state=intake")) == ["Karim Benali", "Sandrine Quintaval"]
    assert _names(client.get("/personnes/?state=active")) == []
    assert _names(client.get("/personnes/?referent=me")) == ["Sandrine Quintaval"]
    assert _names(client.get("/personnes/?commune=49353")) == ["Karim Benali"]
    assert _names(client.get("/personnes/?sort=updated"))[0] == "Karim Benali"


def test_it_paginates_by_25(client, team):
    for _ in range(30):
        PathwayFactory(organization=team.organization)
    client.force_login(team.colleague)
    response = client.get("/personnes/")
    assert len(response.context["page"].object_list) == 25
    assert len(client.get("/personnes/?page=2").context["page"].object_list) == 5


def test_the_list_costs_the_same_queries_for_many_people(
    client, team, django_assert_max_num_queries
):
    for _ in range(3):
        PathwayFactory(organization=team.organization, referent=team.admin)
    client.force_login(team.colleague)
    client.get("/personnes/")  # warm the session and the caches
    with django_assert_max_num_queries(12) as few:
        client.get("/personnes/")
    for _ in range(25):
        PathwayFactory(organization=team.organization, referent=team.colleague)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get("/personnes/")
    assert len(response.context["page"].object_list) == 25


def test_an_employer_has_no_person_list(client, db):
    company = OrganizationFactory(kind=OrganizationKind.COMPANY)
    user = MembershipFactory(organization=company).user
    client.force_login(user)
    assert client.get("/personnes/").status_code == 403
    assert client.get("/personnes/nouvelle/").status_code == 403


def test_the_navigation_links_the_list(client, team):
    client.force_login(team.colleague)
    assert 'href="/personnes/"' in client.get("/").content.decode()


# --- creation ---------------------------------------------------------------------------

IDENTITY = {
    "first_name": "Fatou",
    "last_name": "Diallo",
    "birth_date": "1990-04-12",
    "email": "fatou@exemple.fr",
    "phone": "06 12 34 56 78",
    "address": "3 rue des Lilas",
    "commune": "",
    "consent": "on",
    "consent_method": "oral",
}


def test_it_creates_a_person_with_the_consent(client, team):
    client.force_login(team.colleague)
    response = client.post("/personnes/nouvelle/", IDENTITY)
    person = Person.objects.get(last_name="Diallo")
    assert response.status_code == 302
    assert response["Location"] == f"/personnes/{person.pk}/"
    assert person.created_by_organization == team.organization
    assert person.phone == "0612345678"
    consent = Consent.objects.get(person=person)
    assert consent.given and consent.method == "oral" and consent.recorded_by == team.colleague


def test_it_refuses_a_person_without_consent_and_keeps_what_was_typed(client, team):
    client.force_login(team.colleague)
    response = client.post("/personnes/nouvelle/", {**IDENTITY, "consent": ""})
    assert response.status_code == 400
    body = response.content.decode()
    assert "Le consentement de la personne est obligatoire." in body
    assert 'value="Diallo"' in body
    assert not Person.objects.filter(last_name="Diallo").exists()


def test_it_offers_to_open_a_duplicate_the_user_can_see(client, team, followed):
    client.force_login(team.colleague)
    response = client.post(
        "/personnes/nouvelle/",
        {
            **IDENTITY,
            "first_name": "Sandrine",
            "last_name": "QUINTAVAL",
            "email": "sandrine@exemple.fr",
        },
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert "Ouvrir ce dossier" in body and f"/personnes/{followed.person.pk}/" in body
    assert Person.objects.filter(last_name__iexact="quintaval").count() == 1


def test_it_says_a_record_exists_elsewhere_without_any_detail(client, team, followed):
    client.force_login(team.stranger)
    data = {
        **IDENTITY,
        "first_name": "Sandrine",
        "last_name": "Quintaval",
        "email": "sandrine@exemple.fr",
    }
    response = client.post("/personnes/nouvelle/", data)
    body = response.content.decode()
    assert response.status_code == 400
    assert "un dossier similaire existe déjà dans une autre structure" in body.lower()
    assert f"/personnes/{followed.person.pk}/" not in body
    assert "Chantier des Tests" not in body
    response = client.post("/personnes/nouvelle/", {**data, "not_duplicate": "on"})
    assert response.status_code == 302
    assert Person.objects.filter(last_name="Quintaval").count() == 2


def test_after_creation_the_follower_is_offered_a_pathway(client, team):
    client.force_login(team.colleague)
    response = client.post("/personnes/nouvelle/", IDENTITY, follow=True)
    assert response.context["pathway_to_open"] is True


# --- situation and project --------------------------------------------------------------


def test_the_colleague_sees_the_situation_and_project(client, team, followed):
    wish_add(
        actor=team.colleague,
        person=followed.person,
        appellation=AppellationFactory(name="Agent de propreté"),
    )
    client.force_login(team.colleague)
    response = client.get(f"/personnes/{followed.person.pk}/")
    body = response.content.decode()
    assert response.status_code == 200
    assert "Agent de propreté" in body and "sandrine@exemple.fr" in body
    assert "Consentements" in body


def test_the_prescriber_sees_the_identity_only(client, team, followed):
    wish_add(
        actor=team.colleague,
        person=followed.person,
        appellation=AppellationFactory(name="Agent de propreté"),
    )
    client.force_login(followed.prescriber_user)
    response = client.get(f"/personnes/{followed.person.pk}/")
    body = response.content.decode()
    assert response.status_code == 200
    assert "Quintaval" in body and "seules les grandes étapes" in body
    assert "Agent de propreté" not in body and "sandrine@exemple.fr" not in body
    for page in ("identite/", "situation/", "metiers/ajouter/", "consentements/"):
        assert client.get(f"/personnes/{followed.person.pk}/{page}").status_code == 403


def test_a_stranger_gets_404_on_every_person_page(client, team, followed):
    client.force_login(team.stranger)
    for page in ("", "identite/", "situation/", "mobilite/", "metiers/ajouter/", "fusionner/"):
        assert client.get(f"/personnes/{followed.person.pk}/{page}").status_code == 404


def test_the_colleague_edits_the_identity(client, team, followed):
    client.force_login(team.colleague)
    url = f"/personnes/{followed.person.pk}/identite/"
    assert 'value="Quintaval"' in client.get(url).content.decode()
    response = client.post(
        url, {"first_name": "Sandrine", "last_name": "Quintaval-Roux", "email": "s@exemple.fr"}
    )
    assert response.status_code == 302
    followed.person.refresh_from_db()
    assert followed.person.last_name == "Quintaval-Roux"
    assert followed.person.search_name == "quintaval roux sandrine"
    event = TimelineEvent.objects.filter(person=followed.person).first()
    assert event.title == "Identité et coordonnées mises à jour" and "nom" in event.detail


def test_a_refused_identity_changes_nothing(client, team, followed):
    client.force_login(team.colleague)
    response = client.post(
        f"/personnes/{followed.person.pk}/identite/",
        {"first_name": "", "last_name": "Autre", "email": "pas-une-adresse"},
    )
    assert response.status_code == 400
    assert 'value="Autre"' in response.content.decode()
    followed.person.refresh_from_db()
    assert followed.person.last_name == "Quintaval"


def test_the_colleague_edits_the_situation_and_the_read_is_logged(client, team, followed):
    client.force_login(team.colleague)
    url = f"/personnes/{followed.person.pk}/situation/"
    response = client.post(
        url, {"education_level": "3", "receives_rsa": "on", "disabled_worker": "on"}
    )
    assert response.status_code == 302
    followed.person.refresh_from_db()
    assert followed.person.receives_rsa and followed.person.disabled_worker
    client.get(f"/personnes/{followed.person.pk}/")
    assert SensitiveRead.objects.filter(person=followed.person, user=team.colleague).exists()


def test_the_situation_refuses_an_identifier_without_registration(client, team, followed):
    client.force_login(team.colleague)
    response = client.post(
        f"/personnes/{followed.person.pk}/situation/", {"ft_identifier": "1234567A"}
    )
    assert response.status_code == 400
    assert "Cochez l'inscription à France Travail" in unescape(response.content.decode())


def test_the_colleague_edits_mobility_availability_and_wanted_work(client, team, followed):
    client.force_login(team.colleague)
    pk = followed.person.pk
    client.post(
        f"/personnes/{pk}/mobilite/",
        {"driving_licence": "in_progress", "moves_by_bike": "on", "max_travel_km": "15"},
    )
    client.post(
        f"/personnes/{pk}/disponibilites/",
        {"available_from": "2030-01-06", "no_nights": "on", "no_split_shifts": "on"},
    )
    client.post(
        f"/personnes/{pk}/contrats-souhaites/",
        {"contract_types": ["CDI", "CDDI"], "hours_per_week": "24"},
    )
    person = Person.objects.get(pk=pk)
    assert person.driving_licence == "in_progress" and person.max_travel_km == 15
    assert person.moves_by_bike and person.no_nights and person.no_split_shifts
    assert person.wanted_contract_types == ["CDI", "CDDI"] and person.wanted_hours_per_week == 24
    response = client.post(f"/personnes/{pk}/mobilite/", {"max_travel_km": "1000"})
    assert response.status_code == 400
    assert Person.objects.get(pk=pk).max_travel_km == 15


def test_the_colleague_adds_moves_and_removes_wishes(client, team, followed):
    cariste = AppellationFactory(code="11111", name="Cariste")
    dechetterie = AppellationFactory(code="22222", name="Agent de déchetterie")
    client.force_login(team.colleague)
    pk = followed.person.pk
    response = client.post(
        f"/personnes/{pk}/metiers/ajouter/",
        {"appellation": "Cariste (11111)", "own_words": "conduire des engins"},
    )
    assert response.status_code == 302
    client.post(f"/personnes/{pk}/metiers/ajouter/", {"appellation": "dechetterie"})
    wishes = list(followed.person.wishes.order_by("rank"))
    assert [w.appellation for w in wishes] == [cariste, dechetterie]
    assert wishes[0].own_words == "conduire des engins"
    response = client.post(
        f"/personnes/{pk}/metiers/{wishes[1].pk}/deplacer/",
        {"direction": "up"},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200 and 'id="metiers-souhaites"' in response.content.decode()
    assert [w.appellation for w in followed.person.wishes.order_by("rank")] == [
        dechetterie,
        cariste,
    ]
    client.post(f"/personnes/{pk}/metiers/{wishes[1].pk}/retirer/")
    assert [w.appellation for w in followed.person.wishes.all()] == [cariste]
    assert followed.person.wishes.get().rank == 1


def test_an_unknown_job_title_is_refused_with_a_clear_message(client, team, followed):
    client.force_login(team.colleague)
    response = client.post(
        f"/personnes/{followed.person.pk}/metiers/ajouter/", {"appellation": "Astronaute lunaire"}
    )
    assert response.status_code == 400
    assert "Aucun métier ne correspond à « Astronaute lunaire »" in response.content.decode()
    assert not followed.person.wishes.exists()


def test_the_colleague_adds_edits_and_removes_an_experience(client, team, followed):
    client.force_login(team.colleague)
    pk = followed.person.pk
    response = client.post(f"/personnes/{pk}/experiences/ajouter/", {"employer": "Le Relais"})
    assert response.status_code == 400
    assert "Indiquez le métier ou décrivez l'expérience." in unescape(response.content.decode())
    client.post(
        f"/personnes/{pk}/experiences/ajouter/",
        {
            "description": "Plonge en restauration",
            "employer": "Le Relais",
            "duration_months": "18",
            "ended_year": "2021",
            "skills": "Hygiène, rapidité",
        },
    )
    experience = followed.person.experiences.get()
    assert experience.duration_months == 18
    client.post(
        f"/personnes/{pk}/experiences/{experience.pk}/",
        {"description": "Commis de cuisine", "employer": "Le Relais", "ended_year": "2022"},
    )
    experience.refresh_from_db()
    assert experience.description == "Commis de cuisine" and experience.ended_year == 2022
    client.post(f"/personnes/{pk}/experiences/{experience.pk}/retirer/")
    assert not followed.person.experiences.exists()


def test_the_colleague_records_a_consent_withdrawal(client, team, followed):
    client.force_login(team.colleague)
    response = client.post(
        f"/personnes/{followed.person.pk}/consentements/",
        {"purpose": "success_story", "given": "no", "method": "written"},
    )
    assert response.status_code == 302
    consent = followed.person.consents.first()
    assert consent.purpose == "success_story" and not consent.given
    page = client.get(f"/personnes/{followed.person.pk}/").content.decode()
    assert "Témoignage anonymisé (belle histoire)" in page and "Retiré" in page


def test_the_appellation_options_answer_typed_words(client, team):
    AppellationFactory(code="33333", name="Aide à domicile")
    client.force_login(team.colleague)
    response = client.get("/choix/metiers/?appellation=domicile aide")
    assert '<option value="Aide à domicile (33333)">' in response.content.decode()


def test_a_person_update_outside_the_pages_still_leaves_a_trace(team, followed):
    person_update(
        actor=team.colleague,
        person=followed.person,
        data={"no_weekends": True},
        organization=team.organization,
    )
    assert TimelineEvent.objects.filter(person=followed.person, title="Dossier mis à jour").exists()


def test_closed_pathways_sort_after_open_ones_in_the_list(client, team, followed):
    PathwayFactory(
        person=followed.person,
        organization=team.organization,
        state=PathwayState.CLOSED,
        kind=PathwayKind.SAS_IAE,
        closed_on="2024-01-01",
    )
    client.force_login(team.colleague)
    person = client.get("/personnes/").context["page"].object_list[0]
    assert person.scoped_pathways[0] == followed.pathway


def test_a_person_of_the_factory_is_listed_through_its_pathway_only(client, team):
    PersonFactory()  # nobody's
    client.force_login(team.colleague)
    assert _names(client.get("/personnes/")) == []


# --- the list read from the table of who sees whom ------------------------------------


def test_a_renamed_person_is_found_by_the_new_name_only(client, team, followed):
    person_update(person=followed.person, data={"last_name": "Dubreuil"}, actor=team.colleague)
    client.force_login(team.colleague)
    assert _names(client.get("/personnes/?q=dubreuil")) == ["Sandrine Dubreuil"]
    assert _names(client.get("/personnes/?q=quintaval")) == []


def test_merged_and_anonymised_records_are_neither_listed_nor_counted(client, team, followed):
    twin = person_create(
        organization=team.organization,
        user=team.colleague,
        data={"first_name": "Sandrine", "last_name": "Quintavalle"},
        homonym_confirmed=True,
    )
    gone = person_create(
        organization=team.organization,
        user=team.colleague,
        data={"first_name": "Paul", "last_name": "Quintavel"},
    )
    person_merge(
        keep=followed.person, duplicate=twin, user=team.colleague, organization=team.organization
    )
    person_anonymise(person=gone, cause=Cause.REQUEST, user=team.colleague)
    client.force_login(team.colleague)
    for url in ("/personnes/", "/personnes/?q=quint", "/personnes/?state=intake"):
        response = client.get(url)
        assert _names(response) == ["Sandrine Quintaval"], url
        assert response.context["page"].paginator.count == 1, url


def test_many_people_found_are_read_through_the_subquery_with_the_same_result(
    client, team, monkeypatch
):
    for index in range(4):
        person_create(
            organization=team.organization,
            user=team.colleague,
            data={"first_name": f"Prénom{index}", "last_name": f"Nom{index}"},
        )
    client.force_login(team.colleague)
    few = client.get("/personnes/?q=nom")
    monkeypatch.setattr(selectors, "FEW", 2)
    many = client.get("/personnes/?q=nom")
    assert _names(many) == _names(few) == [f"Prénom{i} Nom{i}" for i in range(4)]
    assert many.context["page"].paginator.count == few.context["page"].paginator.count == 4
