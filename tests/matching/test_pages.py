"""The rankings in the pages: the candidates for an offer (filters, pages, the same
pairs as the API), the shortlist (five at most, with and without htmx), the comparison,
the shortlist presented in one action (all or nothing), the offers for a person with the
club's drafts, and who may open them."""

import re

import pytest
from django.urls import reverse

from audit.models import SensitiveRead
from barriers.enums import BarrierStatus
from barriers.services import barrier_change_status
from companies.models import ClubMembership
from matching.shortlist import shortlist
from offers import services as offer_services
from offers.enums import OfferState
from offers.models import Introduction
from pathways.enums import EntryChannel, PathwayKind
from pathways.services import pathway_open
from persons.services import person_create, person_update, wish_add
from tests.barriers.helpers import identify
from tests.factories.organizations import MembershipFactory, OrganizationFactory
from tests.factories.territories import commune_at
from tests.offers.helpers import bakery_job, company, employer_account, offer, trelaze

TRELAZE = (47.4456, -0.4657)

pytestmark = pytest.mark.django_db


def _people(team, count, *, start=0, kind=None):
    """`count` people the team follows who want the bakery job, half a kilometre apart east of
    Trélazé (each in a commune of their own); the odd ones have no licence, the offer
    does not need one."""
    job = bakery_job()
    made = []
    for i in range(start, start + count):
        place = commune_at(f"4{i:04d}", f"Commune {i}", TRELAZE[0], TRELAZE[1] + (i + 1) / 150)
        person = person_create(
            organization=team.organization,
            user=team.colleague,
            data={"first_name": f"Prénom{i:02d}", "last_name": f"Nom{i:02d}", "commune": place},
        )
        person_update(
            person=person,
            actor=team.colleague,
            data={
                "max_travel_km": 15 + i % 10,
                "moves_by_public_transport": bool(i % 2),
                "driving_licence": "none" if i % 2 else "B",
            },
        )
        wish_add(person=person, appellation=job, actor=team.colleague)
        if kind:
            pathway_open(
                person=person,
                organization=team.organization,
                kind=kind,
                referent=team.colleague,
                user=team.colleague,
                entry_channel=EntryChannel.WALK_IN,
            )
        made.append(person)
    return made


def _bakery(team, **data):
    return offer(team.organization, team.colleague, state=OfferState.PUBLISHED, **data)


def _page_rows(client, url, query=""):
    """Every row of every page: (person id, feasibility), in the page's order."""
    rows, number = [], 1
    while True:
        response = client.get(f"{url}?{query}&page={number}")
        assert response.status_code == 200
        rows += [(r.person.pk, r.pair.feasibility, r.pair.score) for r in response.context["rows"]]
        if not response.context["page"].has_next():
            return rows
        number += 1


def _api_rows(client, bearer, user, offer_id, query=""):
    headers = bearer(user)
    rows, number = [], 1
    while True:
        body = client.get(
            f"/api/v1/offers/{offer_id}/candidates?limit=200&{query}&page={number}",
            headers=headers,
        ).json()
        rows += [(i["person_id"], i["feasibility"], i["score"]) for i in body["items"]]
        if number >= body["pages"]:
            return rows
        number += 1


# --- candidates for an offer ------------------------------------------------------------


@pytest.mark.parametrize(
    ("page_query", "api_query"),
    [
        ("", ""),
        ("faisabilite=not_feasible", "feasibility=not_feasible"),
        ("distance=10", "max_km=10"),
        ("parcours=iae&distance=20", "kind=iae&max_km=20"),
    ],
)
def test_the_page_shows_the_same_people_in_the_same_order_as_the_api(
    client, bearer, team, page_query, api_query
):
    _people(team, 14)
    _people(team, 14, start=14, kind=PathwayKind.IAE)
    job = _bakery(team, driving_licence_required=True)
    client.force_login(team.colleague)
    shown = _page_rows(client, reverse("offer_candidates", args=[job.pk]), page_query)
    assert len(shown) > 0
    assert shown == _api_rows(client, bearer, team.colleague, job.pk, api_query)


