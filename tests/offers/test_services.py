from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone

from lib.geo import unit_vector
from offers import services
from offers.enums import ContractType, IntroductionState, OfferState
from offers.models import Introduction, JobOffer, OfferInterest, OfferTransition
from organizations.enums import OrganizationKind
from referrals.enums import Channel, ReferralState
from referrals.models import Referral
from scheduling.registry import PERIODIC
from tests.factories.organizations import MembershipFactory, OrganizationFactory
from tests.offers.helpers import angers, company, employer_account, offer
from timeline.models import EventKind, TimelineEvent

pytestmark = pytest.mark.django_db


def test_it_creates_a_draft_with_a_composed_text_and_the_commune_coordinates(team):
    made = offer(team.organization, team.colleague)
    assert made.state == OfferState.DRAFT
    assert made.title == "Vendeur / Vendeuse en boulangerie-pâtisserie en CDD à Trélazé"
    assert "Vos missions\n- Accueillir la clientèle" in made.text
    assert (made.latitude, made.longitude) == (made.commune.latitude, made.commune.longitude)
    stored = JobOffer.objects.values_list("unit_x", "unit_y", "unit_z").get(pk=made.pk)
    assert stored == unit_vector(made.commune.latitude, made.commune.longitude)
    assert list(made.transitions.values_list("to_state", flat=True)) == [OfferState.DRAFT]


def test_it_records_the_accompanying_structure_that_wrote_the_offer_with_an_employer(team):
    made = offer(team.organization, team.colleague)  # an ACI writing for another company
    assert made.written_by_organization == team.organization


def test_it_refuses_a_pay_range_upside_down_and_changes_nothing(team):
    with pytest.raises(ValidationError, match="dépasse le salaire maximum"):
        offer(team.organization, team.colleague, pay_min=2000, pay_max=1800)
    assert not JobOffer.objects.exists()


def test_it_refuses_a_duration_for_a_permanent_contract(team):
    with pytest.raises(ValidationError, match="CDI n'a pas de durée"):
        offer(team.organization, team.colleague, contract_type=ContractType.CDI)


def test_it_publishes_then_pauses_and_logs_each_move(team):
    made = offer(team.organization, team.colleague, state=OfferState.PUBLISHED)
    assert made.published_at is not None
    services.offer_transition(offer=made, user=team.colleague, to_state=OfferState.PAUSED)
    moves = OfferTransition.objects.filter(offer=made).values_list("from_state", "to_state")
    assert list(moves) == [
        ("", OfferState.DRAFT),
        (OfferState.DRAFT, OfferState.PUBLISHED),
        (OfferState.PUBLISHED, OfferState.PAUSED),
    ]


def test_it_refuses_a_move_the_state_machine_does_not_allow(team):
    made = offer(team.organization, team.colleague)
    with pytest.raises(ValidationError, match="ne peut pas passer à « pourvue »"):
        services.offer_transition(offer=made, user=team.colleague, to_state=OfferState.FILLED)
    made.refresh_from_db()
    assert made.state == OfferState.DRAFT


def test_it_does_not_publish_without_a_contract_type(team):
    made = offer(team.organization, team.colleague, contract_type="", duration_months=None)
    with pytest.raises(ValidationError, match="type de contrat"):
        services.offer_transition(offer=made, user=team.colleague, to_state=OfferState.PUBLISHED)


def test_it_composes_again_after_an_edit_unless_the_text_was_retouched(team):
    made = offer(team.organization, team.colleague)
    made = services.offer_update(offer=made, user=team.colleague, data={"positions": 3})
    assert "recrute 3 personnes" in made.text
    made = services.offer_set_text(
        offer=made, user=team.colleague, title="Vendeur·se à Trélazé", text="Texte maison."
    )
    assert made.text_is_custom
    made = services.offer_update(offer=made, user=team.colleague, data={"positions": 4})
    assert made.text == "Texte maison."
    made = services.offer_set_text(offer=made, user=team.colleague, title="", text="")
    assert "recrute 4 personnes" in made.text and not made.text_is_custom


def test_an_offer_moved_to_another_commune_is_placed_there(team):
    made = offer(team.organization, team.colleague, state=OfferState.PUBLISHED)
    elsewhere = angers()
    services.offer_update(offer=made, user=team.colleague, data={"commune": elsewhere})
    stored = JobOffer.objects.values_list(
        "latitude", "longitude", "unit_x", "unit_y", "unit_z"
    ).get(pk=made.pk)
    assert stored == (
        elsewhere.latitude,
        elsewhere.longitude,
        *unit_vector(elsewhere.latitude, elsewhere.longitude),
    )


