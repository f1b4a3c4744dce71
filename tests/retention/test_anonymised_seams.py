"""What an anonymised file leaves behind on the pages that still list it: a label and
its date, never a link to the 404 it has become, never a year passed off as a birth
date, and nothing left to do about it in anyone's worklist."""

import html
from datetime import date, timedelta

import pytest
from allauth.mfa.totp.internal.auth import TOTP
from django.urls import reverse
from django.utils import timezone

from organizations.enums import OrganizationKind, Role
from partner_services.services import service_referral_send
from pathways import pass_iae
from pathways.services import pass_set
from persons.models import Person
from plans import services as plan_services
from plans.enums import ActionKind
from referrals import services as referral_services
from retention import services
from retention.models import Anonymisation, Cause
from tests.barriers.helpers import demo_communes, partner_with_service
from tests.factories.organizations import MembershipFactory, OrganizationFactory
from tests.referrals.helpers import person_of, prescriber_with_adviser, send


def _anonymise(person) -> Person:
    services.person_anonymise(person=person, cause=Cause.INACTIVITY)
    return Person.objects.get(pk=person.pk)


@pytest.fixture
def prescriber(db):
    return prescriber_with_adviser()


@pytest.fixture
def accepted(team, prescriber):
    """A referral the team's structure accepted, of a person born on 17 May 1988, whose
    file is then anonymised."""
    person = person_of(prescriber, birth_date=date(1988, 5, 17))
    referral = send(prescriber, person, team.organization)
    referral_services.referral_accept(referral=referral, user=team.colleague)
    referral.refresh_from_db()
    return referral


def test_an_anonymised_person_has_one_label_and_a_year_that_reads_as_one(accepted):
    person = _anonymise(accepted.person)
    assert str(person) == f"Dossier n° {person.pk} (anonymisé)"
    assert person.display_name_for_employer == str(person)
    assert person.birth_date_label == "1988 (année seulement)"


@pytest.mark.parametrize("who", ["receiver", "sender"])
def test_the_referral_page_shows_the_anonymised_file_without_dead_links(
    client, team, prescriber, accepted, who
):
    person = accepted.person
    client.force_login(team.colleague if who == "receiver" else prescriber.adviser)
    before = client.get(reverse("referral_detail", args=[accepted.pk])).content.decode()
    if who == "receiver":  # the links were there while the file lived
        assert reverse("person_detail", args=[person.pk]) in before
        assert reverse("person_pathways", args=[person.pk]) in before
    assert "17 mai 1988" in before

    person = _anonymise(person)
    response = client.get(reverse("referral_detail", args=[accepted.pk]))
    assert response.status_code == 200
    body = html.unescape(response.content.decode())
    on = timezone.localtime(person.anonymised_at).strftime("%d/%m/%Y")
    assert f"Dossier anonymisé le {on}" in body
    assert reverse("person_detail", args=[person.pk]) not in body
    assert reverse("person_pathways", args=[person.pk]) not in body
    assert "Orientation d'une personne anonymisée" in body
    assert "Anonyme Anonyme" not in body
    assert "1988 (année seulement)" in body
    assert "janvier 1988" not in body


def test_the_inbox_and_the_sent_list_name_the_file_as_anonymised(
    client, team, prescriber, accepted
):
    person = _anonymise(accepted.person)
    for user, page in (
        (team.colleague, "referral_inbox"),
        (prescriber.adviser, "referral_sent_list"),
    ):
        client.force_login(user)
        body = html.unescape(client.get(reverse(page)).content.decode())
        assert f"Dossier n° {person.pk} (anonymisé)" in body
        assert "Dossier anonymisé le" in body
        assert "ANONYME" not in body


def test_the_referral_api_gives_the_birth_year_not_a_date(client, team, accepted, bearer):
    person = _anonymise(accepted.person)
    data = client.get(f"/api/v1/referrals/{accepted.pk}", headers=bearer(team.colleague)).json()
    assert data["person"]["birth_date"] is None
    assert data["person"]["birth_year"] == 1988
    assert data["person"]["anonymised_at"] is not None
    assert person.birth_date == date(1988, 1, 1)  # stored as such, never shown as such


def test_a_pending_referral_of_an_anonymised_person_cannot_be_answered(client, team, prescriber):
    referral = send(prescriber, person_of(prescriber), team.organization)
    _anonymise(referral.person)
    client.force_login(team.colleague)
    body = client.get(reverse("referral_detail", args=[referral.pk])).content.decode()
    assert reverse("referral_accept", args=[referral.pk]) not in body
    home = client.get(reverse("home"))
    counts = {what: count for what, count, _ in home.context["today"]}
    assert counts["orientations reçues en attente de réponse"] == 0


