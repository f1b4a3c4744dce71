"""A working group's meetings (events of the agenda), the events and partnerships its
sheets lead to, and its people: from the group's page, the event form and the API. Who
runs the group (its coordinating organization, the people who « animent » it) links and
unlinks meetings and adds and removes people; a member organization's other people read;
a stranger gets 404."""

from datetime import timedelta

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from audit.models import AuditEntry
from cooperation import services
from cooperation.enums import GroupRole, PartnershipKind
from cooperation.models import ActionSheet, GroupMember, WorkingGroup
from events import services as events
from events.models import Event
from organizations.enums import OrganizationKind
from tests.factories.organizations import MembershipFactory, OrganizationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def partner():
    organization = OrganizationFactory(name="Mission locale partenaire")
    user = MembershipFactory(organization=organization).user
    user.first_name, user.last_name = "Paule", "Partenaire"
    user.save()
    return organization, user


@pytest.fixture
def group(team, partner):
    return services.group_create(
        user=team.colleague,
        lead_organization=team.organization,
        name="Alliance du bassin",
        communes=[team.organization.commune],
        organizations=[partner[0]],
    )


def _event(user, organization, title, *, days=7):
    start = timezone.now() + timedelta(days=days)
    return events.event_create(
        user=user,
        organization=organization,
        kind="collective_day",
        title=title,
        starts_at=start,
        ends_at=start + timedelta(hours=3),
        address="Mairie",
    )


def _trail(group, field):
    kind = ContentType.objects.get_for_model(WorkingGroup)
    entries = AuditEntry.objects.filter(content_type=kind, object_id=str(group.pk)).order_by("pk")
    return [e.changes[field] for e in entries if field in e.changes]


def _page(client, group):
    return client.get(reverse("group_detail", args=[group.pk])).content.decode()


# --- meetings --------------------------------------------------------------------------


def test_the_coordinator_picks_one_of_its_events_as_a_meeting_from_the_group_page(
    client, team, group
):
    ours = _event(team.colleague, team.organization, "Atelier du groupe")
    past = _event(team.colleague, team.organization, "Atelier d'hier", days=-3)
    cancelled = _event(team.colleague, team.organization, "Atelier annulé")
    events.event_cancel(event=cancelled, user=team.colleague, reason="Salle indisponible")
    _event(team.stranger, team.other, "Réunion d'ailleurs")
    client.force_login(team.colleague)
    page = _page(client, group)
    assert "Ajouter une réunion" in page and "Atelier du groupe, le" in page
    assert "Atelier annulé" not in page and "Réunion d'ailleurs" not in page
    assert f"{reverse('event_create')}?groupe={group.pk}" in page
    url = reverse("group_meeting_add", args=[group.pk])
    for event in (past, ours):
        assert client.post(url, {"event": event.pk}).status_code == 302
    assert set(group.meetings.all()) == {ours, past}
    assert _trail(group, "meetings")[-1] == [[past.pk], sorted([past.pk, ours.pk])]
    page = _page(client, group)
    page = page[page.index('id="reunions"') :]
    # Upcoming first, past after, each linking to the event's page.
    assert page.index("À venir") < page.index("Atelier du groupe") < page.index("Passées")
    assert page.index("Passées") < page.index("Atelier d&#x27;hier")
    assert reverse("event_detail", args=[ours.pk]) in page
    # Already linked, cancelled, or someone else's: refused on the form, nothing linked.
    for event in (ours, cancelled):
        refused = client.post(url, {"event": event.pk})
        assert refused.status_code == 400
        assert "Choisissez un événement de la liste" in refused.content.decode()
    with pytest.raises(ValidationError):
        services.group_meeting_add(group=group, user=team.colleague, event=cancelled)
    assert group.meetings.count() == 2


def test_unlinking_a_meeting_asks_first_and_the_event_stays(client, team, group):
    event = _event(team.colleague, team.organization, "Atelier du groupe")
    services.group_meeting_add(group=group, user=team.colleague, event=event)
    client.force_login(team.colleague)
    url = reverse("group_meeting_remove", args=[group.pk, event.pk])
    asked = client.post(url)
    assert asked.status_code == 200 and "reste dans l&#x27;agenda" in asked.content.decode()
    assert event in group.meetings.all()
    assert client.post(url, {"confirmation": "oui"}).status_code == 302
    assert not group.meetings.exists() and Event.objects.filter(pk=event.pk).exists()
    assert _trail(group, "meetings")[-1] == [[event.pk], []]
    assert client.post(url, {"confirmation": "oui"}).status_code == 404