def test_filters_narrow_the_ranking_and_stay_across_pages(client, team):
    people = _people(team, 12)
    iae = _people(team, 24, start=12, kind=PathwayKind.IAE)
    job = _bakery(team)
    client.force_login(team.colleague)
    url = reverse("offer_candidates", args=[job.pk])

    everyone = client.get(url)
    assert everyone.context["page"].paginator.count == 36
    assert len(everyone.context["rows"]) == 20

    only_iae = client.get(f"{url}?parcours=iae&distance=30")
    assert only_iae.context["page"].paginator.count == 24
    assert {r.person.pk for r in only_iae.context["rows"]} <= {p.pk for p in iae}
    body = only_iae.content.decode()
    assert "parcours=iae&amp;distance=30&amp;page=2" in body  # the next page keeps them
    second = client.get(f"{url}?parcours=iae&distance=30&page=2")
    assert len(second.context["rows"]) == 4

    near = client.get(f"{url}?distance=5")
    kept = {r.person.pk for r in near.context["rows"]}
    assert kept and kept < {p.pk for p in people + iae}
    assert all(r.distance_km <= 5 for r in near.context["rows"])


def test_bad_filters_are_refused_in_french_and_kept(client, team):
    job = _bakery(team)
    client.force_login(team.colleague)
    response = client.get(reverse("offer_candidates", args=[job.pk]) + "?distance=7&parcours=iae")
    assert response.status_code == 400
    body = response.content.decode()
    assert "Sélectionnez un choix valide" in body
    assert 'value="iae" selected' in body


def test_each_row_has_its_badge_its_reasons_and_a_link_to_the_record(client, team, seed):
    person, childcare, _, day_job = seed
    by_car = offer(
        team.organization,
        team.colleague,
        appellation=day_job.appellation,
        commune=day_job.commune,
        driving_licence_required=True,
        state=OfferState.PUBLISHED,
    )
    client.force_login(team.colleague)
    body = client.get(reverse("offer_candidates", args=[by_car.pk])).content.decode()
    assert "Pas possible" in body and "permis B exigé, pas de permis" in body
    assert reverse("person_detail", args=[person.pk]) in body

    barrier_change_status(
        barrier=childcare, to_status=BarrierStatus.BEING_LIFTED, user=team.colleague
    )
    response = client.get(reverse("offer_candidates", args=[day_job.pk]))
    body = response.content.decode()
    assert "Possible si solution de garde" in body
    assert "fr-badge--warning" in body
    # The family barrier was named on the page: the read is logged, as the API does.
    assert SensitiveRead.objects.filter(person=person, user=team.colleague).exists()


# --- the shortlist ----------------------------------------------------------------------


def _change(client, job, person, action="add", **headers):
    return client.post(
        reverse("shortlist_change", args=[job.pk]),
        {"person": person.pk, "action": action, "retour": "distance=30&page=1"},
        headers=headers,
    )


def test_the_shortlist_holds_five_people_at_most(client, team):
    people = _people(team, 6)
    job = _bakery(team)
    client.force_login(team.colleague)
    for person in people[:5]:
        response = _change(client, job, person)
        assert response.status_code == 302
        # The plain form comes back to the page it left, filters kept.
        assert response["Location"].endswith("?distance=30&page=1")
    response = _change(client, job, people[5])
    assert [p.pk for p in people[:5]] == shortlist(client.session, job)
    page = client.get(response["Location"]).content.decode()
    assert "La sélection compte déjà 5 personnes" in page

    # With htmx: the row's button and the shortlist, out of band.
    response = _change(client, job, people[5], **{"HX-Request": "true"})
    body = response.content.decode()
    assert body.lstrip().startswith(f'<div id="choix-{people[5].pk}">')
    assert 'hx-swap-oob="true"' in body and "La sélection compte déjà 5 personnes" in body
    response = _change(client, job, people[0], "remove", **{"HX-Request": "true"})
    assert f"Ajouter {people[0]} à la sélection" in response.content.decode()
    assert "Sélection : 4 sur 5" in response.content.decode()
    assert people[0].pk not in shortlist(client.session, job)


def test_only_a_person_the_user_follows_goes_on_the_shortlist(client, team, followed):
    job = _bakery(team)
    other = OrganizationFactory()
    other_user = MembershipFactory(organization=other).user
    theirs = person_create(
        organization=other, user=other_user, data={"first_name": "Autre", "last_name": "Pool"}
    )
    client.force_login(team.colleague)
    assert _change(client, job, theirs).status_code == 404
    response = client.post(reverse("shortlist_change", args=[job.pk]), {"person": "x"})
    assert response.status_code == 404
    assert shortlist(client.session, job) == []


