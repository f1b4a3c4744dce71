from audit.models import SensitiveRead
from barriers.enums import BarrierStatus
from barriers.models import PersonBarrier
from organizations.enums import OrganizationKind
from tests.barriers.helpers import demo_communes, identify, partner_with_service
from tests.factories.organizations import MembershipFactory, OrganizationFactory
from tests.factories.pathways import TeamMemberFactory


def _url(person):
    return f"/personnes/{person.pk}/freins/"


def test_it_shows_the_team_the_barriers_by_theme_with_nearby_services(client, team, followed):
    communes = demo_communes()
    followed.person.commune = communes["49353"]
    followed.person.save()
    identify(followed.person, "mobilite-sans-vehicule", team.colleague, team.organization, "Panne")
    _, _, near = partner_with_service(communes["49007"], name="Garage solidaire d'Angers")
    partner_with_service(communes["12096"], name="Garage lointain")
    client.force_login(team.colleague)
    response = client.get(_url(followed.person))
    body = response.content.decode()
    assert response.status_code == 200
    assert "Mobilité" in body and "Pas de véhicule" in body and "Panne" in body
    assert "Garage solidaire d&#x27;Angers" in body
    assert f"/personnes/{followed.person.pk}/services/{near.pk}/orienter/" in body
    assert "Garage lointain" not in body
    assert not SensitiveRead.objects.exists()  # mobility is not a sensitive theme


def test_it_logs_every_view_of_a_sensitive_theme(client, team, followed):
    identify(followed.person, "sante-port-de-charges", team.colleague, team.organization, "Dos")
    client.force_login(team.colleague)
    client.get(_url(followed.person))
    client.get(_url(followed.person))
    reads = SensitiveRead.objects.filter(person=followed.person, user=team.colleague)
    assert reads.count() == 2
    assert reads.first().organization == team.organization
    assert reads.first().path == _url(followed.person)


def test_it_refuses_the_prescriber_and_hides_the_person_from_a_stranger(client, team, followed):
    identify(followed.person, "sante-port-de-charges", team.colleague, team.organization, "Dos")
    client.force_login(followed.prescriber_user)
    assert client.get(_url(followed.person)).status_code == 403
    client.force_login(team.stranger)
    assert client.get(_url(followed.person)).status_code == 404
    assert not SensitiveRead.objects.exists()


def test_an_employer_with_a_seat_left_on_the_pathway_team_gets_a_404(client, team, followed):
    company = OrganizationFactory(kind=OrganizationKind.COMPANY)
    manager = MembershipFactory(organization=company).user
    TeamMemberFactory(pathway=followed.pathway, user=manager, organization=company)
    client.force_login(manager)
    assert client.get(_url(followed.person)).status_code == 404


def test_it_adds_a_barrier(client, team, followed):
    client.force_login(team.colleague)
    response = client.post(
        f"/personnes/{followed.person.pk}/freins/ajouter/",
        {"theme": "mobilite", "item": "mobilite-sans-permis", "detail": "Code obtenu"},
    )
    assert response.status_code == 302
    barrier = PersonBarrier.objects.get(person=followed.person)
    assert barrier.item.code == "mobilite-sans-permis"
    assert barrier.organization == team.organization


def test_it_keeps_what_was_typed_when_the_item_is_missing(client, team, followed):
    client.force_login(team.colleague)
    response = client.post(
        f"/personnes/{followed.person.pk}/freins/ajouter/",
        {"theme": "mobilite", "item": "", "detail": "Texte saisi à garder"},
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert "Choisissez un frein." in body
    assert "Texte saisi à garder" in body
    assert "Pas de permis de conduire" in body  # the theme's items are offered again
    assert not PersonBarrier.objects.exists()


def test_it_refuses_an_item_of_another_theme(client, team, followed):
    client.force_login(team.colleague)
    response = client.post(
        f"/personnes/{followed.person.pk}/freins/ajouter/",
        {"theme": "mobilite", "item": "sante-port-de-charges"},
    )
    assert response.status_code == 400
    assert not PersonBarrier.objects.exists()


def test_it_changes_the_status_with_a_comment(client, team, followed):
    barrier = identify(followed.person, "mobilite-sans-permis", team.colleague, team.organization)
    client.force_login(team.colleague)
    response = client.post(
        f"/personnes/{followed.person.pk}/freins/{barrier.pk}/etat/",
        {"to_status": "being_lifted", "comment": "Inscrit à l'auto-école"},
    )
    assert response.status_code == 302
    barrier.refresh_from_db()
    assert barrier.status == BarrierStatus.BEING_LIFTED
    assert barrier.status_changes.last().comment == "Inscrit à l'auto-école"


def test_it_refuses_a_status_the_lifecycle_does_not_allow(client, team, followed):
    barrier = identify(followed.person, "mobilite-sans-permis", team.colleague, team.organization)
    client.force_login(team.colleague)
    response = client.post(
        f"/personnes/{followed.person.pk}/freins/{barrier.pk}/etat/", {"to_status": "identified"}
    )
    assert response.status_code == 400
    barrier.refresh_from_db()
    assert barrier.status == BarrierStatus.IDENTIFIED


def test_it_offers_the_items_of_the_chosen_theme(client, team):
    client.force_login(team.colleague)
    response = client.get("/freins/choix/", {"theme": "famille"}, headers={"HX-Request": "true"})
    body = response.content.decode()
    assert "Enfant de moins de 3 ans sans solution de garde" in body
    assert "Pas de permis" not in body


def test_the_tab_costs_the_same_queries_with_many_barriers(
    client, team, followed, django_assert_max_num_queries
):
    communes = demo_communes()
    followed.person.commune = communes["49353"]
    followed.person.save()
    for code in (
        "mobilite-sans-permis",
        "mobilite-sans-vehicule",
        "famille-periscolaire",
        "numerique-sans-equipement",
        "finances-dettes",
        "remobilisation-isolement",
    ):
        identify(followed.person, code, team.colleague, team.organization, "Précision")
    partner_with_service(communes["49007"])
    client.force_login(team.colleague)
    with django_assert_max_num_queries(30):
        assert client.get(_url(followed.person)).status_code == 200


def test_an_admin_of_the_holding_structure_reads_the_access_log(client, team, followed):
    identify(followed.person, "sante-soins-en-cours", team.colleague, team.organization)
    client.force_login(team.colleague)
    client.get(_url(followed.person))
    client.force_login(team.admin)
    response = client.get(f"/personnes/{followed.person.pk}/consultations/")
    assert response.status_code == 200
    assert str(team.colleague) in response.content.decode()


def test_the_access_log_is_refused_to_members_and_hidden_from_strangers(client, team, followed):
    client.force_login(team.colleague)
    assert client.get(f"/personnes/{followed.person.pk}/consultations/").status_code == 403
    client.force_login(team.stranger)
    assert client.get(f"/personnes/{followed.person.pk}/consultations/").status_code == 404
