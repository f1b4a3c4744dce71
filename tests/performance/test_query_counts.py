"""The key pages ask the database a fixed number of times whatever the number of rows
they show: each test fills a page with N rows, counts its queries, then with 3N rows,
and expects the same count. A new N+1 (a query per row) changes the second figure; a
new query per page changes both, and the figure here is to be updated knowingly."""

import time
from datetime import date, timedelta
from itertools import count

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts import session_renewal
from employment import services as employment_services
from offers import services as offer_services
from offers.enums import OfferState
from partner_services import services as partner_services
from pathways import pass_iae
from pathways.enums import EntryChannel, PathwayKind
from pathways.models import Pathway
from pathways.services import pass_set, pathway_open
from persons import services as person_services
from persons.enums import ConsentMethod, ConsentPurpose
from persons.services import person_create, touch_contact
from plans import services as plan_services
from plans.enums import ActionKind
from tests.factories.jobs import AppellationFactory
from tests.offers.helpers import company, employer_account, offer
from tests.partner_services.helpers import service_without_account
from tests.referrals.helpers import person_of, prescriber_with_adviser, send

pytestmark = pytest.mark.django_db

N = 2
_names = count(1)

# Queries per page, measured (one of them reads the session, which is saved only when it
# changed or once a minute: `accounts.session_renewal`). A change here is a change of the
# page's cost: say why in the commit.
# The person list: + the page's people's wishes (the first is shown), one query.
PERSON_LIST = 7
PERSON_PAGE = 9
# A person's pathways tab: its pathways, their transitions, seats and PASS changes; the
# contracts of all of them with what their blocks show, the hires to record, the checks
# after an exit, the seats' memberships (none here) and the stories, each read once for
# every pathway; the diagnoses (the standing one among them); the essentials' alerts and
# next appointment (the essentials' pathways are the page's).
PERSON_PATHWAYS = 19
# The worklist: « sans contact » reads its page by ids (lib.counted_page), one query per
# in-job follow-up section (alerts, overdue checkpoints, contracts ending), one for the
# post-exit checks due, and one per referral section (received, waiting for a partner,
# partners' answers, to answer), and one for the employers' answers.
WORKLIST = 18
# The inbox: its page and its count in one query (lib.counted_page), its figures in one.
REFERRAL_INBOX = 6
PUBLIC_BOARD = 3
# Around a commune, the form also reads the commune, to check it and to show it again.
PUBLIC_BOARD_AROUND = 5
PUBLIC_API = 3
HOME = 9
# The employer space: + its to-do list's requests waiting and offers to update, + the
# company's own record, linked at the end of the space and read with its proposals
# waiting counted (the to-do's « Proposition … à examiner »: no query more); each list
# comes a page at a time with its count (the offers, the requests; the candidates by
# their ids, then the page's rows and their wishes) after the introductions waiting for
# an answer, read once for the to-do list.
EMPLOYER_SPACE = 12


def _sign_in(client, user):
    """Signed in a moment ago: the pages measured read the session, and the renewal of
    its expiry (once a minute) does not fall in the measure."""
    client.force_login(user)
    session = client.session
    session[session_renewal.RENEWED_KEY] = int(time.time())
    session.save()


def _measured(client, url, django_assert_num_queries, expected: int):
    with django_assert_num_queries(expected):
        response = client.get(url)
    assert response.status_code == 200
    return response


def _body(client, url, django_assert_num_queries, expected: int) -> str:
    return _measured(client, url, django_assert_num_queries, expected).content.decode()


def _followed(team, **pathway_fields):
    """A person the team's structure follows, the colleague as referent."""
    number = next(_names)
    person = person_create(
        organization=team.organization,
        user=team.colleague,
        data={"first_name": "Personne", "last_name": f"Suivie{number:04d}"},
    )
    return person, _open(team, person, **pathway_fields)


