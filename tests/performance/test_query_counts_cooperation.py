"""The events' and the cooperation's pages ask the database a fixed number of times
whatever the number of rows they show: each test fills a page with N rows, counts its
queries, then with 3N rows, and expects the same count (see test_query_counts.py). A
change here is a change of the page's cost: say why in the commit."""

from datetime import date, datetime, time, timedelta
from itertools import count

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from companies.models import Contact
from companies.services import group_member_add
from cooperation import services as cooperation
from cooperation.enums import PartnershipKind, SheetState
from events import services as events
from events.enums import EventKind, Presence
from offers.enums import OfferState
from organizations.enums import OrganizationKind
from persons.services import wish_add
from tests.factories.jobs import AppellationFactory, RomeFamilyFactory
from tests.factories.organizations import MembershipFactory, OrganizationFactory
from tests.offers.helpers import company, offer
from tests.performance.test_query_counts import _body, _followed, _measured, _sign_in

pytestmark = pytest.mark.django_db

N = 2
_numbers = count(1)

# Queries per page, measured. Each begins with the session, the user and their
# memberships (see test_query_counts.py).
# The agenda: the month's sessions counted, then their page with their events.
AGENDA = 5
# « Mon territoire » also reads the organization's commune (its department).
AGENDA_TERRITORY = 6
# An event: the event with its organizers (read once for every « who manages it »); the
# registrations and who of them the user follows; the slots with their company, offer
# and candidate; the count of registrations and whether the user is registered; the
# people to register (the form) and the contacts, each checked (here everyone is
# registered, so neither is listed); the booking form's registrations, checked then
# listed; the registered people followed, their introductions and immersions to link;
# the sessions to come and past; the club, the companies and offers of the slot form;
# the partners to invite, the invitations; the outcomes, then who of their people the
# user follows and which of their offers the user manages (two queries whatever their
# number, none without outcomes: each outcome links only to the pages the reader may
# open, and names the person only to who follows them); the documents.
EVENT_PAGE = 28
# A session's list: the event and its organizers, the session, the registrations and
# who of them the user follows, the marks, the visitors.
ATTENDANCE_LIST = 10
# A group: the group, its sheets (read once for the table and the counts by state), its
# communes, priorities, meetings, organizations and participants with their role. For
# who runs the group, two more: the events they may add as meetings and the people they
# may add (each read once for its select and for saying there is none).
GROUP_PAGE = 12
# The board: the group, its sheets with their pilot, priority and number of actions.
SHEET_BOARD = 5
# A partnership: the partnership with its parties, their contacts and the structure's
# commune; the employer's companies (its own, and its members for a group: read once
# for the crossing and the results); the phases; the crossing (offers, wishes, family
# names); the three results; the employer group's record (the needs link); the linked
# sheets; the documents.
PARTNERSHIP_PAGE = 16


def _at(day: date, hour: int) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour)))


# --- events ----------------------------------------------------------------------------

MONTH = date(2027, 3, 1)


def _meetings(team, rows, co_organizer):
    """`rows` information meetings in March 2027, co-organised with another structure."""
    for _ in range(rows):
        number = next(_numbers)
        day = MONTH + timedelta(days=number % 28)
        events.event_create(
            user=team.colleague,
            organization=team.organization,
            co_organizers=[co_organizer],
            kind=EventKind.INFORMATION,
            title=f"Réunion numéro {number}",
            starts_at=_at(day, 9),
            ends_at=_at(day, 11),
            commune=team.organization.commune,
            address="Salle des fêtes",
        )


def test_the_agenda(client, team, django_assert_num_queries):
    co_organizer = OrganizationFactory(name="Mission locale voisine")
    _meetings(team, N, co_organizer)
    _sign_in(client, team.colleague)
    url = f"{reverse('event_list')}?mois={MONTH:%Y-%m}"
    territory = f"{url}&perimetre=territoire"
    assert _body(client, url, django_assert_num_queries, AGENDA).count("Réunion numéro") == N
    body = _body(client, territory, django_assert_num_queries, AGENDA_TERRITORY)
    assert body.count("Réunion numéro") == N
    _meetings(team, 2 * N, co_organizer)
    body = _body(client, url, django_assert_num_queries, AGENDA)
    assert body.count("Réunion numéro") == 3 * N
    body = _body(client, territory, django_assert_num_queries, AGENDA_TERRITORY)
    assert body.count("Réunion numéro") == 3 * N


def _job_dating(team):
    day = MONTH + timedelta(days=9)
    return events.event_create(
        user=team.colleague,
        organization=team.organization,
        kind=EventKind.JOB_DATING,
        title="Job dating du printemps",
        starts_at=_at(day, 14),
        ends_at=_at(day, 17),
        address="Mairie",
        for_people=True,
        for_employers=True,
    )