def test_other_members_read_the_meetings_and_strangers_get_404(client, team, group, partner):
    event = _event(team.colleague, team.organization, "Atelier du groupe")
    theirs = _event(partner[1], partner[0], "Réunion de la mission locale")
    services.group_meeting_add(group=group, user=team.colleague, event=event)
    client.force_login(partner[1])
    page = _page(client, group)
    assert "Atelier du groupe" in page and "Ajouter une réunion" not in page
    add = reverse("group_meeting_add", args=[group.pk])
    remove = reverse("group_meeting_remove", args=[group.pk, event.pk])
    assert client.post(add, {"event": theirs.pk}).status_code == 403
    assert client.post(remove, {"confirmation": "oui"}).status_code == 403
    client.force_login(team.stranger)
    assert client.post(add, {"event": theirs.pk}).status_code == 404
    assert client.post(remove, {"confirmation": "oui"}).status_code == 404
    assert list(group.meetings.all()) == [event]


def test_a_person_who_runs_the_group_links_her_organizations_event(client, team, group, partner):
    theirs = _event(partner[1], partner[0], "Réunion de la mission locale")
    services.group_member_add(
        group=group, user=team.colleague, person=partner[1], role=GroupRole.ORGANIZER
    )
    client.force_login(partner[1])
    assert "Ajouter une réunion" in _page(client, group)
    response = client.post(reverse("group_meeting_add", args=[group.pk]), {"event": theirs.pk})
    assert response.status_code == 302
    assert list(group.meetings.all()) == [theirs]


def _event_form(title="Atelier du groupe"):
    day = timezone.localdate() + timedelta(days=10)
    return {
        "kind": "collective_day",
        "title": title,
        "day": day.isoformat(),
        "start_time": "09:00",
        "end_time": "12:00",
        "address": "Mairie",
        "for_professionals": "on",
    }


def test_a_new_meeting_from_the_event_form_is_linked_to_the_group(client, team, group, partner):
    client.force_login(team.colleague)
    url = f"{reverse('event_create')}?groupe={group.pk}"
    page = client.get(url).content.decode()
    assert "sera une réunion du groupe de travail « Alliance du bassin »" in page
    response = client.post(url, _event_form())
    event = Event.objects.get(title="Atelier du groupe")
    assert response.status_code == 302 and list(group.meetings.all()) == [event]
    assert _trail(group, "meetings")[-1] == [[], [event.pk]]
    # Who does not run the group, or does not see it, or a bad number: nothing created.
    client.force_login(partner[1])
    assert client.post(url, _event_form("Pas de réunion")).status_code == 403
    client.force_login(team.stranger)
    assert client.post(url, _event_form("Pas de réunion")).status_code == 404
    client.force_login(team.colleague)
    bad = f"{reverse('event_create')}?groupe=abc"
    assert client.post(bad, _event_form("Pas de réunion")).status_code == 404
    assert not Event.objects.filter(title="Pas de réunion").exists()


def test_the_event_and_its_link_are_written_together(client, team, group, monkeypatch):
    def refuse(**kwargs):
        raise ValidationError("Refusé pour l'essai.")

    monkeypatch.setattr(services, "group_meeting_add", refuse)
    client.force_login(team.colleague)
    response = client.post(f"{reverse('event_create')}?groupe={group.pk}", _event_form())
    assert response.status_code == 400 and "Refusé pour l&#x27;essai." in response.content.decode()
    assert not Event.objects.filter(title="Atelier du groupe").exists()


def test_the_api_links_and_unlinks_a_meeting(client, bearer, team, group, partner):
    ours = _event(team.colleague, team.organization, "Atelier du groupe")
    cancelled = _event(team.colleague, team.organization, "Atelier annulé")
    events.event_cancel(event=cancelled, user=team.colleague, reason="Salle indisponible")
    theirs = _event(team.stranger, team.other, "Réunion d'ailleurs")
    url = f"/api/v1/working-groups/{group.pk}/meetings"
    headers = bearer(team.colleague)

    def post(body, who=headers):
        return client.post(url, body, headers=who, content_type="application/json")

    response = post({"event_id": ours.pk})
    assert response.status_code == 200 and response.json()["meeting_ids"] == [ours.pk]
    for body in ({"event_id": ours.pk}, {"event_id": cancelled.pk}, {"event_id": theirs.pk}):
        assert post(body).status_code == 400, body
    assert post({"event_id": 999999}).status_code == 400
    assert post({"event_id": "abc"}).status_code == 422
    assert post({}).status_code == 422
    assert post({"event_id": ours.pk}, bearer(partner[1])).status_code == 403
    assert post({"event_id": theirs.pk}, bearer(team.stranger)).status_code == 404
    delete = f"{url}/{ours.pk}"
    assert client.delete(delete, headers=bearer(team.stranger)).status_code == 404
    assert client.delete(delete, headers=bearer(partner[1])).status_code == 403
    assert client.delete(delete, headers=headers).status_code == 204
    assert client.delete(delete, headers=headers).status_code == 404
    assert not group.meetings.exists()


