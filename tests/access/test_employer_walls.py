"""The walls between a person's file and employers.

1. Who may join a pathway team, and at which level, comes from `access.policy` only:
   every (organization kind × role) pair is tried through the service, the API and the
   page, and the level granted is the policy's. No employer-side kind (company, employer
   group, coordinator or funder) ever gets a seat.
2. The employer walk: after every way a structure can share a person with an employer
   (a team attempt, a seat left from before the wall, an introduction to an offer and the
   signed link to it emailed to the employer's contact, an immersion in the company, an
   interest on the public board, a contract with the link to the employer's side of its
   follow-up), the employer's user walks
   every page and API route, with the team's objects and with their own, and reads no
   barrier, note, plan item, contact detail nor health word of the person.

A new way of sharing a person with an employer adds its step to `_share_everything`; a
new route is walked as soon as it exists (its arguments come from the stranger walk's
samples, `tests/access/samples_*.py`)."""

import re
from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.urls import reverse

from access.policy import kinds_joining_teams, team_level
from audit.models import AuditEntry
from barriers.models import PersonBarrier
from companies.models import Contact
from companies.services import group_member_add
from cooperation import services as cooperation
from cooperation.enums import PartnershipKind
from employment import employer_link
from employment import services as employment
from events import services as events
from immersions.services import immersion_create
from offers import introduction_link
from offers import services as offers
from offers.enums import OfferState
from organizations.enums import KIND_GROUPS, KindGroup, OrganizationKind, Role
from organizations.services import organization_update
from pathways.enums import TeamRole
from pathways.models import TeamMember
from pathways.services import team_member_add, team_member_remove
from persons.access import Level, access_level
from persons.services import person_update
from plans import services as plans
from plans.enums import NoteVisibility
from tests.access.test_stranger_walk import _fill, api_call, api_routes, body_of, site_routes
from tests.barriers.helpers import identify
from tests.factories.organizations import MembershipFactory, OrganizationFactory
from tests.factories.pathways import PathwayFactory, TeamMemberFactory
from tests.offers.helpers import company, employer_account, offer

pytestmark = pytest.mark.django_db

EMPLOYER_SIDE = {KindGroup.COMPANY, KindGroup.EMPLOYER_GROUP, KindGroup.COORDINATOR}
KIND_ROLE = [(kind, role) for kind in OrganizationKind.values for role in Role.values]


# --- 1. who may join a team ------------------------------------------------------------


def _page_data(pathway, organization, user) -> dict:
    prefix = f"p{pathway.pk}-team_member"
    return {
        f"{prefix}-organization": organization.pk,
        f"{prefix}-user": user.pk,
        f"{prefix}-role": TeamRole.OTHER,
        f"{prefix}-access_until": "",
    }


@pytest.mark.parametrize(("kind", "role"), KIND_ROLE)
def test_who_may_join_a_team_and_at_which_level(client, bearer, team, followed, kind, role):
    organization = OrganizationFactory(kind=kind)
    by_service, by_api, by_page = (
        MembershipFactory(organization=organization, role=role) for _ in range(3)
    )
    expected = team_level(by_service)
    if KIND_GROUPS[kind] in EMPLOYER_SIDE:
        assert expected == Level.NONE, f"{kind} ne doit jamais rejoindre une équipe"
    accepted = expected > Level.NONE
    pathway = followed.pathway

    # The service.
    add = {
        "pathway": pathway,
        "user": by_service.user,
        "organization": organization,
        "role": TeamRole.OTHER,
        "access_until": None,
        "actor": team.colleague,
    }
    if accepted:
        team_member_add(**add)
    else:
        with pytest.raises(ValidationError, match="ne peut pas rejoindre"):
            team_member_add(**add)

    # The API.
    response = client.post(
        f"/api/v1/pathways/{pathway.pk}/team",
        {"user_id": by_api.user.pk, "organization_id": organization.pk, "role": "other"},
        headers=bearer(team.colleague),
        content_type="application/json",
    )
    assert response.status_code == (201 if accepted else 400), response.content
    if not accepted:
        assert "ne peut pas rejoindre" in response.json()["detail"]

    # The page.
    client.force_login(team.colleague)
    url = reverse("pathway_team_add", args=[followed.person.pk, pathway.pk])
    response = client.post(url, _page_data(pathway, organization, by_page.user))
    assert response.status_code == (302 if accepted else 400)
    if not accepted:
        assert "ne peut pas rejoindre" in response.content.decode()

    seated = set(TeamMember.objects.filter(pathway=pathway).values_list("user_id", flat=True))
    for membership in (by_service, by_api, by_page):
        assert (membership.user_id in seated) is accepted
        assert access_level(membership.user, followed.person) == expected