def _registrants(team, event, rows):
    """For each row: a followed person registered, booked on a slot for a company's
    offer, introduced from it (an outcome of the event) and present at the session; a
    free slot of the company; a contact of the structure registered; a visitor at the
    door."""
    session = event.occurrences.first()
    for _ in range(rows):
        person, _ = _followed(team)
        registration = events.register_person(
            event=event, person=person, user=team.colleague, organization=team.organization
        )
        hosting = company(f"Entreprise {next(_numbers):04d}")
        published = offer(
            team.organization, team.colleague, employer=hosting, state=OfferState.PUBLISHED
        )
        slot, free = (
            events.slot_add(
                event=event,
                company=hosting,
                starts_at=event.starts_at,
                offer=published,
                user=team.colleague,
            )
            for _ in range(2)
        )
        events.slot_book(slot=slot, registration=registration, user=team.colleague)
        events.slot_introduce(slot=slot, user=team.colleague, organization=team.organization)
        events.attendance_mark(
            occurrence=session,
            registration=registration,
            presence=Presence.PRESENT,
            user=team.colleague,
        )
        contact = Contact.objects.create(
            organization=team.organization, company=hosting, name=f"Interlocuteur {person.pk}"
        )
        events.register_contact(
            event=event, contact=contact, user=team.colleague, organization=team.organization
        )
        events.visitor_add(occurrence=session, name=f"Visiteur {person.pk}", user=team.colleague)


def test_an_event_page_with_its_registrations(client, team, django_assert_num_queries):
    dating = _job_dating(team)
    _registrants(team, dating, N)
    _sign_in(client, team.colleague)
    url = reverse("event_detail", args=[dating.pk])
    response = _measured(client, url, django_assert_num_queries, EVENT_PAGE)
    assert len(response.context["registrations"]) == 2 * N
    assert len(response.context["slots"]) == 2 * N
    _registrants(team, dating, 2 * N)
    response = _measured(client, url, django_assert_num_queries, EVENT_PAGE)
    assert len(response.context["registrations"]) == 2 * 3 * N
    assert len(response.context["outcomes"]) == 3 * N
    body = response.content.decode()
    assert body.count("Mise en relation faite") == 3 * N
    assert body.count("Réserver</button>") == 3 * N  # the free slots


def test_a_session_attendance_list(client, team, django_assert_num_queries):
    dating = _job_dating(team)
    session = dating.occurrences.first()
    _registrants(team, dating, N)
    _sign_in(client, team.colleague)
    url = reverse("session_attendance", args=[dating.pk, session.pk])
    response = _measured(client, url, django_assert_num_queries, ATTENDANCE_LIST)
    assert response.context["present"] == 2 * N
    _registrants(team, dating, 2 * N)
    response = _measured(client, url, django_assert_num_queries, ATTENDANCE_LIST)
    assert response.context["present"] == 2 * 3 * N
    assert len(response.context["rows"]) == 2 * 3 * N


# --- cooperation -----------------------------------------------------------------------


def _group(team):
    return cooperation.group_create(
        user=team.colleague,
        lead_organization=team.organization,
        name="Alliance du bassin",
        communes=[team.organization.commune],
        members=[team.colleague],
        priorities=["Des prescriptions qui aboutissent", "Anticiper les fins de parcours"],
    )


def _sheets(team, group, rows):
    """For each row: a partner organization joins the group with a participant and
    leads a sheet (on the group's first priority, with two actions, launched); the
    structure holds a meeting of the group."""
    priority = group.priorities.first()
    for _ in range(rows):
        number = next(_numbers)
        partner = OrganizationFactory(name=f"Partenaire {number:04d}")
        participant = MembershipFactory(organization=partner).user
        cooperation.group_organization_add(group=group, user=team.colleague, organization=partner)
        group.members.add(participant)
        sheet = cooperation.sheet_create(
            group=group,
            user=team.colleague,
            title=f"Fiche numéro {number}",
            objective="Faire découvrir les métiers",
            lead_organization=partner,
            priority=priority,
            due_on=MONTH + timedelta(days=number % 28),
        )
        for owner in (team.organization, partner):
            cooperation.sheet_action_add(
                sheet=sheet, user=team.colleague, title="Inviter", owner_organization=owner
            )
        cooperation.sheet_move(sheet=sheet, user=team.colleague, to_state=SheetState.IN_PROGRESS)
        day = MONTH + timedelta(days=number % 28)
        meeting = events.event_create(
            user=team.colleague,
            organization=team.organization,
            kind=EventKind.INFORMATION,
            title=f"Réunion du groupe {number}",
            starts_at=_at(day, 14),
            ends_at=_at(day, 16),
            address="Mairie",
        )
        cooperation.group_meeting_add(group=group, user=team.colleague, event=meeting)


