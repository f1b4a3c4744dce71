import time

import pytest
from django.core.cache import cache
from django.urls import reverse

from barriers.models import PersonBarrier
from lib import form_tokens, rate_limit
from offers import services
from offers.enums import IntroductionState, OfferState
from offers.forms import FORM_PURPOSE, started_stamp
from offers.models import Introduction, JobOffer, OfferTransition
from organizations.enums import OrganizationKind
from referrals.models import Referral
from tests.barriers.helpers import identify
from tests.factories.organizations import MembershipFactory, OrganizationFactory
from tests.offers.helpers import bakery_job, company, employer_account, far_away, offer, trelaze
from timeline.models import EventKind, TimelineEvent

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    cache.clear()


@pytest.fixture
def hub(team):
    organization = OrganizationFactory(
        name="Mission emploi Test", kind=OrganizationKind.EMPLOYMENT_HUB
    )
    officer = MembershipFactory(organization=organization).user
    return organization, officer


def test_it_walks_the_guided_form_from_need_to_published_offer(client, hub):
    organization, officer = hub
    bakery = company(name="Fournil de Trélazé")
    job = bakery_job()
    commune = trelaze()
    client.force_login(officer)
    page = client.get(reverse("offer_create"))
    assert page.status_code == 200 and "Entreprise qui recrute" in page.content.decode()
    response = client.post(
        reverse("offer_create"),
        {
            "company": f"Fournil de Trélazé ({bakery.siret})",
            "appellation": f"{job.name} ({job.code})",
            "commune": f"Trélazé ({commune.code})",
            "tasks": "Servir les clients\nEncaisser",
        },
    )
    made = JobOffer.objects.get()
    assert response.url == reverse("offer_step", args=[made.pk, "contraintes"])
    assert made.company == bakery and made.written_by_organization == organization
    response = client.post(
        reverse("offer_step", args=[made.pk, "contraintes"]),
        {
            "schedule_patterns": ["day", "weekend"],
            "hours_per_week": "30",
            "public_transport": "yes",
            "written_french_required": "on",
        },
    )
    assert response.url == reverse("offer_step", args=[made.pk, "contrat"])
    made.refresh_from_db()
    assert made.written_french_required
    response = client.post(
        reverse("offer_step", args=[made.pk, "contrat"]),
        {"contract_type": "CDD", "duration_months": "6", "positions": "2", "pay_unit": "monthly"},
    )
    assert response.url == reverse("offer_step", args=[made.pk, "texte"])
    review = client.get(response.url).content.decode()
    assert "Fournil de Trélazé recrute 2 personnes" in review
    made.refresh_from_db()
    response = client.post(
        reverse("offer_step", args=[made.pk, "texte"]),
        {"title": made.title, "text": made.text, "publier": "1"},
    )
    made.refresh_from_db()
    assert made.state == OfferState.PUBLISHED
    assert made.title in client.get(reverse("public_offer_list")).content.decode()


def test_the_guided_form_keeps_what_was_typed_on_error(client, hub):
    _, officer = hub
    client.force_login(officer)
    response = client.post(
        reverse("offer_create"),
        {"company": "Inconnue au registre", "appellation": "", "tasks": "Tâche tapée"},
    )
    body = response.content.decode()
    assert response.status_code == 400
    assert "Tâche tapée" in body and "Aucune entreprise du registre" in body
    assert not JobOffer.objects.exists()


def test_an_employer_writes_its_own_offer_without_choosing_a_company(client):
    organization, user, own = employer_account()
    job, commune = bakery_job(), trelaze()
    client.force_login(user)
    response = client.post(
        reverse("offer_create"),
        {
            "company": own.pk,
            "appellation": job.code,
            "commune": commune.code,
            "tasks": "Pétrir",
        },
    )
    assert response.status_code == 302
    assert JobOffer.objects.get().company == own


def test_a_prescriber_cannot_write_offers(client, followed):
    client.force_login(followed.prescriber_user)
    assert client.get(reverse("offer_create")).status_code == 403