def test_the_policy_lets_exactly_the_accompanying_partner_and_prescriber_kinds_join():
    groups = {KIND_GROUPS[kind] for kind in kinds_joining_teams()}
    assert groups == {
        KindGroup.INCLUSION_EMPLOYER,
        KindGroup.EMPLOYMENT_HUB,
        KindGroup.PARTNER_SERVICE,
        KindGroup.PRESCRIBER,
    }


def test_a_prescriber_on_a_team_sees_milestones_and_a_partner_the_team_view(team, followed):
    prescriber = MembershipFactory(organization=OrganizationFactory(kind=OrganizationKind.SPIP))
    partner = MembershipFactory(
        organization=OrganizationFactory(kind=OrganizationKind.PARTNER_SERVICE)
    )
    for membership in (prescriber, partner):
        team_member_add(
            pathway=followed.pathway,
            user=membership.user,
            organization=membership.organization,
            role=TeamRole.COUNSELLOR,
            access_until=None,
            actor=team.colleague,
        )
    assert access_level(prescriber.user, followed.person) == Level.MILESTONES
    assert access_level(partner.user, followed.person) == Level.TEAM


def test_only_the_holding_structure_changes_the_team(client, bearer, team, followed):
    partner = MembershipFactory(
        organization=OrganizationFactory(kind=OrganizationKind.PARTNER_SERVICE)
    )
    seat = team_member_add(
        pathway=followed.pathway,
        user=partner.user,
        organization=partner.organization,
        role=TeamRole.SOCIAL_WORKER,
        access_until=None,
        actor=team.colleague,
    )
    hub = MembershipFactory(organization=OrganizationFactory(kind=OrganizationKind.EMPLOYMENT_HUB))
    with pytest.raises(PermissionDenied):
        team_member_add(
            pathway=followed.pathway,
            user=hub.user,
            organization=hub.organization,
            role=TeamRole.OTHER,
            access_until=None,
            actor=partner.user,  # on the team, but not the holding structure
        )
    with pytest.raises(PermissionDenied):
        team_member_remove(member=seat, actor=team.stranger)
    response = client.post(
        f"/api/v1/pathways/{followed.pathway.pk}/team",
        {"user_id": hub.user.pk, "organization_id": hub.organization.pk, "role": "other"},
        headers=bearer(partner.user),
        content_type="application/json",
    )
    assert response.status_code == 403
    assert list(TeamMember.objects.filter(pathway=followed.pathway)) == [seat]


def test_a_seat_gives_nothing_once_its_holder_left_or_the_organization_changed_kind(team, followed):
    partner = MembershipFactory(
        organization=OrganizationFactory(kind=OrganizationKind.PARTNER_SERVICE)
    )
    hub = MembershipFactory(organization=OrganizationFactory(kind=OrganizationKind.EMPLOYMENT_HUB))
    for membership in (partner, hub):
        team_member_add(
            pathway=followed.pathway,
            user=membership.user,
            organization=membership.organization,
            role=TeamRole.OTHER,
            access_until=None,
            actor=team.colleague,
        )
        assert access_level(membership.user, followed.person) == Level.TEAM
    partner.is_active = False
    partner.save()
    # Its kind changed on the platform admin's edit page: the service rewrites who sees whom.
    organization_update(organization=hub.organization, data={"kind": OrganizationKind.COMPANY})
    for membership in (partner, hub):
        user = type(membership.user).objects.get(pk=membership.user_id)  # no cached rights
        assert access_level(user, followed.person) == Level.NONE
        assert not followed.person.__class__.objects.visible_to(user).exists()