def test_a_working_group_page(client, team, django_assert_num_queries):
    group = _group(team)
    _sheets(team, group, N)
    _sign_in(client, team.colleague)
    url = reverse("group_detail", args=[group.pk])
    body = _body(client, url, django_assert_num_queries, GROUP_PAGE)
    assert body.count("Fiche numéro") == N
    _sheets(team, group, 2 * N)
    body = _body(client, url, django_assert_num_queries, GROUP_PAGE)
    assert body.count("Fiche numéro") == 3 * N
    # The meetings' links (their « Retirer » buttons name them too).
    assert body.count(">Réunion du groupe") == 3 * N
    assert body.count("Partenaire ") == 2 * 3 * N  # a sheet's pilot and a member


def test_the_action_sheet_board(client, team, django_assert_num_queries):
    group = _group(team)
    _sheets(team, group, N)
    _sign_in(client, team.colleague)
    url = reverse("sheet_board", args=[group.pk])
    body = _body(client, url, django_assert_num_queries, SHEET_BOARD)
    assert body.count("Fiche numéro") >= N
    _sheets(team, group, 2 * N)
    response = _measured(client, url, django_assert_num_queries, SHEET_BOARD)
    columns = {c.state: c.sheets for c in response.context["columns"]}
    assert len(columns[SheetState.IN_PROGRESS]) == 3 * N
    assert {sheet.action_count for sheet in columns[SheetState.IN_PROGRESS]} == {2}


def _employer_group(team):
    ge = OrganizationFactory(name="GE des Tests", kind=OrganizationKind.EMPLOYER_GROUP)
    hr = MembershipFactory(organization=ge).user
    record = company("GE des Tests", organization=ge)
    record.is_employer_group = True
    record.save()
    partnership = cooperation.partnership_create(
        user=team.colleague,
        organization=team.organization,
        kind=PartnershipKind.EMPLOYER_GROUP,
        employer=ge,
        structure=team.organization,
        started_on=timezone.localdate() - timedelta(days=30),
        employer_contact=hr,
        structure_contact=team.colleague,
        notes="Première rencontre",
    )
    return partnership, record, hr


def _partnership_rows(team, partnership, group_record, hr, group, rows):
    """For each row: a member company of the group publishes an offer in a job family a
    followed person wishes; a sheet of a working group is linked; a document is filed."""
    for _ in range(rows):
        number = next(_numbers)
        family = RomeFamilyFactory(code=f"Z{number:04d}", name=f"Famille {number}")
        appellation = AppellationFactory(rome=family)
        member = company(f"Membre {number:04d}")
        group_member_add(group=group_record, member=member, actor=hr)
        offer(
            team.organization,
            team.colleague,
            employer=member,
            appellation=appellation,
            state=OfferState.PUBLISHED,
        )
        person, _ = _followed(team)
        wish_add(
            person=person,
            appellation=appellation,
            actor=team.colleague,
            organization=team.organization,
        )
        cooperation.sheet_create(
            group=group,
            user=team.colleague,
            title=f"Fiche liée {number}",
            objective="Croiser les besoins",
            lead_organization=team.organization,
            partnerships=[partnership],
        )
        cooperation.partnership_document_upload(
            partnership=partnership,
            user=team.colleague,
            organization=team.organization,
            title=f"Analyse {number}",
            file=SimpleUploadedFile("analyse.pdf", b"%PDF-1.4 x", content_type="application/pdf"),
        )


def test_a_partnership_page(client, team, django_assert_num_queries):
    partnership, group_record, hr = _employer_group(team)
    group = _group(team)
    _partnership_rows(team, partnership, group_record, hr, group, N)
    _sign_in(client, team.colleague)
    url = reverse("partnership_detail", args=[partnership.pk])
    response = _measured(client, url, django_assert_num_queries, PARTNERSHIP_PAGE)
    assert len(response.context["crossing"]) == N
    _partnership_rows(team, partnership, group_record, hr, group, 2 * N)
    response = _measured(client, url, django_assert_num_queries, PARTNERSHIP_PAGE)
    assert [row.meets for row in response.context["crossing"]] == [True] * 3 * N
    body = response.content.decode()
    assert body.count("Fiche liée") == 3 * N
    assert body.count("Analyse ") >= 3 * N