def _open(team, person, **pathway_fields):
    """An IAE pathway of the team's structure with the person, the colleague as referent."""
    return pathway_open(
        person=person,
        organization=team.organization,
        kind=PathwayKind.IAE,
        referent=team.colleague,
        user=team.colleague,
        entry_channel=EntryChannel.WALK_IN,
        **pathway_fields,
    )


def _on_the_worklist(team):
    """A person in every section of the worklist and of the home page's counts: PASS IAE
    ending in 20 days, no contact (never), an overdue action, an appointment today."""
    person, pathway = _followed(team)
    pass_set(
        pathway=pathway,
        number=f"99999{pathway.pk:07d}",
        start=pass_iae.anniversary(date.today() + timedelta(days=20 + 1), -2),
        actor=team.colleague,
    )
    plan_services.action_create(
        person=person,
        kind=ActionKind.OTHER,
        title=f"Action en retard {person.last_name}",
        owner=team.colleague,
        organization=team.organization,
        due_on=date.today() - timedelta(days=2),
        actor=team.colleague,
    )
    plan_services.appointment_create(
        person=person,
        at=timezone.now(),
        subject=f"Rendez-vous {person.last_name}",
        organization=team.organization,
        with_user=team.colleague,
        actor=team.colleague,
    )
    _in_employment(team, pathway)
    _service_referral_waiting(team, person)
    return person


def _service_referral_waiting(team, person):
    """A referral of the person to a partner service without an account, waiting."""
    service = service_without_account(
        None, email=f"service{person.pk}@exemple.fr", name=f"Service {person.pk}"
    )
    partner_services.service_referral_send(
        person=person,
        service=service,
        organization=team.organization,
        user=team.colleague,
        message="Pouvez-vous la recevoir ?",
    )


def _in_employment(team, pathway):
    """A contract ending in 40 days, its first week's employer side overdue and its
    employee side done with a serious difficulty (an alert)."""
    contract = employment_services.contract_create(
        pathway=pathway,
        user=team.colleague,
        contract_type="CDD",
        start_date=date.today() - timedelta(days=20),
        end_date=date.today() + timedelta(days=40),
        hours_per_week=35,
        company=company(),
    )
    side = contract.checkpoints.get(step="week_1").sides.get(side="employee")
    employment_services.checkpoint_side_record(
        side=side,
        user=team.colleague,
        done_on=date.today() - timedelta(days=10),
        channel="phone",
        how_it_goes="difficult",
        issues=["schedule"],
        serious=True,
    )


def test_the_person_list(client, team, django_assert_num_queries):
    for _ in range(N):
        _followed(team)
    _sign_in(client, team.colleague)
    url = reverse("person_list")
    assert _body(client, url, django_assert_num_queries, PERSON_LIST).count("SUIVIE") == N
    for _ in range(2 * N):
        _followed(team)
    assert _body(client, url, django_assert_num_queries, PERSON_LIST).count("SUIVIE") == 3 * N


def test_the_person_page(client, team, django_assert_num_queries):
    person, _ = _followed(team)

    def enrich(rows):
        for _ in range(rows):
            number = next(_names)
            appellation = AppellationFactory(name=f"Métier {number}")
            person_services.wish_add(
                person=person,
                appellation=appellation,
                organization=team.organization,
                actor=team.colleague,
            )
            person_services.experience_save(
                person=person,
                data={"appellation": appellation, "employer": f"Employeur {number}"},
                organization=team.organization,
                actor=team.colleague,
            )
            person_services.consent_record(
                person=person,
                purpose=ConsentPurpose.SUPPORT,
                given=True,
                method=ConsentMethod.ORAL,
                user=team.colleague,
                organization=team.organization,
            )

    enrich(N)
    _sign_in(client, team.colleague)
    url = reverse("person_detail", kwargs={"person_pk": person.pk})
    assert _body(client, url, django_assert_num_queries, PERSON_PAGE).count("Employeur ") == N
    enrich(2 * N)
    body = _body(client, url, django_assert_num_queries, PERSON_PAGE)
    assert body.count("Employeur ") == 3 * N