def test_an_employer_seat_from_before_the_wall_gives_nothing(client, bearer, team, followed):
    organization, manager, _ = employer_account()
    TeamMemberFactory(pathway=followed.pathway, user=manager, organization=organization)
    assert access_level(manager, followed.person) == Level.NONE
    client.force_login(manager)
    assert client.get(f"/personnes/{followed.person.pk}/").status_code == 404
    api = client.get(f"/api/v1/persons/{followed.person.pk}", headers=bearer(manager))
    assert api.status_code == 404


def test_an_employer_never_owns_nor_sees_an_action_of_the_plan(client, bearer, team, followed):
    """The plan is shared with the team, never with an employer: one cannot be given an
    action, and an employer seat from before the wall shows none in « Mes actions »."""
    organization, manager, _ = employer_account()
    with pytest.raises(ValidationError):
        plans.action_create(
            actor=team.colleague,
            person=followed.person,
            kind="other",
            title="Action secrète de l'employeur",
            owner=manager,
            organization=team.organization,
        )
    TeamMemberFactory(pathway=followed.pathway, user=manager, organization=organization)
    action = plans.action_create(
        actor=team.colleague,
        person=followed.person,
        kind="other",
        title="Action secrète de l'employeur",
        owner=team.colleague,
        organization=team.organization,
    )
    type(action).objects.filter(pk=action.pk).update(owner=manager)  # written behind the wall
    client.force_login(manager)
    assert "Action secrète" not in client.get(reverse("my_actions")).content.decode()
    assert client.post(reverse("my_action_done", args=[action.pk])).status_code == 404
    mine = client.get("/api/v1/actions/mine", headers=bearer(manager)).json()
    assert mine["items"] == []


def test_the_migration_removes_the_seats_beyond_the_wall_with_an_audit_entry(team, followed):
    migration = __import__(
        "pathways.migrations.0003_remove_team_seats_beyond_the_wall", fromlist=["_"]
    )
    assert set(kinds_joining_teams()) == migration.KINDS_JOINING_TEAMS
    employer, manager, _ = employer_account()
    coordinator = MembershipFactory(
        organization=OrganizationFactory(kind=OrganizationKind.COORDINATOR)
    )
    partner = MembershipFactory(
        organization=OrganizationFactory(kind=OrganizationKind.PARTNER_SERVICE)
    )
    left = MembershipFactory(organization=OrganizationFactory(kind=OrganizationKind.ACI))
    seats = {
        "employer": TeamMemberFactory(
            pathway=followed.pathway, user=manager, organization=employer
        ),
        "coordinator": TeamMemberFactory(
            pathway=followed.pathway,
            user=coordinator.user,
            organization=coordinator.organization,
        ),
        "left": TeamMemberFactory(
            pathway=followed.pathway, user=left.user, organization=left.organization
        ),
        "partner": TeamMemberFactory(
            pathway=followed.pathway, user=partner.user, organization=partner.organization
        ),
    }
    left.is_active = False
    left.save()
    before = AuditEntry.objects.filter(action="delete").count()

    # The models as the migration sees them (no audit machinery of their own).
    state = MigrationExecutor(connection).loader.project_state(
        [("pathways", "0003_remove_team_seats_beyond_the_wall")]
    )
    assert migration.remove_seats_beyond_the_wall(state.apps, None) == 3

    assert list(TeamMember.objects.all()) == [seats["partner"]]
    entries = AuditEntry.objects.filter(action="delete").order_by("id")[before:]
    assert sorted(int(e.object_id) for e in entries) == sorted(
        seats[name].pk for name in ("employer", "coordinator", "left")
    )
    for entry in entries:
        assert entry.organization_id == team.organization.pk  # the holder's trail
        assert entry.changes["motif"][0].startswith("Retiré·e de l'équipe")
        assert entry.actor_repr == "Système"


# --- 2. the employer walk --------------------------------------------------------------

PERSON_PHONE = "06 12 34 56 78"
PERSON_ADDRESS = "12 rue des Volets Clos"
BARRIER_DETAIL = "Frein identifié : famille (garde d'enfants le mercredi)"
NOTE_TEXT = "Note : suivi psychologique en cours, ne pas en parler"
OBJECTIVE = "Objectif du plan : reprendre confiance"
# Words that say something of the person's health. Checked on every answer the employer
# gets (the platform's reference lists of barrier themes are not about a person and are
# walked with the person's objects in their arguments anyway).
HEALTH_WORDS = ["RQTH", "travailleur handicapé", "psycholog", "médecin", "Lombalgie"]


