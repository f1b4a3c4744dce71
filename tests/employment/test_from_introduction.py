from datetime import date

import pytest
from django.core.exceptions import ValidationError

from employment import services
from offers import services as offer_services
from offers.enums import IntroductionState, OfferState
from pathways.enums import PathwayState
from pathways.models import Pathway
from tests.offers.helpers import employer_account, offer

pytestmark = pytest.mark.django_db


def introduced(team, followed, **offer_data):
    _, employer_user, own = employer_account(name="Boulangerie Ménard")
    made = offer(
        team.organization, team.colleague, employer=own, state=OfferState.PUBLISHED, **offer_data
    )
    introduction = offer_services.introduction_create(
        offer=made, person=followed.person, organization=team.organization, user=team.colleague
    )
    return introduction, employer_user


def test_a_hired_introduction_gives_a_contract_prefilled_from_its_offer(team, followed):
    introduction, employer_user = introduced(
        team, followed, start_date=date(2026, 3, 2), hours_per_week=24, duration_months=8
    )
    offer_services.introduction_answer(
        introduction=introduction, user=employer_user, to_state=IntroductionState.HIRED
    )
    contract = services.contract_from_introduction(introduction=introduction, user=team.colleague)
    assert contract.pathway == followed.pathway
    assert (contract.contract_type, contract.start_date, contract.end_date) == (
        "CDD",
        date(2026, 3, 2),
        date(2026, 11, 1),  # eight months, the last day included
    )
    assert contract.hours_per_week == 24
    assert contract.company == introduction.offer.company
    assert (contract.offer, contract.introduction) == (introduction.offer, introduction)
    assert Pathway.objects.get(pk=followed.pathway.pk).state == PathwayState.IN_EMPLOYMENT


def test_overrides_replace_what_the_offer_said(team, followed):
    introduction, employer_user = introduced(team, followed, hours_per_week=35)
    offer_services.introduction_answer(
        introduction=introduction, user=employer_user, to_state=IntroductionState.HIRED
    )
    contract = services.contract_from_introduction(
        introduction=introduction,
        user=team.colleague,
        contract_type="CDI",
        end_date=None,
        start_date=date(2026, 4, 1),
        hours_per_week=20,
    )
    assert (contract.contract_type, contract.end_date, contract.hours_per_week) == ("CDI", None, 20)


def test_an_introduction_not_hired_gives_no_contract(team, followed):
    introduction, _ = introduced(team, followed)
    with pytest.raises(ValidationError, match="embauche"):
        services.contract_from_introduction(introduction=introduction, user=team.colleague)


def test_the_pathway_page_offers_the_hire_s_contract_prefilled_and_records_it(
    client, team, followed
):
    from django.urls import reverse

    introduction, employer_user = introduced(
        team, followed, start_date=date(2026, 3, 2), hours_per_week=24, duration_months=8
    )
    offer_services.introduction_answer(
        introduction=introduction,
        user=employer_user,
        to_state=IntroductionState.HIRED,
        on=date(2026, 3, 9),
    )
    person, pathway = followed.person, followed.pathway
    client.force_login(team.colleague)
    create = reverse("contract_create", args=[person.pk, pathway.pk])
    page = client.get(reverse("person_pathways", args=[person.pk])).content.decode()
    assert f"{create}?embauche={introduction.pk}" in page
    form = client.get(create, {"embauche": introduction.pk})
    assert form.status_code == 200
    initial = form.context["form"].initial
    assert initial["start_date"] == date(2026, 3, 9)  # the start the employer gave
    assert initial["company_siret"] == introduction.offer.company.siret
    assert (initial["contract_type"], initial["hours_per_week"]) == ("CDD", 24)
    response = client.post(
        f"{create}?embauche={introduction.pk}",
        {
            "company_siret": initial["company_siret"],
            "contract_type": "CDD",
            "start_date": "2026-03-09",
            "end_date": "2026-11-08",
            "hours_per_week": "24",
        },
    )
    assert response.status_code == 302
    (contract,) = introduction.contracts.all()
    assert contract.offer == introduction.offer and contract.pathway == pathway
    # Recorded once: the page offers it no more, and the address answers 404.
    page = client.get(reverse("person_pathways", args=[person.pk])).content.decode()
    assert f"?embauche={introduction.pk}" not in page
    assert client.get(create, {"embauche": introduction.pk}).status_code == 404
    assert client.get(create, {"embauche": "x"}).status_code == 404