def test_an_anonymised_persons_pending_referral_is_not_reminded_but_still_expires(team, prescriber):
    referral = send(prescriber, person_of(prescriber), team.organization)
    _anonymise(referral.person)
    later = referral.sent_at + timedelta(days=8)
    assert referral_services.referrals_due(later)[7] == []
    other = send(prescriber, person_of(prescriber, last_name="Témoin"), team.organization)
    assert [
        r.pk for r in referral_services.referrals_due(other.sent_at + timedelta(days=8))[7]
    ] == [other.pk]
    expired = referral_services.referrals_due(referral.sent_at + timedelta(days=31))["expire"]
    assert referral.pk in [r.pk for r in expired]


def test_anonymised_people_leave_every_worklist_section_and_home_count(client, team, followed):
    pathway = followed.pathway
    pass_set(
        pathway=pathway,
        number="999992500001",
        start=pass_iae.anniversary(date.today() + timedelta(days=20 + 1), -2),
        actor=team.colleague,
    )
    plan_services.action_create(
        person=followed.person,
        kind=ActionKind.OTHER,
        title="Appeler l'employeur",
        owner=team.colleague,
        organization=team.organization,
        due_on=date.today() - timedelta(days=2),
        actor=team.colleague,
    )
    client.force_login(team.colleague)

    def counts():
        home = client.get(reverse("home"))
        return {what: count for what, count, _ in home.context["today"]}

    before = counts()
    assert before["PASS IAE se terminant dans les 90 jours"] == 1
    assert before["personnes sans contact depuis 30 jours"] == 1
    assert before["actions en retard"] == 1
    assert "Quintaval" in client.get(reverse("worklist")).content.decode()

    person = _anonymise(followed.person)
    assert set(counts().values()) == {0}
    body = client.get(reverse("worklist")).content.decode()
    assert "Anonyme" not in body
    assert f"Dossier n° {person.pk}" not in body


@pytest.fixture
def created_by_prescriber(prescriber):
    """A person whose record France Travail created, and whose referral expired: no
    structure holds a pathway with them."""
    person = person_of(prescriber, first_name="Karim", last_name="Oubella")
    send(prescriber, person, OrganizationFactory())
    referral_services.referrals_follow_up(now=timezone.now() + timedelta(days=31))
    assert person.referrals.get().state == "expired"
    assert not person.pathways.exists()
    admin = MembershipFactory(organization=prescriber.organization, role=Role.ADMIN).user
    TOTP.activate(admin, "JBSWY3DPEHPK3PXP")
    return person, admin


def test_the_admin_of_the_organization_that_created_the_record_exports_and_erases_it(
    client, prescriber, created_by_prescriber, bearer
):
    person, admin = created_by_prescriber
    client.force_login(admin)
    page = client.get(reverse("person_detail", args=[person.pk])).content.decode()
    assert reverse("person_erase", args=[person.pk]) in page
    # The erasure page offers the tabs her level opens, not the barriers she may not see.
    erase_page = client.get(reverse("person_erase", args=[person.pk])).content.decode()
    assert reverse("person_barriers", args=[person.pk]) not in erase_page
    assert client.get(reverse("person_barriers", args=[person.pk])).status_code == 403
    assert client.get(reverse("person_data_json", args=[person.pk])).status_code == 200
    assert client.get(f"/api/v1/persons/{person.pk}/data", headers=bearer(admin)).status_code == 200

    done = client.post(
        reverse("person_erase", args=[person.pk]), {"reason": "Courrier du 3 mars", "confirm": "on"}
    )
    assert done.status_code == 302
    record = Anonymisation.objects.get(person=person)
    assert record.organization == prescriber.organization and record.by == admin


def test_only_that_organization_s_admins_erase_a_record_it_created(
    client, team, prescriber, created_by_prescriber
):
    person, _ = created_by_prescriber
    url = reverse("person_erase", args=[person.pk])
    client.force_login(prescriber.adviser)  # a plain member
    assert client.get(url).status_code == 403
    client.force_login(team.stranger)
    assert client.get(url).status_code == 404
    employer = OrganizationFactory(kind=OrganizationKind.COMPANY)
    employer_admin = MembershipFactory(organization=employer, role=Role.ADMIN).user
    TOTP.activate(employer_admin, "JBSWY3DPEHPK3PXP")
    client.force_login(employer_admin)
    assert client.get(url).status_code == 404
    assert client.get(reverse("person_data_json", args=[person.pk])).status_code == 404
    assert Person.objects.get(pk=person.pk).anonymised_at is None


def test_a_partner_service_sees_an_anonymised_file_by_its_label(client, team, followed, bearer):
    communes = demo_communes()
    partner, partner_user, service = partner_with_service(communes["49353"])
    service_referral_send(
        person=followed.person,
        service=service,
        organization=team.organization,
        user=team.colleague,
        message="Rendez-vous mardi.",
    )
    person = _anonymise(followed.person)
    label = f"Dossier n° {person.pk} (anonymisé)"
    client.force_login(partner_user)
    body = html.unescape(client.get("/services/orientations/").content.decode())
    assert label in body and "Dossier anonymisé le" in body
    assert "Anonyme Anonyme" not in body
    listing = client.get("/api/v1/service-referrals", headers=bearer(partner_user)).json()
    assert [row["person_name"] for row in listing["items"]] == [label]