def _person_secrets(team, followed) -> list[str]:
    person = followed.person
    person_update(
        actor=team.colleague,
        person=person,
        data={"phone": PERSON_PHONE, "address": PERSON_ADDRESS, "disabled_worker": True},
        organization=team.organization,
    )
    identify(person, "famille-garde-moins-3-ans", team.colleague, team.organization, BARRIER_DETAIL)
    identify(
        person,
        "sante-soins-en-cours",
        team.colleague,
        team.organization,
        "Lombalgie notée par le médecin du travail",
    )
    plans.note_create(
        person=person,
        text=NOTE_TEXT,
        visibility=NoteVisibility.TEAM,
        author=team.colleague,
        organization=team.organization,
    )
    plans.objective_create(
        person=person,
        title=OBJECTIVE,
        user=team.colleague,
        organization=team.organization,
        pathway=followed.pathway,
    )
    return [
        PERSON_PHONE,
        PERSON_ADDRESS,
        person.email,
        person.last_name,
        BARRIER_DETAIL,
        NOTE_TEXT,
        OBJECTIVE,
    ]


def _share_everything(client, bearer, team, followed, employer, manager, own) -> dict:
    """Every way a structure can put the person in front of an employer. Returns the
    employer-side objects, to walk the routes with them too."""
    pathway, person = followed.pathway, followed.person
    # A team attempt, by the service, the API and the page: refused.
    with pytest.raises(ValidationError):
        team_member_add(
            pathway=pathway,
            user=manager,
            organization=employer,
            role=TeamRole.JOB_COACH,
            access_until=None,
            actor=team.colleague,
        )
    response = client.post(
        f"/api/v1/pathways/{pathway.pk}/team",
        {"user_id": manager.pk, "organization_id": employer.pk, "role": "job_coach"},
        headers=bearer(team.colleague),
        content_type="application/json",
    )
    assert response.status_code == 400
    client.force_login(team.colleague)
    url = reverse("pathway_team_add", args=[person.pk, pathway.pk])
    assert client.post(url, _page_data(pathway, employer, manager)).status_code == 400
    assert not TeamMember.objects.filter(user=manager).exists()
    # The employer named as the « prescriber » of a new pathway: refused.
    other = OrganizationFactory(kind=OrganizationKind.EI)
    MembershipFactory(organization=other, user=team.colleague)
    response = client.post(
        "/api/v1/pathways",
        {
            "person_id": person.pk,
            "kind": "iae",
            "referent_id": team.colleague.pk,
            "prescriber_organization_id": employer.pk,
            "organization_id": other.pk,
        },
        headers=bearer(team.colleague),
        content_type="application/json",
    )
    assert response.status_code == 400, response.content
    # A seat written before the wall existed, and a pathway naming the employer as its
    # prescriber written before the check existed.
    PathwayFactory(person=person, organization=other, prescriber_organization=employer)
    TeamMemberFactory(pathway=pathway, user=manager, organization=employer)
    # An introduction to the employer's offer, written by the structure.
    published = offer(team.organization, team.colleague, employer=own, state=OfferState.PUBLISHED)
    introduction = offers.introduction_create(
        offer=published, person=person, organization=team.organization, user=team.colleague
    )
    # The same introduction emailed to the employer's contact: a signed link to a page
    # without sign-in, walked below as the employer's user and as an anonymous visitor.
    introduction = offers.introduction_send(
        introduction=introduction, user=team.colleague, email="contact@employeur.example"
    )
    # An immersion in the employer's company.
    immersion = immersion_create(
        person=person,
        organization=team.organization,
        user=team.colleague,
        data={
            "company": own,
            "start_on": date.today(),
            "end_on": date.today() + timedelta(days=5),
            "objective": "discover",
            "tutor_name": "Tutrice Marchand",
        },
    )
    # An interest left on the board for the employer's own offer (someone else), and one
    # for the structure's offer, which reaches the structure, not the employer.
    own_offer = offer(employer, manager, employer=own, state=OfferState.PUBLISHED)
    offers.interest_submit(
        offer=own_offer, first_name="Inès", last_name="Candidate", email="ines@exemple.fr"
    )
    offers.interest_submit(
        offer=published, first_name="Paul", last_name="Discret", email="paul.discret@exemple.fr"
    )
    # A hire by the employer, and the link to its side of the follow-up emailed to its
    # contact: walked below as the employer's user and as an anonymous visitor.
    contract = employment.contract_create(
        pathway=pathway,
        user=team.colleague,
        contract_type="CDI",
        start_date=date.today() - timedelta(days=10),
        hours_per_week=35,
        company=own,
    )
    side = contract.checkpoints.order_by("planned_on").first().sides.get(side="employer")
    side = employment.employer_link_send(
        side=side, user=team.colleague, email="contact@employeur.example"
    )
    # A partnership of the structure with the employer: its crossing and results read
    # by the employer as counts, never a person.
    partnership = cooperation.partnership_create(
        user=team.colleague,
        organization=team.organization,
        kind=PartnershipKind.OTHER,
        employer=employer,
        structure=team.organization,
        started_on=date.today() - timedelta(days=30),
    )
    # A job dating of the structure, co-organized with the employer (which so reads the
    # registrations, the slots, the attendance lists and the outcomes as an organizer)
    # and the employer invited: the person registered (through the API) and booked on a
    # slot with the employer's company, the employer's own contact registered, the
    # introduction and the immersion traced back to the dating (its « Suites »).
    dating = events.event_create(
        user=team.colleague,
        organization=team.organization,
        kind="job_dating",
        title="Job dating des tests",
        starts_at=published.created_at + timedelta(days=3),
        ends_at=published.created_at + timedelta(days=3, hours=3),
        address="Mairie",
        co_organizers=[employer],
    )
    events.outcome_link(event=dating, user=team.colleague, introduction=introduction)
    events.outcome_link(event=dating, user=team.colleague, immersion=immersion)
    events.invitation_create(event=dating, user=team.colleague, organization=employer)
    response = client.post(
        f"/api/v1/events/{dating.pk}/registrations",
        # The colleague is a member of two structures now: the API asks which one.
        {"person_id": person.pk, "organization_id": team.organization.pk},
        headers=bearer(team.colleague),
        content_type="application/json",
    )
    assert response.status_code == 201, response.content
    registration = dating.registrations.get(pk=response.json()["id"])
    slot = events.slot_add(
        event=dating, company=own, starts_at=dating.starts_at, user=team.colleague
    )
    events.slot_book(slot=slot, registration=registration, user=team.colleague)
    contact = Contact.objects.create(organization=employer, company=own, name="Claire Contact")
    events.register_contact(event=dating, contact=contact, user=manager, organization=employer)
    return {
        "event_pk": dating.pk,
        "event_id": dating.pk,
        "session_pk": dating.occurrences.first().pk,
        "session_id": dating.occurrences.first().pk,
        "slot_pk": slot.pk,
        "slot_id": slot.pk,
        "event_registration_pk": registration.pk,
        "registration_id": registration.pk,
        "partnership_pk": partnership.pk,
        "partnership_id": partnership.pk,
        "follow_up_token": employer_link.token_for(side),
        "offer_pk": own_offer.pk,
        "offer_id": own_offer.pk,
        "introduction_pk": introduction.pk,
        "introduction_id": introduction.pk,
        "immersion_pk": immersion.pk,
        "immersion_id": immersion.pk,
        "company_pk": own.pk,
        "company_id": own.pk,
        "pk": employer.pk,
        "organization_id": employer.pk,
        "token": introduction_link.token_for(introduction),
    }