def test_it_reminds_at_53_days_then_pauses_at_60_and_runs_from_the_schedule(
    team, django_capture_on_commit_callbacks
):
    assert PERIODIC["offers.follow_up"][0] == "offers.services.offers_follow_up"
    made = offer(team.organization, team.colleague, state=OfferState.PUBLISHED)
    start = made.last_updated_at
    assert services.offers_follow_up(now=start + timedelta(days=52)) == {
        "reminded": 0,
        "paused": 0,
    }
    with django_capture_on_commit_callbacks(execute=True):
        with_email = services.offers_follow_up(now=start + timedelta(days=53, hours=1))
    assert with_email == {"reminded": 1, "paused": 0}
    assert {m.to[0] for m in mail.outbox} == {team.admin.email, team.colleague.email}
    assert "/offres/actualite/" in mail.outbox[0].body
    # Idempotent: the reminder is not sent twice.
    assert services.offers_follow_up(now=start + timedelta(days=55))["reminded"] == 0
    assert services.offers_follow_up(now=start + timedelta(days=60, hours=2)) == {
        "reminded": 0,
        "paused": 1,
    }
    made.refresh_from_db()
    assert made.state == OfferState.PAUSED
    assert made.transitions.last().by is None


def test_the_schedule_leaves_an_offer_its_holder_closed_after_it_was_listed(team, monkeypatch):
    made = offer(team.organization, team.colleague, state=OfferState.PUBLISHED)
    listed = JobOffer.objects.get(pk=made.pk)  # as the schedule read it, still published
    services.offer_transition(offer=made, user=team.colleague, to_state=OfferState.CLOSED)
    monkeypatch.setattr(services, "offers_due", lambda now: {"pause": [listed], "remind": []})
    assert services.offers_follow_up() == {"reminded": 0, "paused": 0}
    made.refresh_from_db()
    assert made.state == OfferState.CLOSED
    assert made.transitions.last().to_state == OfferState.CLOSED


def test_it_keeps_an_offer_confirmed_still_current(team):
    made = offer(team.organization, team.colleague, state=OfferState.PUBLISHED)
    start = made.last_updated_at
    services.offers_follow_up(now=start + timedelta(days=54))
    services.offer_confirm_current(offer=made, user=team.colleague, now=start + timedelta(days=55))
    assert services.offers_follow_up(now=start + timedelta(days=61)) == {
        "reminded": 0,
        "paused": 0,
    }
    made.refresh_from_db()
    assert made.state == OfferState.PUBLISHED and made.reminder_sent_at is None


def test_it_never_pauses_without_a_reminder_first(team):
    made = offer(team.organization, team.colleague, state=OfferState.PUBLISHED)
    # The worker was down: the first run after 60 days only reminds.
    result = services.offers_follow_up(now=made.last_updated_at + timedelta(days=65))
    assert result == {"reminded": 1, "paused": 0}


def test_interest_lands_as_an_offer_application_of_the_structure_that_holds_the_offer(team):
    made = offer(team.organization, team.colleague, state=OfferState.PUBLISHED)
    referral = services.interest_submit(
        offer=made, first_name="Léa", last_name="Intéressée", phone="06 11 22 33 44"
    )
    assert isinstance(referral, Referral)
    assert referral.to_organization == team.organization
    assert referral.channel == Channel.OFFER and referral.from_organization is None
    assert referral.offer == made
    assert referral.get_channel_display() == "Candidature sur une offre"
    assert referral.state == ReferralState.SENT
    assert referral.motivation.startswith("Intéressé·e par l'offre « ")
    assert referral.person.created_by_organization == team.organization


def test_interest_from_someone_the_structure_already_follows_is_flagged_to_it(team, followed):
    """The visitor is told nothing; the structure sees on the new record that it may be
    one of its own, with the number to merge."""
    made = offer(team.organization, team.colleague, state=OfferState.PUBLISHED)
    known = followed.person
    referral = services.interest_submit(
        offer=made,
        first_name=known.first_name.upper(),
        last_name=known.last_name,
        phone="06 99 88 77 66",
    )
    flag = TimelineEvent.objects.get(person=referral.person, title="Dossier peut-être en double")
    assert f"n° {known.pk}" in flag.detail and flag.organization == team.organization


def test_interest_goes_to_the_hub_that_wrote_the_offer_for_a_company_holder(team):
    organization, user, own = employer_account()
    hub = OrganizationFactory(kind=OrganizationKind.EMPLOYMENT_HUB)
    made = offer(organization, user, employer=own, state=OfferState.PUBLISHED)
    made.written_by_organization = hub
    made.save()
    referral = services.interest_submit(
        offer=made, first_name="Léa", last_name="Intéressée", email="lea@exemple.fr"
    )
    assert referral.to_organization == hub