def test_the_person_pathways_tab(client, team, django_assert_num_queries):
    """Each pathway the person had with the structure (closed seven months ago, after a
    contract) shows its contract and its check after the exit."""
    person, _ = _followed(team)

    def past_pathways(rows):
        for _ in range(rows):
            pathway = Pathway.objects.open().get(person=person)
            _in_employment(team, pathway)
            # The exit the contract proposes.
            employment_services.pathway_close(
                pathway=pathway, user=team.colleague, on=date.today() - timedelta(days=215)
            )
            _open(team, person)

    past_pathways(N)
    _sign_in(client, team.colleague)
    url = reverse("person_pathways", kwargs={"person_pk": person.pk})
    body = _body(client, url, django_assert_num_queries, PERSON_PATHWAYS)
    assert body.count("CDD") >= N
    past_pathways(2 * N)
    response = _measured(client, url, django_assert_num_queries, PERSON_PATHWAYS)
    items = response.context["items"]
    assert len(items) == 3 * N + 1
    assert sum(len(item["contracts"]) for item in items) == 3 * N
    assert sum(len(item["post_exit_checks"]) for item in items) == 3 * N


def _exited_seven_months_ago(team):
    """A person whose pathway closed 7 months ago: the check after the exit is due."""
    _, pathway = _followed(team)
    employment_services.pathway_close(
        pathway=pathway,
        user=team.colleague,
        exit_reason="job_seeking",
        on=date.today() - timedelta(days=215),
    )


def _answered_by_an_employer(team, employer):
    """A person the team introduced, whom the employer invited to an interview (seen
    lately: in no other section)."""
    person, _ = _followed(team)
    touch_contact(person)  # the record and the access ledger's copy
    made = offer(team.organization, team.colleague, employer=employer, state=OfferState.PUBLISHED)
    introduction = offer_services.introduction_create(
        offer=made, person=person, organization=team.organization, user=team.colleague
    )
    offer_services.introduction_answer(
        introduction=introduction, user=team.colleague, to_state="interview"
    )


def test_the_worklist(client, team, django_assert_num_queries):
    employer = company()
    for _ in range(N):
        _on_the_worklist(team)
        _exited_seven_months_ago(team)
        _answered_by_an_employer(team, employer)
    _sign_in(client, team.colleague)
    url = reverse("worklist")
    body = _body(client, url, django_assert_num_queries, WORKLIST)
    assert f"PASS IAE se terminant dans les 30 jours ({N})" in body
    assert f"Mes actions en retard ({N})" in body
    for _ in range(2 * N):
        _on_the_worklist(team)
        _exited_seven_months_ago(team)
        _answered_by_an_employer(team, employer)
    body = _body(client, url, django_assert_num_queries, WORKLIST)
    assert f"Réponses des employeurs ({3 * N})" in body
    assert f"Sans contact depuis 30 jours (dont je suis référent·e) ({3 * N})" in body
    assert f"Rendez-vous du jour ({3 * N})" in body
    assert f"Orientations vers des services en attente du partenaire ({3 * N})" in body
    assert body.count("Action en retard ") == 3 * N
    assert f"Alertes du suivi dans l'emploi ({3 * N})" in body
    assert f"Points de suivi dans l'emploi en retard ({3 * N})" in body
    assert f"Contrats se terminant dans les 90 jours ({3 * N})" in body
    assert f"Suivis après sortie à faire ({3 * N})" in body


def _receive(team, prescriber, rows):
    for _ in range(rows):
        person = person_of(prescriber, last_name=f"Orientee{next(_names):04d}")
        send(prescriber, person, team.organization)


def test_the_referral_inbox(client, team, django_assert_num_queries):
    prescriber = prescriber_with_adviser()
    _receive(team, prescriber, N)
    _sign_in(client, team.colleague)
    url = reverse("referral_inbox")
    response = _measured(client, url, django_assert_num_queries, REFERRAL_INBOX)
    assert len(response.context["page"].object_list) == N
    _receive(team, prescriber, 2 * N)
    response = _measured(client, url, django_assert_num_queries, REFERRAL_INBOX)
    assert len(response.context["page"].object_list) == 3 * N