# The platform's referential of barriers lists every item to every professional: not
# about anyone, so the item labels (but nothing else) may show there.
REFERENTIAL_ROUTES = {"barrier_themes", "barrier_item_options"}


# Every page carries random tokens (the CSRF token, twice in the header, signed links): a
# 64-letter token holds « RQTH » about once in 100,000 pages, and the walk reads thousands.
# No marker is a run of 32 letters and digits, so these runs are taken out first.
TOKENS = re.compile(r"[A-Za-z0-9_-]{32,}")


def _leaks(body: str, markers: list[str], labels: list[str], name: str) -> list[str]:
    if name not in REFERENTIAL_ROUTES:
        markers = markers + labels
    body = TOKENS.sub("", body)
    return [m for m in markers + HEALTH_WORDS if m in body]


@pytest.mark.parametrize("kind", [OrganizationKind.COMPANY, OrganizationKind.EMPLOYER_GROUP])
def test_an_employer_reads_nothing_private_on_any_page_or_route(
    client, bearer, team, followed, secrets_of_the_team, kind
):
    team_markers, team_arguments = secrets_of_the_team
    employer = OrganizationFactory(name="Employeur des Tests", kind=kind)
    manager = MembershipFactory(organization=employer).user
    own = company("Employeur des Tests", organization=employer)
    MembershipFactory(organization=employer, role=Role.ADMIN)  # not the walker
    markers = team_markers + _person_secrets(team, followed)
    own_arguments = _share_everything(client, bearer, team, followed, employer, manager, own)
    markers.append("Paul Discret")  # the interest that went to the structure
    labels = [b.item.label for b in PersonBarrier.objects.filter(person=followed.person)]
    assert company("Témoin")  # the register is shared: companies are not secrets

    client.force_login(manager)
    headers = bearer(manager)
    walked = 0
    for arguments in (team_arguments, {**team_arguments, **own_arguments}):
        for route, name in site_routes():
            path = _fill(route, arguments)
            for method in (client.get, client.post):
                response = method(path)
                leaked = _leaks(body_of(response), markers, labels, name)
                assert not leaked, f"{method.__name__.upper()} {path} ({name}) montre {leaked}"
                assert response.status_code in (200, 302, 400, 403, 404, 405), (
                    f"{method.__name__.upper()} {path} ({name}) : {response.status_code}"
                )
                walked += 1
        for route, name in api_routes():
            path = "/api/v1" + _fill(route, arguments)
            for method in ("get", "post"):
                response = api_call(client, method, path, name, arguments, headers)
                leaked = _leaks(body_of(response), markers, labels, name)
                assert not leaked, f"{method.upper()} {path} ({name}) montre {leaked}"
                assert response.status_code in (200, 400, 403, 404, 405, 422), (
                    f"{method.upper()} {path} ({name}) : {response.status_code}"
                )
                walked += 1
    assert walked > 200
    assert access_level(manager, followed.person) == Level.NONE
    # The employer did see the introduction, as the employer space shows it.
    space = client.get(reverse("employer_space")).content.decode()
    assert followed.person.display_name_for_employer in space
    # And the immersion it hosts, on its side of the immersions.
    hosted = client.get(reverse("host_immersions")).content.decode()
    assert followed.person.display_name_for_employer in hosted
    # As a co-organizer of the job dating, it reads its « Suites » as its own pages show
    # the person, and opens its side of them only.
    dating = client.get(reverse("event_detail", args=[own_arguments["event_pk"]]))
    suites = dating.content.decode().split("<h2>Suites</h2>")[1]
    assert followed.person.display_name_for_employer in suites
    assert reverse("employer_candidate", args=[own_arguments["introduction_pk"]]) in suites
    assert reverse("host_immersion_detail", args=[own_arguments["immersion_pk"]]) in suites
    assert f"/personnes/{followed.person.pk}/" not in suites
    # Whoever holds an emailed link, signed in or not, reads the employer's view only.
    links = [
        ("introduction_link", reverse("introduction_link", args=[own_arguments["token"]])),
        (
            "employer_follow_up",
            reverse("employer_follow_up", args=[own_arguments["follow_up_token"]]),
        ),
    ]
    for signed_in in (True, False):
        if not signed_in:
            client.logout()
        for name, link in links:
            for method in (client.get, client.post):
                response = method(link)
                assert response.status_code in (200, 400), (name, response.status_code)
                body = response.content.decode()
                assert followed.person.display_name_for_employer in body
                assert not _leaks(body, markers, labels, name), name
    api = client.get(f"/api/v1/follow-up-links/{own_arguments['follow_up_token']}")
    assert api.status_code == 200
    assert api.json()["employee"] == followed.person.display_name_for_employer
    assert not _leaks(api.content.decode(), markers, labels, "follow-up-links")