def test_the_offer_page_moves_the_state_machine_and_shows_the_log(client, team):
    made = offer(team.organization, team.colleague, state=OfferState.PUBLISHED)
    client.force_login(team.colleague)
    page = client.get(reverse("offer_detail", args=[made.pk])).content.decode()
    assert "Mettre en pause" in page and "Brouillon → Publiée" in page
    client.post(reverse("offer_transition", args=[made.pk]), {"to_state": "paused"})
    made.refresh_from_db()
    assert made.state == OfferState.PAUSED
    response = client.post(reverse("offer_transition", args=[made.pk]), {"to_state": "draft"})
    made.refresh_from_db()
    assert response.status_code == 302 and made.state == OfferState.PAUSED
    assert OfferTransition.objects.filter(offer=made).count() == 3


def test_strangers_and_prescribers_do_not_see_a_managed_offer(client, team, followed):
    made = offer(team.organization, team.colleague)
    for user in (team.stranger, followed.prescriber_user):
        client.force_login(user)
        assert client.get(reverse("offer_detail", args=[made.pk])).status_code == 404
        client.post(reverse("offer_transition", args=[made.pk]), {"to_state": "published"})
    made.refresh_from_db()
    assert made.state == OfferState.DRAFT


def test_the_list_filters_and_paginates_in_few_queries(client, team, django_assert_max_num_queries):
    for index in range(27):
        offer(team.organization, team.colleague, tasks=f"Tâche {index}")
    published = offer(team.organization, team.colleague, state=OfferState.PUBLISHED)
    client.force_login(team.colleague)
    with django_assert_max_num_queries(12):
        page = client.get(reverse("offer_list")).content.decode()
    assert "28 offres" in page and "1 / 2" in page
    page = client.get(reverse("offer_list"), {"etat": "published"}).content.decode()
    assert "1 offre" in page and reverse("offer_detail", args=[published.pk]) in page
    client.force_login(team.stranger)
    assert "0 offre" in client.get(reverse("offer_list")).content.decode()


