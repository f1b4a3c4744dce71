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