# --- 3. success stories -----------------------------------------------------------------


def test_an_employer_never_reads_a_story_draft_nor_who_its_person_is(
    client, bearer, team, followed
):
    """A story is told for employers to read, once published: never its draft, its
    consent, its pathway, nor anything that says who the person is."""
    from stories.models import Story
    from tests.stories.helpers import draft, published

    secrets = _person_secrets(team, followed)
    story = published(team, followed)
    hidden = draft(team, followed, hired=False, title="Brouillon encore-prive")
    employer = OrganizationFactory(name="Employeur des Tests", kind=OrganizationKind.COMPANY)
    manager = MembershipFactory(organization=employer).user
    headers = bearer(manager)

    listed = client.get("/api/v1/stories", headers=headers).json()
    assert listed["count"] == 0
    for pk in (story.pk, hidden.pk):
        assert client.get(f"/api/v1/stories/{pk}", headers=headers).status_code == 404
    created = client.post(
        "/api/v1/stories",
        {
            "pathway_id": followed.pathway.pk,
            "first_name": "A",
            "title": "t",
            "text": "x",
            "outcome": "o",
        },
        headers=headers,
        content_type="application/json",
    )
    assert created.status_code == 404
    client.force_login(manager)
    assert client.get(reverse("story_list")).status_code == 403
    for name in ("story_detail", "story_review", "story_pdf"):
        assert client.get(reverse(name, args=[hidden.pk])).status_code == 404
    public = client.get(reverse("public_story_detail", args=[story.slug])).content.decode()
    public_api = client.get("/api/v1/public/stories").content.decode()
    assert "L'histoire de Nadia" in public
    for body in (public, public_api):
        leaked = [m for m in [*secrets, "encore-prive", followed.person.first_name] if m in body]
        assert not leaked and not [w for w in HEALTH_WORDS if w in body]
    assert not [field for field in ("consent", "pathway", "person") if field in public_api]
    assert Story.objects.count() == 2