def test_the_comparison_shows_the_shortlist_side_by_side(client, team, seed):
    person, childcare, _, day_job = seed
    others = _people(team, 2)
    for someone in others:
        wish_add(person=someone, appellation=day_job.appellation, actor=team.colleague)
    client.force_login(team.colleague)
    for someone in (person, *others):
        _change(client, day_job, someone)
    response = client.get(reverse("shortlist_compare", args=[day_job.pk]))
    assert response.status_code == 200
    columns = response.context["columns"]
    assert [c.person.pk for c in columns] == [person.pk, *(p.pk for p in others)]
    body = response.content.decode()
    headers = re.findall(r'<th scope="col"><a href="/personnes/(\d+)/">', body)
    assert headers == [str(person.pk), *(str(p.pk) for p in others)]
    for label in ("Faisabilité", "Distance", "Métier", "Trajet", "Horaires", "Équité"):
        assert f'<th scope="row">{label}</th>' in body
    # Her childcare is identified and not worked on: not possible, the barrier named.
    assert "enfant de moins de 3 ans sans solution de garde" in body
    assert "Présenter la sélection à l'employeur" in body


def test_comparing_needs_two_people(client, team):
    (person,) = _people(team, 1)
    job = _bakery(team)
    client.force_login(team.colleague)
    _change(client, job, person)
    body = client.get(reverse("shortlist_compare", args=[job.pk])).content.decode()
    assert "Ajoutez au moins deux personnes" in body


# --- presenting the shortlist -----------------------------------------------------------


def test_the_shortlist_is_presented_all_or_nothing(client, team):
    first, second, third = _people(team, 3)
    job = _bakery(team)
    client.force_login(team.colleague)
    for person in (first, second, third):
        _change(client, job, person)
    # Someone else of the team introduces the second one meanwhile.
    offer_services.introduction_create(
        offer=job, person=second, organization=team.organization, user=team.colleague
    )
    url = reverse("shortlist_introduce", args=[job.pk])
    response = client.post(url, {"comment": "Trois profils motivés."})
    assert response.status_code == 400
    body = response.content.decode()
    assert "Personne n&#x27;a été présenté·e" in body
    assert f"{second} : {second} est déjà présenté·e pour cette offre." in body
    assert "Trois profils motivés." in body  # what was typed is kept
    assert set(Introduction.objects.filter(offer=job).values_list("person_id", flat=True)) == {
        second.pk
    }

    _change(client, job, second, "remove")
    response = client.post(url, {"comment": "Deux profils motivés."})
    assert response.status_code == 302
    introduced = Introduction.objects.filter(offer=job, comment="Deux profils motivés.")
    assert set(introduced.values_list("person_id", flat=True)) == {first.pk, third.pk}
    assert shortlist(client.session, job) == []
    # Presented, they leave the ranking of this offer.
    ranked = client.get(reverse("offer_candidates", args=[job.pk])).context["rows"]
    assert {first.pk, second.pk, third.pk}.isdisjoint({r.person.pk for r in ranked})


def test_a_comment_with_sensitive_words_asks_for_confirmation_once(client, team):
    first, second = _people(team, 2)
    job = _bakery(team)
    client.force_login(team.colleague)
    for person in (first, second):
        _change(client, job, person)
    url = reverse("shortlist_introduce", args=[job.pk])
    response = client.post(url, {"comment": "Elle touche le RSA."})
    assert response.status_code == 400
    assert not Introduction.objects.filter(offer=job).exists()
    assert "Je confirme que ce texte" in response.content.decode()
    response = client.post(url, {"comment": "Elle touche le RSA.", "confirm_sensitive_words": "on"})
    assert response.status_code == 302
    assert Introduction.objects.filter(offer=job).count() == 2


def test_the_bulk_service_refuses_more_than_five_and_names_who_cannot_be_introduced(team):
    from django.core.exceptions import ValidationError

    people = _people(team, 6)
    job = _bakery(team)
    with pytest.raises(ValidationError, match="au plus 5"):
        offer_services.introductions_create_many(
            offer=job, persons=people, organization=team.organization, user=team.colleague
        )
    other = OrganizationFactory()
    other_user = MembershipFactory(organization=other).user
    theirs = person_create(
        organization=other, user=other_user, data={"first_name": "Hors", "last_name": "Pool"}
    )
    with pytest.raises(ValidationError) as refused:
        offer_services.introductions_create_many(
            offer=job,
            persons=[people[0], theirs, people[1]],
            organization=team.organization,
            user=team.colleague,
            comment="",
        )
    assert any("Hors Pool" in m and "accompagnez" in m for m in refused.value.messages)
    assert not Introduction.objects.filter(offer=job).exists()

    draft = offer(team.organization, team.colleague)
    with pytest.raises(ValidationError) as refused:
        offer_services.introductions_create_many(
            offer=draft, persons=people[:2], organization=team.organization, user=team.colleague
        )
    assert sum("offre publiée" in m for m in refused.value.messages) == 2
    made = offer_services.introductions_create_many(
        offer=job, persons=people[:5], organization=team.organization, user=team.colleague
    )
    assert [i.person for i in made] == people[:5]