def test_interest_is_kept_for_the_employer_when_nobody_follows_people(
    team, django_capture_on_commit_callbacks
):
    organization, user, own = employer_account()
    made = offer(organization, user, employer=own, state=OfferState.PUBLISHED)
    with django_capture_on_commit_callbacks(execute=True):
        interest = services.interest_submit(
            offer=made, first_name="Léa", last_name="Intéressée", email="lea@exemple.fr"
        )
    assert isinstance(interest, OfferInterest)
    assert not Referral.objects.exists()
    assert mail.outbox and user.email in mail.outbox[0].to


def test_interest_needs_a_way_to_call_back(team):
    made = offer(team.organization, team.colleague, state=OfferState.PUBLISHED)
    with pytest.raises(ValidationError, match="téléphone ou une adresse"):
        services.interest_submit(offer=made, first_name="Léa", last_name="Sans Contact")


def test_interest_is_refused_for_an_offer_no_longer_published(team):
    made = offer(team.organization, team.colleague, state=OfferState.PAUSED)
    with pytest.raises(ValidationError, match="plus publiée"):
        services.interest_submit(offer=made, first_name="A", last_name="B", phone="0600000000")


def test_a_structure_introduces_a_person_it_follows_and_the_employer_answers(team, followed):
    organization, employer_user, own = employer_account()
    made = offer(team.organization, team.colleague, employer=own, state=OfferState.PUBLISHED)
    introduction = services.introduction_create(
        offer=made, person=followed.person, organization=team.organization, user=team.colleague
    )
    assert introduction.state == IntroductionState.PROPOSED
    with pytest.raises(ValidationError, match="déjà présenté"):
        services.introduction_create(
            offer=made,
            person=followed.person,
            organization=team.organization,
            user=team.colleague,
        )
    services.introduction_answer(
        introduction=introduction, user=employer_user, to_state=IntroductionState.INTERVIEW
    )
    services.introduction_answer(
        introduction=introduction,
        user=employer_user,
        to_state=IntroductionState.DECLINED,
        reason="schedule",
    )
    introduction.refresh_from_db()
    assert introduction.state == IntroductionState.DECLINED
    titles = list(
        TimelineEvent.objects.filter(person=followed.person, kind=EventKind.INTRODUCTION)
        .order_by("occurred_at", "id")
        .values_list("title", flat=True)
    )
    assert titles[0].startswith("Présenté·e à Boulangerie des Tests")
    assert titles[-1] == "Non retenu·e par Boulangerie des Tests : Horaires incompatibles"
    assert list(introduction.transitions.values_list("to_state", flat=True)) == [
        IntroductionState.PROPOSED,
        IntroductionState.INTERVIEW,
        IntroductionState.DECLINED,
    ]


def test_a_decline_needs_a_reason(team, followed):
    made = offer(team.organization, team.colleague, state=OfferState.PUBLISHED)
    introduction = services.introduction_create(
        offer=made, person=followed.person, organization=team.organization, user=team.colleague
    )
    with pytest.raises(ValidationError, match="motif"):
        services.introduction_answer(
            introduction=introduction, user=team.colleague, to_state=IntroductionState.DECLINED
        )


def test_a_structure_cannot_introduce_someone_it_does_not_follow(team, followed):
    made = offer(team.organization, team.colleague, state=OfferState.PUBLISHED)
    with pytest.raises(ValidationError, match="que vous accompagnez"):
        services.introduction_create(
            offer=made, person=followed.person, organization=team.other, user=team.stranger
        )
    assert not Introduction.objects.exists()


def test_an_introduction_needs_a_published_offer(team, followed):
    made = offer(team.organization, team.colleague)
    with pytest.raises(ValidationError, match="offre publiée"):
        services.introduction_create(
            offer=made, person=followed.person, organization=team.organization, user=team.colleague
        )


def test_an_employer_writing_its_own_offer_gets_its_company_record(team):
    organization = OrganizationFactory(kind=OrganizationKind.COMPANY, name="Scierie Test")
    user = MembershipFactory(organization=organization).user
    own = services.employer_company_of(organization)
    assert own.organization == organization and own.siret == organization.siret
    assert services.employer_company_of(organization) == own
    made = offer(organization, user, employer=own, commune=angers())
    assert made.written_by_organization is None
    assert company().organization is None  # the register keeps companies without account
    assert made.published_at is None and made.created_at <= timezone.now()
