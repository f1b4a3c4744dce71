"""The host's side of an immersion: the company's tutor (or its employer group) sees it as
an employer sees a person, fills the end assessment and says whether it could lead to a
hire; the structure reads it on the person's Immersions tab and in the API."""

from datetime import date, timedelta
from html import unescape

import pytest
from django.urls import reverse

from audit.context import SYSTEM
from companies.models import Company, GroupMembership
from companies.services import group_member_add
from immersions.host_view import HOST_FIELDS, host_card
from immersions.models import Immersion
from immersions.services import immersion_create
from organizations.enums import OrganizationKind
from tests.companies.helpers import a_company
from tests.factories.organizations import MembershipFactory, OrganizationFactory
from tests.offers.helpers import employer_account
from timeline.models import EventKind, TimelineEvent


def plan(team, followed, company, *, start_on=None, days=10, tutor_name="Tutrice Secrète"):
    start = start_on or date.today() - timedelta(days=days)
    return immersion_create(
        person=followed.person,
        organization=team.organization,
        user=team.colleague,
        data={
            "company": company,
            "start_on": start,
            "end_on": start + timedelta(days=days - 1),
            "objective": "recruit",
            "tutor_name": tutor_name,
        },
    )


ASSESSMENT = {
    "host_attendance": "4",
    "host_attitude": "3",
    "host_skills": "Met en rayon seule dès la 2e semaine",
    "host_to_work_on": "La caisse",
    "host_comment": "Une recrue possible",
    "host_hire_prospect": "yes",
}


def test_the_person_file_has_an_immersions_tab_for_the_team(client, team, followed):
    client.force_login(team.colleague)
    page = client.get(reverse("person_detail", args=[followed.person.pk])).content.decode()
    url = reverse("person_immersions", args=[followed.person.pk])
    assert f'href="{url}"' in page
    assert 'aria-current="page">Immersions</a>' in client.get(url).content.decode()
    client.force_login(followed.prescriber_user)  # milestones only: no tab
    page = client.get(reverse("person_detail", args=[followed.person.pk])).content.decode()
    assert f'href="{url}"' not in page


def test_the_host_company_sees_the_immersion_without_anything_private(client, team, followed):
    _, host_user, host = employer_account("Boulangerie Accueil")
    immersion = plan(team, followed, host)
    plan(team, followed, a_company("Ailleurs"))  # another company's: not shown
    client.force_login(host_user)
    listing = client.get(reverse("host_immersions")).content.decode()
    detail = client.get(reverse("host_immersion_detail", args=[immersion.pk])).content.decode()
    for page in (listing, detail):
        assert "Sandrine Q." in page
        for private in ("Quintaval", "sandrine@exemple.fr", "Tutrice Secrète", "Ailleurs"):
            assert private not in page
    assert reverse("host_immersion_detail", args=[immersion.pk]) in listing
    assert reverse("host_immersions") in client.get(reverse("employer_space")).content.decode()


def test_the_host_card_is_built_from_the_allow_list_only(team, followed):
    immersion = plan(team, followed, a_company())
    card = host_card(immersion)
    assert tuple(card) == HOST_FIELDS
    assert card["display_name"] == "Sandrine Q."


def test_the_tutor_fills_the_end_assessment_and_the_structure_reads_it(client, team, followed):
    _, host_user, host = employer_account("Boulangerie Accueil")
    immersion = plan(team, followed, host)
    client.force_login(host_user)
    url = reverse("host_immersion_detail", args=[immersion.pk])
    response = client.post(url, {**ASSESSMENT, "host_hire_prospect": ""})
    assert response.status_code == 400
    body = response.content.decode()
    assert "Dites si l&#x27;immersion pourrait déboucher sur une embauche." in body
    assert "Met en rayon seule dès la 2e semaine" in body  # what was typed stays
    assert client.post(url, ASSESSMENT).status_code == 302
    immersion.refresh_from_db()
    assert immersion.host_hire_prospect == "yes"
    assert immersion.host_assessed_by == host_user
    assert immersion.host_attendance == 4 and immersion.host_to_work_on == "La caisse"
    event = TimelineEvent.objects.filter(kind=EventKind.IMMERSION).latest("id")
    assert event.title.endswith("pourrait déboucher sur une embauche : oui")
    # The structure: on the immersion line, and the whole assessment on its page.
    client.force_login(team.colleague)
    tab = client.get(reverse("person_immersions", args=[followed.person.pk])).content.decode()
    assert "Pourrait déboucher sur une embauche : oui" in tab
    edit = reverse("immersion_edit", args=[followed.person.pk, immersion.pk])
    page = client.get(edit).content.decode()
    assert "Bilan de l'entreprise d'accueil" in page
    assert "La caisse" in page and "Une recrue possible" in page
    company_page = client.get(reverse("company_detail", args=[host.pk])).content.decode()
    assert "Entreprise : embauche possible, oui" in company_page


