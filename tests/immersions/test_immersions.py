from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from companies.services import club_join
from immersions.models import Immersion
from immersions.services import immersion_create, immersion_update
from organizations.enums import OrganizationKind
from tests.companies.helpers import a_company, a_contact
from tests.factories.organizations import MembershipFactory, OrganizationFactory
from tests.factories.pathways import TeamMemberFactory
from timeline.models import EventKind, TimelineEvent


def plan(team, followed, company, **data):
    return immersion_create(
        person=followed.person,
        organization=team.organization,
        user=team.colleague,
        data={
            "company": company,
            "start_on": data.pop("start_on", date.today() - timedelta(days=14)),
            "end_on": data.pop("end_on", date.today() - timedelta(days=1)),
            "objective": "recruit",
            **data,
        },
    )


def test_an_immersion_lasts_thirty_days_at_most_and_ends_after_it_starts(team, followed):
    company = a_company()
    start = date.today()
    with pytest.raises(ValidationError, match="30 jours au plus"):
        plan(team, followed, company, start_on=start, end_on=start + timedelta(days=30))
    with pytest.raises(ValidationError, match="ne peut pas précéder"):
        plan(team, followed, company, start_on=start, end_on=start - timedelta(days=1))
    assert not Immersion.objects.exists()
    immersion = plan(team, followed, company, start_on=start, end_on=start + timedelta(days=29))
    assert immersion.days == 30


def test_an_immersion_and_its_outcome_go_on_the_timeline(team, followed):
    company = a_company("Serres du Val")
    tutor = a_contact(team.organization, company, name="Paul Tuteur")
    immersion = plan(team, followed, company, tutor_contact=tutor)
    assert immersion.tutor == "Paul Tuteur"
    immersion_update(
        immersion=immersion,
        user=team.colleague,
        data={"assessment": "Très à l'aise", "rating_skills": 4, "outcome": "hired"},
    )
    immersion.refresh_from_db()
    assert immersion.assessed_at is not None
    titles = list(
        TimelineEvent.objects.filter(person=followed.person, kind=EventKind.IMMERSION)
        .order_by("id")
        .values_list("title", flat=True)
    )
    assert titles[0].startswith("Immersion chez Serres du Val du ")
    assert titles[1] == "Bilan de l'immersion chez Serres du Val : oui, embauche"


def test_a_tutor_must_work_in_the_company(team, followed):
    company, other = a_company("A"), a_company("B")
    tutor = a_contact(team.organization, other)
    with pytest.raises(ValidationError, match="ne travaille pas"):
        plan(team, followed, company, tutor_contact=tutor)


def test_the_team_plans_an_immersion_from_the_persons_page(client, team, followed):
    company = a_company("Serres du Val")
    club_join(organization=team.organization, company=company, engagement="active")
    client.force_login(team.colleague)
    url = reverse("person_immersions", args=[followed.person.pk])
    assert client.get(url).status_code == 200
    start = date.today()
    data = {
        "company": company.pk,
        "start_on": start.isoformat(),
        "end_on": (start + timedelta(days=40)).isoformat(),
        "objective": "discover",
        "tutor_name": "Jeanne Tutrice",
    }
    response = client.post(url, data)
    assert response.status_code == 400
    assert "30 jours au plus" in response.content.decode()
    assert 'value="Jeanne Tutrice"' in response.content.decode()
    response = client.post(url, {**data, "end_on": (start + timedelta(days=13)).isoformat()})
    assert response.status_code == 302
    immersion = Immersion.objects.get()
    page = client.get(reverse("company_detail", args=[company.pk])).content.decode()
    assert str(followed.person) in page
    response = client.post(
        reverse("immersion_edit", args=[followed.person.pk, immersion.pk]),
        {"formulaire": "bilan", "assessment": "Bien", "outcome": "in_progress"},
    )
    assert response.status_code == 302
    immersion.refresh_from_db()
    assert immersion.outcome == "in_progress"


def test_the_prescriber_and_strangers_do_not_see_immersions(client, team, followed):
    immersion = plan(team, followed, a_company())
    url = reverse("person_immersions", args=[followed.person.pk])
    edit = reverse("immersion_edit", args=[followed.person.pk, immersion.pk])
    client.force_login(followed.prescriber_user)
    assert client.get(url).status_code == 403
    assert client.get(edit).status_code == 403
    client.force_login(team.stranger)
    assert client.get(url).status_code == 404
    assert client.get(edit).status_code == 404


def test_an_assessment_by_a_team_member_of_another_organization_is_credited_to_it(team, followed):
    partner = OrganizationFactory(kind=OrganizationKind.PARTNER_SERVICE)
    worker = MembershipFactory(organization=partner).user
    TeamMemberFactory(
        pathway=followed.pathway, user=worker, organization=partner, role="counsellor"
    )
    immersion = plan(team, followed, a_company("Serres du Val"))
    immersion_update(immersion=immersion, user=worker, data={"outcome": "hired"})
    event = TimelineEvent.objects.filter(kind=EventKind.IMMERSION).latest("id")
    assert (event.organization, event.actor) == (partner, worker)