def test_an_employer_group_reads_a_member_company_candidate_through_the_wall_only(
    client, bearer, team, followed
):
    """The group sees the people introduced to its member companies' offers as every
    employer does: first name and initial, the fit; never the person's barriers, health,
    notes, plan or contact details, on its space, the candidate's page or the API."""
    group_org = OrganizationFactory(name="GE des Murs", kind=OrganizationKind.EMPLOYER_GROUP)
    hr = MembershipFactory(organization=group_org).user
    group = company("GE des Murs", organization=group_org)
    group.is_employer_group = True
    group.save()
    member = company("Maraîcher Membre")
    group_member_add(group=group, member=member, actor=hr)
    markers = _person_secrets(team, followed)
    labels = [b.item.label for b in PersonBarrier.objects.filter(person=followed.person)]
    made = offer(team.organization, team.colleague, employer=member, state=OfferState.PUBLISHED)
    introduction = offers.introduction_create(
        offer=made,
        person=followed.person,
        organization=team.organization,
        user=team.colleague,
        comment="Ponctuelle",
    )
    client.force_login(hr)
    pages = [
        reverse("employer_space"),
        reverse("employer_candidate", args=[introduction.pk]),
        reverse("offer_detail", args=[made.pk]),
    ]
    for path in pages:
        response = client.get(path)
        assert response.status_code == 200, path
        body = response.content.decode()
        assert not _leaks(body, markers, labels, path), path
    assert followed.person.display_name_for_employer in client.get(pages[1]).content.decode()
    response = client.get("/api/v1/employer/candidates", headers=bearer(hr))
    assert response.status_code == 200
    assert response.json()["items"][0]["display_name"] == followed.person.display_name_for_employer
    assert not _leaks(response.content.decode(), markers, labels, "api")
    assert access_level(hr, followed.person) == Level.NONE


def test_a_token_that_happens_to_spell_a_marker_is_not_a_leak_but_the_word_is():
    token = "aB3" + "RQTH" + "x" * 57  # a masked CSRF token is 64 letters and digits
    page = f'<input type="hidden" name="csrfmiddlewaretoken" value="{token}">'
    assert _leaks(page, ["Paul Discret"], [], "person_detail") == []
    assert _leaks(page + "<dd>RQTH</dd>", ["Paul Discret"], [], "person_detail") == ["RQTH"]
    assert _leaks(page + "Paul Discret", ["Paul Discret"], [], "person_detail") == ["Paul Discret"]