def test_the_assessment_waits_for_the_immersion_to_start(client, team, followed):
    _, host_user, host = employer_account()
    immersion = plan(team, followed, host, start_on=date.today() + timedelta(days=3))
    client.force_login(host_user)
    url = reverse("host_immersion_detail", args=[immersion.pk])
    assert "Le bilan se fait une fois l'immersion commencée" in unescape(
        client.get(url).content.decode()
    )
    response = client.post(url, ASSESSMENT)
    assert response.status_code == 400
    assert "Le bilan se fait une fois l'immersion commencée" in unescape(response.content.decode())
    immersion.refresh_from_db()
    assert immersion.host_hire_prospect == ""


def test_an_employer_group_hosts_through_its_active_member_companies(client, team, followed):
    group_account = OrganizationFactory(name="GE Accueil", kind=OrganizationKind.EMPLOYER_GROUP)
    hr = MembershipFactory(organization=group_account).user
    group = a_company("GE Accueil", is_employer_group=True)
    Company.objects.filter(pk=group.pk).update(organization=group_account)
    member, coming, outsider = a_company("Adhérente"), a_company("Bientôt"), a_company("Autre")
    group_member_add(
        group=group, member=member, actor=SYSTEM, since=date.today() - timedelta(days=90)
    )
    # Recorded ahead of time, before the form refused future dates: not a member yet.
    GroupMembership.objects.create(
        group=group, member=coming, since=date.today() + timedelta(days=30)
    )
    at_member = plan(team, followed, member)
    at_coming = plan(team, followed, coming)
    at_outsider = plan(team, followed, outsider)
    client.force_login(hr)
    listing = client.get(reverse("host_immersions")).content.decode()
    assert "Adhérente" in listing and "Bientôt" not in listing and "Autre" not in listing
    for immersion in (at_coming, at_outsider):
        url = reverse("host_immersion_detail", args=[immersion.pk])
        assert client.get(url).status_code == 404
        assert client.post(url, ASSESSMENT).status_code == 404
    url = reverse("host_immersion_detail", args=[at_member.pk])
    assert client.post(url, {**ASSESSMENT, "host_hire_prospect": "maybe"}).status_code == 302
    assert Immersion.objects.get(pk=at_member.pk).host_hire_prospect == "maybe"


def test_other_companies_and_the_structure_cannot_fill_the_hosts_assessment(client, team, followed):
    _, _, host = employer_account("Boulangerie Accueil")
    _, other_user, _ = employer_account("Autre Boulangerie")
    immersion = plan(team, followed, host)
    url = reverse("host_immersion_detail", args=[immersion.pk])
    client.force_login(other_user)
    assert client.get(url).status_code == 404
    assert client.post(url, ASSESSMENT).status_code == 404
    # The structure (an SIAE, which may host immersions of its own) has its own page
    # and assessment: the host's side of another company's immersion is not its own.
    client.force_login(team.colleague)
    assert "Sandrine Q." not in client.get(reverse("host_immersions")).content.decode()
    assert client.post(url, ASSESSMENT).status_code == 404
    assert Immersion.objects.get(pk=immersion.pk).host_hire_prospect == ""


@pytest.mark.parametrize("hire_prospect", ["yes", "maybe", "no"])
def test_the_api_lists_hosted_immersions_and_takes_the_assessment(
    client, bearer, team, followed, hire_prospect
):
    _, host_user, host = employer_account("Boulangerie Accueil")
    immersion = plan(team, followed, host)
    headers = bearer(host_user)
    listed = client.get("/api/v1/employer/immersions", headers=headers)
    assert listed.status_code == 200
    [item] = listed.json()["items"]
    assert set(item) == set(HOST_FIELDS)
    assert item["display_name"] == "Sandrine Q."
    assert "Quintaval" not in listed.content.decode()
    url = f"/api/v1/employer/immersions/{immersion.pk}/assessment"
    refused = client.post(
        url, {"hire_prospect": "oui"}, headers=headers, content_type="application/json"
    )
    assert refused.status_code == 422
    answered = client.post(
        url,
        {"hire_prospect": hire_prospect, "attendance": 3, "to_work_on": "La caisse"},
        headers=headers,
        content_type="application/json",
    )
    assert answered.status_code == 200, answered.content
    assert answered.json()["hire_prospect"] == hire_prospect
    assert answered.json()["to_work_on"] == "La caisse"
    # The structure reads it with the person's immersions.
    team_list = client.get(
        f"/api/v1/persons/{followed.person.pk}/immersions", headers=bearer(team.colleague)
    ).json()
    assert team_list["items"][0]["host_hire_prospect"] == hire_prospect
    # Neither the structure nor a stranger posts the host's assessment.
    for user in (team.colleague, team.stranger):
        response = client.post(
            url, {"hire_prospect": "no"}, headers=bearer(user), content_type="application/json"
        )
        assert response.status_code == 404
    assert Immersion.objects.get(pk=immersion.pk).host_hire_prospect == hire_prospect