def _publish(team, rows):
    for _ in range(rows):
        offer(
            team.organization,
            team.colleague,
            state=OfferState.PUBLISHED,
            appellation=AppellationFactory(name=f"Poste {next(_names):04d}"),
        )


def test_the_public_board(client, team, django_assert_num_queries):
    """The count and the page in the database, and one counter update for the rate
    limit once its window has begun (the first request of a window, or of a minute in a
    process, also creates the counter or clears expired ones: done before measuring)."""
    _publish(team, N)
    url = reverse("public_offer_list")
    client.get(url)
    assert _body(client, url, django_assert_num_queries, PUBLIC_BOARD).count("Poste ") == N
    _publish(team, 2 * N)
    assert _body(client, url, django_assert_num_queries, PUBLIC_BOARD).count("Poste ") == 3 * N


def test_the_public_board_around_a_commune_and_its_api(client, team, django_assert_num_queries):
    """Ranked by distance: the count, then the page (ranked in the database, loaded
    with what it shows). The API also looks up the commune; it has no rate limit."""
    _publish(team, N)
    url = f"{reverse('public_offer_list')}?commune=49353&radius_km=30"
    api = "/api/v1/public/offers?commune=49353&radius_km=30"
    client.get(url)
    assert _body(client, url, django_assert_num_queries, PUBLIC_BOARD_AROUND).count("Poste ") == N
    assert len(_measured(client, api, django_assert_num_queries, PUBLIC_API).json()["items"]) == N
    _publish(team, 2 * N)
    body = _body(client, url, django_assert_num_queries, PUBLIC_BOARD_AROUND)
    assert body.count("Poste ") == 3 * N
    items = _measured(client, api, django_assert_num_queries, PUBLIC_API).json()["items"]
    assert len(items) == 3 * N
    assert all(item["appellation_name"].startswith("Poste ") for item in items)
    assert {(item["commune_name"], item["distance_km"]) for item in items} == {("Trélazé", 0)}


def _figures(response) -> dict:
    return {label: figure for label, figure, _url in response.context["today"]}


def test_the_home_page(client, team, django_assert_num_queries):
    prescriber = prescriber_with_adviser()

    def fill(rows):
        for _ in range(rows):
            _on_the_worklist(team)
        _receive(team, prescriber, rows)

    fill(N)
    _sign_in(client, team.colleague)
    url = reverse("home")
    today = _figures(_measured(client, url, django_assert_num_queries, HOME))
    assert today["personnes sans contact depuis 30 jours"] == N
    assert today["orientations reçues en attente de réponse"] == N
    fill(2 * N)
    today = _figures(_measured(client, url, django_assert_num_queries, HOME))
    assert today["PASS IAE se terminant dans les 90 jours"] == 3 * N
    assert today["actions en retard"] == 3 * N
    assert today["orientations reçues en attente de réponse"] == 3 * N


def test_the_employer_space(client, team, django_assert_num_queries):
    _, employer_user, own = employer_account()

    def introduce(rows):
        for _ in range(rows):
            made = offer(
                team.organization, team.colleague, employer=own, state=OfferState.PUBLISHED
            )
            person, _ = _followed(team)
            offer_services.introduction_create(
                offer=made, person=person, organization=team.organization, user=team.colleague
            )

    introduce(N)
    _sign_in(client, employer_user)
    url = reverse("employer_space")
    # The first opening after new introductions writes « vue par l'employeur », once per
    # new candidate (a write, like an answer); reading the space is what is pinned.
    client.get(url)
    assert _body(client, url, django_assert_num_queries, EMPLOYER_SPACE).count("Répondre") == N
    introduce(2 * N)
    client.get(url)
    body = _body(client, url, django_assert_num_queries, EMPLOYER_SPACE)
    assert body.count("Répondre") == 3 * N