# --- the events and partnerships of a sheet ---------------------------------------------


def test_the_sheet_form_offers_the_groups_events_and_partnerships(client, team, group, partner):
    ours = _event(team.colleague, team.organization, "Visite du chantier")
    theirs = _event(partner[1], partner[0], "Journée de la mission locale")
    elsewhere = _event(team.stranger, team.other, "Réunion d'ailleurs")
    company = OrganizationFactory(name="Boulangerie du coin", kind=OrganizationKind.COMPANY)
    partnership = services.partnership_create(
        user=partner[1],
        organization=partner[0],
        kind=PartnershipKind.OTHER,
        employer=company,
        structure=partner[0],
        started_on=timezone.localdate(),
    )
    unrelated = services.partnership_create(
        user=team.stranger,
        organization=team.other,
        kind=PartnershipKind.OTHER,
        employer=company,
        structure=team.other,
        started_on=timezone.localdate(),
    )
    client.force_login(team.colleague)
    url = reverse("sheet_create", args=[group.pk])
    form = client.get(url).content.decode()
    assert "Visite du chantier, le" in form and "Journée de la mission locale, le" in form
    assert "Réunion d&#x27;ailleurs" not in form and "Autres suites" in form
    assert "Boulangerie du coin et Mission locale partenaire" in form
    assert "Structure Étrangère" not in form
    data = {
        "title": "Découvrir les métiers",
        "objective": "Des visites",
        "lead_organization": team.organization.pk,
        "events_text": "Une journée en mai, à caler",
    }
    for field, value in (("events", elsewhere.pk), ("partnerships", unrelated.pk)):
        refused = client.post(url, {**data, field: [value]})
        assert refused.status_code == 400 and "dans la liste" in refused.content.decode()
    assert not ActionSheet.objects.exists()
    response = client.post(
        url, {**data, "events": [ours.pk, theirs.pk], "partnerships": [partnership.pk]}
    )
    sheet = ActionSheet.objects.get()
    assert response.status_code == 302
    assert set(sheet.events.all()) == {ours, theirs}
    assert list(sheet.partnerships.all()) == [partnership]
    page = client.get(reverse("sheet_detail", args=[sheet.pk])).content.decode()
    # A link where the reader may open the page, the name alone elsewhere.
    assert reverse("event_detail", args=[ours.pk]) in page
    assert "Journée de la mission locale" in page
    assert reverse("event_detail", args=[theirs.pk]) not in page
    assert "Boulangerie du coin et Mission locale partenaire" in page
    assert reverse("partnership_detail", args=[partnership.pk]) not in page
    assert "Autres suites" in page and "Une journée en mai, à caler" in page
    client.force_login(partner[1])
    page = client.get(reverse("sheet_detail", args=[sheet.pk])).content.decode()
    assert reverse("event_detail", args=[theirs.pk]) in page
    assert reverse("partnership_detail", args=[partnership.pk]) in page


def test_the_api_writes_a_sheet_with_its_events_and_partnerships(client, bearer, team, group):
    ours = _event(team.colleague, team.organization, "Visite du chantier")
    elsewhere = _event(team.stranger, team.other, "Réunion d'ailleurs")
    url = f"/api/v1/working-groups/{group.pk}/action-sheets"
    body = {
        "title": "Découvrir les métiers",
        "objective": "Des visites",
        "lead_organization_id": team.organization.pk,
        "events_text": "Une journée en mai",
    }
    headers = bearer(team.colleague)

    def post(more):
        return client.post(url, {**body, **more}, headers=headers, content_type="application/json")

    for more in ({"event_ids": [elsewhere.pk]}, {"event_ids": [999999]}):
        assert post(more).status_code == 400, more
    assert post({"partnership_ids": [999999]}).status_code == 400
    assert post({"event_ids": ["abc"]}).status_code == 422
    response = post({"event_ids": [ours.pk]})
    assert response.status_code == 201
    assert response.json()["event_ids"] == [ours.pk]
    assert response.json()["events_text"] == "Une journée en mai"


# --- people ----------------------------------------------------------------------------