def test_the_public_board_shows_published_offers_nearest_first(client, team):
    near = offer(team.organization, team.colleague, state=OfferState.PUBLISHED)
    far = offer(team.organization, team.colleague, commune=far_away(), state=OfferState.PUBLISHED)
    draft = offer(team.organization, team.colleague, tasks="Brouillon privé")
    response = client.get(
        reverse("public_offer_list"), {"commune": "Trélazé (49353)", "rayon": "30"}
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert reverse("public_offer_detail", args=[near.pk]) in body and "0,0 km" in body
    assert reverse("public_offer_detail", args=[far.pk]) not in body
    assert reverse("public_offer_detail", args=[draft.pk]) not in body
    assert client.get(reverse("public_offer_detail", args=[draft.pk])).status_code == 404
    everything = client.get(reverse("public_offer_list")).content.decode()
    assert "2 offres" in everything


def test_the_public_board_answers_in_few_queries(client, team, django_assert_max_num_queries):
    for _ in range(30):
        offer(team.organization, team.colleague, state=OfferState.PUBLISHED)
    trelaze()
    search = {"commune": "49353", "rayon": "10"}
    # The rate limit's counter included: its window's first request creates it (and may
    # delete the expired counters, once a minute), the next ones add one to it.
    with django_assert_max_num_queries(7):
        response = client.get(reverse("public_offer_list"), search)
    assert "30 offres" in response.content.decode()
    with django_assert_max_num_queries(5):
        response = client.get(reverse("public_offer_list"), {**search, "page": "2"})
    assert "30 offres" in response.content.decode()


def _interest(offer_pk, **data):
    return {
        "first_name": "Léa",
        "last_name": "Candidate",
        "phone": "06 12 34 56 78",
        "consent": "on",
        "started": data.pop("started", None) or _old_stamp(),
        **data,
    }


def _old_stamp():
    return form_tokens.issue(FORM_PURPOSE, at=rate_limit.now() - 60)


def test_im_interested_lands_in_the_structure_inbox_as_a_walk_in(client, team):
    made = offer(team.organization, team.colleague, state=OfferState.PUBLISHED)
    response = client.post(reverse("public_offer_detail", args=[made.pk]), _interest(made.pk))
    assert response.status_code == 302
    referral = Referral.objects.get()
    assert referral.to_organization == team.organization
    assert referral.person.last_name == "Candidate"


def test_im_interested_drops_bots_quietly(client, team):
    made = offer(team.organization, team.colleague, state=OfferState.PUBLISHED)
    url = reverse("public_offer_detail", args=[made.pk])
    assert client.post(url, _interest(made.pk, website="http://spam")).status_code == 302
    assert client.post(url, _interest(made.pk, started=started_stamp())).status_code == 302
    assert not Referral.objects.exists()


def test_im_interested_keeps_what_was_typed_and_says_what_is_missing(client, team):
    made = offer(team.organization, team.colleague, state=OfferState.PUBLISHED)
    data = _interest(made.pk, phone="")
    del data["consent"]
    response = client.post(reverse("public_offer_detail", args=[made.pk]), data)
    body = response.content.decode()
    assert response.status_code == 400
    assert "Candidate" in body and "téléphone ou une adresse" in body and "Cochez" in body
    assert not Referral.objects.exists()


def test_im_interested_is_rate_limited_per_address(client, team, at_a_window_start):
    made = offer(team.organization, team.colleague, state=OfferState.PUBLISHED)
    url = reverse("public_offer_detail", args=[made.pk])
    statuses = [
        client.post(
            url, _interest(made.pk, last_name=f"Candidate {n}", phone=f"06 00 00 00 0{n}")
        ).status_code
        for n in range(7)
    ]
    assert statuses[:5] == [302] * 5 and statuses[5:] == [429, 429]
    assert Referral.objects.count() == 5


def test_the_public_suggestions_need_no_sign_in(client, team):
    trelaze()
    bakery_job()
    assert (
        "Trélazé (49353)"
        in client.get(reverse("public_commune_options"), {"commune": "trela"}).content.decode()
    )
    options = client.get(reverse("public_job_options"), {"metier": "boulangerie"})
    assert "Tous les métiers : Vente en alimentation (D1106)" in options.content.decode()


def test_the_reminder_link_keeps_the_offer_published_in_one_click(client, team):
    from offers.confirmation import token_for

    made = offer(team.organization, team.colleague, state=OfferState.PUBLISHED)
    token = token_for(made)
    assert (
        "Oui, elle est toujours"
        in client.get(reverse("offer_still_current", args=[token])).content.decode()
    )
    before = made.last_updated_at
    client.post(reverse("offer_still_current", args=[token]))
    made.refresh_from_db()
    assert made.last_updated_at > before
    # Used once: the offer was updated since the link was made.
    assert (
        "plus valable" in client.get(reverse("offer_still_current", args=[token])).content.decode()
    )


def test_a_structure_introduces_a_person_from_its_offer_page(client, team, followed):
    organization, employer_user, own = employer_account()
    made = offer(team.organization, team.colleague, employer=own, state=OfferState.PUBLISHED)
    client.force_login(team.colleague)
    response = client.post(
        reverse("offer_introduction_create", args=[made.pk]),
        {"person": followed.person.pk, "comment": "Ponctuelle et motivée"},
    )
    assert response.status_code == 302
    page = client.get(reverse("offer_detail", args=[made.pk])).content.decode()
    assert "Sandrine Quintaval" in page


def test_the_employer_sees_first_name_initial_and_fit_never_a_barrier(client, team, followed):
    organization, employer_user, own = employer_account()
    made = offer(team.organization, team.colleague, employer=own, state=OfferState.PUBLISHED)
    barrier = identify(
        followed.person,
        "sante-port-de-charges",
        team.colleague,
        team.organization,
        detail="Lombalgie notée par le médecin",
    )
    services.introduction_create(
        offer=made, person=followed.person, organization=team.organization, user=team.colleague
    )
    client.force_login(employer_user)
    body = client.get(reverse("employer_space")).content.decode()
    assert "Sandrine Q." in body and "Quintaval" not in body
    assert made.title in body
    assert barrier.detail not in body and barrier.item.label not in body
    assert "santé" not in body.lower()
    assert PersonBarrier.objects.filter(person=followed.person).exists()


def test_the_employer_answers_an_introduction(client, team, followed):
    organization, employer_user, own = employer_account()
    made = offer(team.organization, team.colleague, employer=own, state=OfferState.PUBLISHED)
    introduction = services.introduction_create(
        offer=made, person=followed.person, organization=team.organization, user=team.colleague
    )
    client.force_login(employer_user)
    url = reverse("introduction_answer", args=[introduction.pk])
    client.post(url, {"to_state": "declined"})
    introduction.refresh_from_db()
    assert introduction.state == "proposed"  # a decline needs its reason
    client.post(url, {"to_state": "declined", "reason": "distance"})
    introduction.refresh_from_db()
    assert introduction.state == "declined"
    client.force_login(team.stranger)
    assert client.get(reverse("employer_space")).status_code == 403


def test_another_company_does_not_see_the_candidates(client, team, followed):
    _, _, own = employer_account()
    _, other_user, _ = employer_account(name="Autre Boulangerie")
    made = offer(team.organization, team.colleague, employer=own, state=OfferState.PUBLISHED)
    introduction = services.introduction_create(
        offer=made, person=followed.person, organization=team.organization, user=team.colleague
    )
    client.force_login(other_user)
    assert "Sandrine" not in client.get(reverse("employer_space")).content.decode()
    response = client.post(
        reverse("introduction_answer", args=[introduction.pk]), {"to_state": "hired"}
    )
    assert response.status_code == 404


def test_the_employer_space_answers_in_few_queries_whatever_the_candidates(
    client, team, django_assert_max_num_queries
):
    from tests.factories.persons import PersonFactory

    organization, employer_user, own = employer_account()
    made = offer(team.organization, team.colleague, employer=own, state=OfferState.PUBLISHED)
    for _ in range(8):
        person = PersonFactory(created_by_organization=team.organization, commune=trelaze())
        services.introduction_create(
            offer=made, person=person, organization=team.organization, user=team.colleague
        )
    client.force_login(employer_user)
    # The first opening writes « vue par l'employeur » once per new candidate; reading
    # the space is what must not grow with them.
    client.get(reverse("employer_space"))
    assert Introduction.objects.filter(offer=made, state=IntroductionState.SEEN).count() == 8
    with django_assert_max_num_queries(14):
        response = client.get(reverse("employer_space"))
    assert response.content.decode().count("Répondre") == 8
    assert "Espace employeur" in client.get(reverse("offer_list")).content.decode()


def test_the_interest_form_sent_five_times_makes_one_person_and_one_referral(client, team):
    made = offer(team.organization, team.colleague, state=OfferState.PUBLISHED)
    url = reverse("public_offer_detail", args=[made.pk])
    data = _interest(made.pk)
    responses = [client.post(url, data) for _ in range(5)]
    # The same thanks each time: the visitor learns nothing from a repeat.
    assert [r.status_code for r in responses] == [302] * 5
    assert {r["Location"] for r in responses} == {reverse("public_offer_sent", args=[made.pk])}
    assert Referral.objects.count() == 1
    assert Referral.objects.get().person.last_name == "Candidate"


def test_the_same_interest_from_new_pages_is_thanked_and_written_once(client, team):
    made = offer(team.organization, team.colleague, state=OfferState.PUBLISHED)
    url = reverse("public_offer_detail", args=[made.pk])
    responses = [client.post(url, _interest(made.pk)) for _ in range(3)]
    assert [r.status_code for r in responses] == [302, 302, 302]
    assert Referral.objects.count() == 1
    # The same phone is the same visitor, whatever the name typed.
    client.post(url, _interest(made.pk, first_name="Inès"))
    assert Referral.objects.count() == 1
    client.post(url, _interest(made.pk, first_name="Inès", phone="07 00 00 00 01"))
    assert Referral.objects.count() == 2


def test_an_employer_receives_the_same_interest_once(client):
    from offers.models import OfferInterest

    employer, user, own_company = employer_account()
    made = offer(employer, user, employer=own_company, state=OfferState.PUBLISHED)
    url = reverse("public_offer_detail", args=[made.pk])
    for _ in range(3):
        assert client.post(url, _interest(made.pk)).status_code == 302
    assert OfferInterest.objects.filter(offer=made).count() == 1


def test_the_per_minute_limit_starts_again_the_next_minute(client, team, monkeypatch):
    start = (time.time() // 60) * 60
    clock = {"now": start}
    monkeypatch.setattr(rate_limit, "now", lambda: clock["now"])
    made = offer(team.organization, team.colleague, state=OfferState.PUBLISHED)
    url = reverse("public_offer_detail", args=[made.pk])

    def send(n):
        stamp = form_tokens.issue(FORM_PURPOSE, at=clock["now"] - 60)
        data = _interest(
            made.pk, last_name=f"Candidate {n}", phone=f"06 00 00 00 0{n}", started=stamp
        )
        return client.post(url, data).status_code

    assert [send(n) for n in range(6)] == [302] * 5 + [429]
    clock["now"] += 30
    assert send(6) == 429  # still the same minute: the count did not restart
    clock["now"] += 30
    assert send(7) == 302
    assert Referral.objects.count() == 6


def test_the_employers_answer_is_credited_to_its_company_in_the_timeline(client, team, followed):
    organization, employer_user, own = employer_account(name="Boulangerie Giraud")
    employer_user.first_name, employer_user.last_name = "Marc", "Giraud"
    employer_user.save()
    made = offer(team.organization, team.colleague, employer=own, state=OfferState.PUBLISHED)
    introduction = services.introduction_create(
        offer=made, person=followed.person, organization=team.organization, user=team.colleague
    )
    client.force_login(employer_user)
    client.post(reverse("introduction_answer", args=[introduction.pk]), {"to_state": "interview"})
    event = TimelineEvent.objects.get(kind=EventKind.INTRODUCTION, title__startswith="Entretien")
    assert (event.organization, event.actor) == (organization, employer_user)
    client.force_login(team.colleague)
    page = client.get(reverse("person_timeline", args=[followed.person.pk])).content.decode()
    assert "Mise en relation · Boulangerie Giraud · Marc Giraud" in page
    assert f"{team.organization.name} · Marc Giraud" not in page


def test_an_answer_recorded_by_the_structure_is_credited_to_the_structure(team, followed):
    own = company(name="Garage sans compte")
    made = offer(team.organization, team.colleague, employer=own, state=OfferState.PUBLISHED)
    introduction = services.introduction_create(
        offer=made, person=followed.person, organization=team.organization, user=team.colleague
    )
    services.introduction_answer(introduction=introduction, user=team.admin, to_state="interview")
    event = TimelineEvent.objects.get(kind=EventKind.INTRODUCTION, title__startswith="Entretien")
    assert (event.organization, event.actor) == (team.organization, team.admin)


@pytest.mark.parametrize("training", [True, False])
def test_the_guided_form_promises_training_only_when_ticked(client, hub, training):
    organization, officer = hub
    client.force_login(officer)
    made = offer(organization, officer, employer=company(name="Fournil"))
    contract = {
        "contract_type": "CDD",
        "duration_months": "6",
        "positions": "1",
        "pay_unit": "monthly",
        "open_to_beginners": "on",
        **({"training_provided": "on"} if training else {}),
    }
    url = reverse("offer_step", args=[made.pk, "contrat"])
    assert "Nous formons et accompagnons la personne" in client.get(url).content.decode()
    response = client.post(url, contract)
    assert response.url == reverse("offer_step", args=[made.pk, "texte"])
    made.refresh_from_db()
    assert made.training_provided is training
    assert ("vous serez formé·e et accompagné·e" in made.text) is training
    assert "Vous débutez ? Ce poste vous est ouvert" in made.text
    assert "pour le poste de vendeur / vendeuse en boulangerie-pâtisserie à Trélazé" in made.text