# --- the offer page's introduction form -------------------------------------------------


def test_the_offer_page_lists_the_ranked_people_and_finds_the_others_by_name(
    client, team, followed
):
    people = _people(team, 12)
    job = _bakery(team)
    client.force_login(team.colleague)
    response = client.get(reverse("offer_detail", args=[job.pk]))
    body = response.content.decode()
    assert reverse("offer_candidates", args=[job.pk]) in body
    assert "Candidats possibles" in body
    select = re.search(r'<select name="person".*?</select>', body, re.S).group(0)
    options = re.findall(r'<option value="(\d+)"[^>]*>([^<]+)</option>', select)
    assert len(options) == 10
    assert all(" — possible" in label or " — pas possible" in label for _, label in options)
    # The followed person wants nothing: not ranked, not listed; found by name.
    assert str(followed.person.pk) not in [value for value, _ in options]
    response = client.post(
        reverse("offer_introduction_create", args=[job.pk]),
        {"person": "", "person_name": "sandrine quintaval", "comment": ""},
    )
    assert response.status_code == 302
    assert Introduction.objects.filter(offer=job, person=followed.person).exists()
    # A name that is several people asks to be precise; what was typed stays.
    response = client.post(
        reverse("offer_introduction_create", args=[job.pk]),
        {"person": "", "person_name": "Nom0", "comment": ""},
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert "Plusieurs personnes correspondent" in body and 'value="Nom0"' in body
    # A ranked one is still chosen from the list.
    response = client.post(
        reverse("offer_introduction_create", args=[job.pk]),
        {"person": options[0][0], "comment": ""},
    )
    assert response.status_code == 302
    assert Introduction.objects.filter(offer=job, person_id=int(options[0][0])).exists()
    assert len(people) == 12


# --- offers for a person ----------------------------------------------------------------


def _club_draft(team, **data):
    """A draft the team writes with a company of its club: not public yet."""
    member = company(name="Boulangerie du Club")
    ClubMembership.objects.create(organization=team.organization, company=member)
    return offer(team.organization, team.colleague, employer=member, **data)


def test_offers_for_a_person_include_the_club_drafts_of_the_organization_only(
    client, bearer, team, seed
):
    person, _, packing_job, day_job = seed
    draft = _club_draft(team, appellation=day_job.appellation, commune=day_job.commune)
    not_in_club = offer(
        team.organization, team.colleague, appellation=day_job.appellation, commune=trelaze()
    )
    client.force_login(team.colleague)
    url = reverse("person_offers", args=[person.pk])
    response = client.get(url)
    assert response.status_code == 200
    shown = [(r.offer.pk, r.pair.feasibility) for r in response.context["rows"]]
    ids = [pk for pk, _ in shown]
    assert draft.pk in ids and packing_job.pk in ids and day_job.pk in ids
    assert not_in_club.pk not in ids
    body = response.content.decode()
    assert "Pas encore publiée · club" in body
    assert "Offres qui correspondent à" in body

    api = client.get(
        f"/api/v1/persons/{person.pk}/offers?limit=200", headers=bearer(team.colleague)
    )
    assert [(i["offer_id"], i["feasibility"]) for i in api.json()["items"]] == shown

    # Within 10 km, page and API agree too; the packing job at 25 km leaves.
    near = client.get(f"{url}?distance=10").context["rows"]
    api = client.get(
        f"/api/v1/persons/{person.pk}/offers?limit=200&max_km=10", headers=bearer(team.colleague)
    ).json()["items"]
    assert [r.offer.pk for r in near] == [i["offer_id"] for i in api]
    assert packing_job.pk not in [r.offer.pk for r in near] and draft.pk in [
        r.offer.pk for r in near
    ]

    # Another structure following her too ranks the published offers, not the team's draft.
    other = OrganizationFactory(name="Autre structure")
    other_user = MembershipFactory(organization=other).user
    ClubMembership.objects.create(organization=other, company=draft.company)
    from pathways.services import pathway_open as open_pathway

    open_pathway(
        person=person,
        organization=other,
        kind=PathwayKind.SUPPORT,
        referent=other_user,
        user=other_user,
        entry_channel=EntryChannel.WALK_IN,
    )
    client.force_login(other_user)
    theirs = [r.offer.pk for r in client.get(url).context["rows"]]
    assert day_job.pk in theirs and draft.pk not in theirs


def test_the_person_record_links_to_the_offers_that_fit(client, team, followed):
    client.force_login(team.colleague)
    body = client.get(reverse("person_detail", args=[followed.person.pk])).content.decode()
    assert reverse("person_offers", args=[followed.person.pk]) in body
    assert "Offres qui lui correspondent" in body


def test_the_offers_page_paginates_and_keeps_its_filters(client, team, followed):
    person = followed.person
    person_update(person=person, actor=team.colleague, data={"commune": trelaze()})
    wish_add(person=person, appellation=bakery_job(), actor=team.colleague)
    for _ in range(23):
        _bakery(team)
    client.force_login(team.colleague)
    url = reverse("person_offers", args=[person.pk])
    first = client.get(f"{url}?faisabilite=feasible")
    assert first.context["page"].paginator.count == 23
    assert "faisabilite=feasible&amp;page=2" in first.content.decode()
    assert len(client.get(f"{url}?faisabilite=feasible&page=2").context["rows"]) == 3


# --- who may open them ------------------------------------------------------------------


def _all_urls(job, person):
    return [
        ("get", reverse("offer_candidates", args=[job.pk])),
        ("get", reverse("shortlist_compare", args=[job.pk])),
        ("post", reverse("shortlist_change", args=[job.pk])),
        ("post", reverse("shortlist_introduce", args=[job.pk])),
        ("get", reverse("person_offers", args=[person.pk])),
    ]


def test_an_employer_gets_nothing_even_with_a_shortlist_in_its_session(client, team, seed):
    person, childcare, _, day_job = seed
    barrier_change_status(
        barrier=childcare, to_status=BarrierStatus.BEING_LIFTED, user=team.colleague
    )
    organization, employer, own_company = employer_account()
    own = offer(organization, employer, employer=own_company, state=OfferState.PUBLISHED)
    client.force_login(employer)
    session = client.session
    for job in (day_job, own):
        session[f"shortlist:{job.pk}"] = [person.pk]
    session.save()
    for job in (day_job, own):
        for method, url in _all_urls(job, person):
            response = getattr(client, method)(url, {"person": person.pk})
            assert response.status_code in (403, 404), url
            body = response.content.decode()
            assert "garde" not in body and person.last_name not in body, url
    assert not Introduction.objects.exists()


def test_a_prescriber_at_the_milestones_level_gets_no_ranking(client, team, followed, seed):
    person, _, _, day_job = seed
    client.force_login(followed.prescriber_user)
    for method, url in _all_urls(day_job, person):
        response = getattr(client, method)(url, {"person": person.pk})
        assert response.status_code in (403, 404), url
        assert person.last_name not in response.content.decode(), url


def test_a_stranger_sees_the_offer_ranked_among_nobody(client, team, seed):
    person, _, _, day_job = seed
    client.force_login(team.stranger)
    response = client.get(reverse("offer_candidates", args=[day_job.pk]))
    assert response.status_code == 200 and response.context["rows"] == []
    assert client.get(reverse("person_offers", args=[person.pk])).status_code == 404
    assert _change(client, day_job, person).status_code == 404


def test_the_walk_sample_is_ranked_on_the_page_with_its_private_words(client, team, followed):
    """The stranger walk's marker is what the team reads on the pages: the walk would
    see a leak."""
    from tests.access.samples_matching import samples

    markers, arguments = samples(team, followed)
    client.force_login(team.colleague)
    body = client.get(
        reverse("offer_candidates", args=[arguments["ranked_offer_pk"]])
    ).content.decode()
    assert any(marker in body for marker in markers)
    body = client.get(reverse("person_offers", args=[followed.person.pk])).content.decode()
    assert any(marker in body for marker in markers)


def test_the_identified_childcare_barrier_is_shown_as_the_reason(client, team, followed):
    person = followed.person
    person_update(person=person, actor=team.colleague, data={"commune": trelaze()})
    wish_add(person=person, appellation=bakery_job(), actor=team.colleague)
    identify(person, "famille-garde-moins-3-ans", team.colleague, team.organization)
    job = _bakery(team, schedule_patterns=["3x8"])
    client.force_login(team.colleague)
    (row,) = client.get(reverse("offer_candidates", args=[job.pk])).context["rows"]
    assert row.badge == "Pas possible" and "garde" in row.pair.reason