def test_the_creator_runs_the_group_and_the_coordinator_adds_and_removes_people(
    client, team, group, partner
):
    assert GroupMember.objects.get(group=group).user == team.colleague
    assert GroupMember.objects.get(group=group).role == GroupRole.ORGANIZER
    client.force_login(team.colleague)
    page = _page(client, group)
    assert "anime le groupe" in page and "Ajouter une personne" in page
    assert "Paule Partenaire" in page  # offered in the select
    assert team.stranger.email not in page
    url = reverse("group_member_add", args=[group.pk])
    refused = client.post(url, {"person": team.stranger.pk, "role": "participant"})
    assert refused.status_code == 400
    assert "Choisissez une personne de la liste" in refused.content.decode()
    assert client.post(url, {"person": partner[1].pk, "role": "participant"}).status_code == 302
    member = GroupMember.objects.get(group=group, user=partner[1])
    assert member.role == GroupRole.PARTICIPANT
    assert _trail(group, "members")[-1] == [
        [team.colleague.pk],
        sorted([team.colleague.pk, partner[1].pk]),
    ]
    remove = reverse("group_member_remove", args=[group.pk, member.pk])
    asked = client.post(remove)
    assert asked.status_code == 200 and "Retirer Paule Partenaire" in asked.content.decode()
    assert GroupMember.objects.filter(pk=member.pk).exists()
    assert client.post(remove, {"confirmation": "oui"}).status_code == 302
    assert not GroupMember.objects.filter(pk=member.pk).exists()
    assert _trail(group, "members")[-1][1] == [team.colleague.pk]


def test_the_last_person_who_runs_the_group_stays(client, team, group, partner):
    own = GroupMember.objects.get(group=group, user=team.colleague)
    client.force_login(team.colleague)
    remove = reverse("group_member_remove", args=[group.pk, own.pk])
    response = client.post(remove, {"confirmation": "oui"}, follow=True)
    assert "seule personne à animer le groupe" in response.content.decode()
    assert GroupMember.objects.filter(pk=own.pk).exists()
    services.group_member_add(
        group=group, user=team.colleague, person=partner[1], role=GroupRole.ORGANIZER
    )
    assert client.post(remove, {"confirmation": "oui"}).status_code == 302
    assert list(group.members.all()) == [partner[1]]
    assert _trail(group, "organizers")[-1] == [
        sorted([team.colleague.pk, partner[1].pk]),
        [partner[1].pk],
    ]


def test_a_participant_reads_the_people_and_a_stranger_gets_404(client, team, group, partner):
    member = services.group_member_add(group=group, user=team.colleague, person=partner[1])
    client.force_login(partner[1])
    assert "Ajouter une personne" not in _page(client, group)
    add = reverse("group_member_add", args=[group.pk])
    remove = reverse("group_member_remove", args=[group.pk, member.pk])
    assert client.post(add, {"person": partner[1].pk}).status_code == 403
    assert client.post(remove, {"confirmation": "oui"}).status_code == 403
    client.force_login(team.stranger)
    assert client.post(add, {"person": team.stranger.pk}).status_code == 404
    assert client.post(remove, {"confirmation": "oui"}).status_code == 404
    assert set(group.members.all()) == {team.colleague, partner[1]}


def test_the_api_adds_and_removes_people(client, bearer, team, group, partner):
    url = f"/api/v1/working-groups/{group.pk}/members"
    headers = bearer(team.colleague)

    def post(body, who=headers):
        return client.post(url, body, headers=who, content_type="application/json")

    assert post({"user_id": team.stranger.pk}).status_code == 400
    assert post({"user_id": 999999}).status_code == 400
    assert post({"user_id": partner[1].pk, "role": "chef"}).status_code == 422
    assert post({"user_id": partner[1].pk}, bearer(team.stranger)).status_code == 404
    response = post({"user_id": partner[1].pk, "role": "organizer"})
    assert response.status_code == 200
    roles = {m["user_id"]: m["role"] for m in response.json()["members"]}
    assert roles == {team.colleague.pk: "organizer", partner[1].pk: "organizer"}
    assert post({"user_id": partner[1].pk}).status_code == 400  # already in
    mine = f"{url}/{team.colleague.pk}"
    assert client.delete(mine, headers=bearer(team.stranger)).status_code == 404
    assert client.delete(mine, headers=headers).status_code == 204
    last = f"{url}/{partner[1].pk}"
    refused = client.delete(last, headers=bearer(partner[1]))
    assert refused.status_code == 400 and "seule personne à animer" in refused.json()["detail"]
    assert client.delete(mine, headers=headers).status_code == 404
