"""Working groups, action sheets and partnerships: the services, the pages and the API,
with the team (a structure), its colleague and a stranger."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from cooperation import selectors, services
from cooperation.enums import ActionStatus, PartnershipKind, Phase, SheetState
from cooperation.models import SheetTransition
from events import services as events
from lib.lifecycle import TransitionRefused
from organizations.enums import OrganizationKind
from tests.factories.organizations import MembershipFactory, OrganizationFactory

pytestmark = pytest.mark.django_db


def _group(team):
    return services.group_create(
        user=team.colleague,
        lead_organization=team.organization,
        name="Alliance du bassin",
        communes=[team.organization.commune],
        priorities=["Des prescriptions qui aboutissent", "Anticiper les fins de parcours"],
    )


def _sheet(team, group):
    return services.sheet_create(
        group=group,
        user=team.colleague,
        title="Visites de chantier",
        objective="Faire découvrir les chantiers",
        lead_organization=team.organization,
        events_text="Visite de chantier en mars",
    )


def _ge():
    ge = OrganizationFactory(name="GE des Tests", kind=OrganizationKind.EMPLOYER_GROUP)
    return ge, MembershipFactory(organization=ge).user


def _partnership(team, ge, kind=PartnershipKind.EMPLOYER_GROUP):
    return services.partnership_create(
        user=team.colleague,
        organization=team.organization,
        kind=kind,
        employer=ge,
        structure=team.organization,
        started_on=timezone.localdate() - timedelta(days=30),
        notes="Première rencontre",
    )


def test_it_moves_a_sheet_to_done_once_its_actions_are_done_and_logs_each_move(team):
    group = _group(team)
    sheet = _sheet(team, group)
    action = services.sheet_action_add(
        sheet=sheet, user=team.colleague, title="Inviter", owner_organization=team.organization
    )
    services.sheet_move(sheet=sheet, user=team.colleague, to_state=SheetState.IN_PROGRESS)
    with pytest.raises(TransitionRefused, match="ne sont pas faites"):
        services.sheet_move(sheet=sheet, user=team.colleague, to_state=SheetState.DONE)
    services.sheet_action_set_status(action=action, user=team.colleague, status=ActionStatus.DONE)
    services.sheet_move(sheet=sheet, user=team.colleague, to_state=SheetState.DONE, comment="ok")
    moves = list(SheetTransition.objects.filter(sheet=sheet).values_list("from_state", "to_state"))
    assert moves == [("", "to_launch"), ("to_launch", "in_progress"), ("in_progress", "done")]
    with pytest.raises(TransitionRefused):
        services.sheet_move(sheet=sheet, user=team.colleague, to_state=SheetState.TO_LAUNCH)


def test_a_stranger_cannot_write_in_a_group(team):
    group = _group(team)
    with pytest.raises(PermissionDenied):
        _sheet(type(team)(colleague=team.stranger, organization=team.organization), group)
    with pytest.raises(PermissionDenied):
        services.group_create(
            user=team.stranger,
            lead_organization=team.organization,
            name="x",
            communes=[team.organization.commune],
        )


def test_an_employer_may_not_start_a_group(team):
    ge, hr = _ge()
    with pytest.raises(PermissionDenied):
        services.group_create(user=hr, lead_organization=ge, name="x", communes=[ge.commune])


def test_a_partnership_advances_phase_by_phase_and_the_other_kind_skips_to_operational(team):
    ge, hr = _ge()
    partnership = _partnership(team, ge)
    with pytest.raises(TransitionRefused, match="dans l'ordre"):
        services.partnership_advance(
            partnership=partnership, user=hr, to_phase=Phase.ANALYSIS_VALIDATED
        )
    yesterday = timezone.localdate() - timedelta(days=1)
    services.partnership_advance(
        partnership=partnership,
        user=hr,
        to_phase=Phase.COLLABORATIONS,
        on=yesterday,
        notes="Aucune collaboration en cours",
    )
    last = partnership.transitions.last()
    assert (last.to_state, timezone.localtime(last.at).date(), last.by) == (
        Phase.COLLABORATIONS,
        yesterday,
        hr,
    )
    company = OrganizationFactory(kind=OrganizationKind.COMPANY)
    other = _partnership(team, company, kind=PartnershipKind.OTHER)
    services.partnership_advance(partnership=other, user=team.colleague, to_phase=Phase.OPERATIONAL)
    assert other.phase == Phase.OPERATIONAL
    with pytest.raises(PermissionDenied):
        services.partnership_advance(
            partnership=partnership, user=team.stranger, to_phase=Phase.TENSIONS
        )


def test_documents_are_versioned_by_title(team):
    ge, hr = _ge()
    partnership = _partnership(team, ge)
    for user, organization in ((team.colleague, team.organization), (hr, ge)):
        document = services.partnership_document_upload(
            partnership=partnership,
            user=user,
            organization=organization,
            title="Document d'analyse",
            file=SimpleUploadedFile("a.pdf", b"%PDF-1.4 x", content_type="application/pdf"),
        )
    assert document.version == 2
    assert partnership.documents.count() == 2


def test_the_board_moves_a_card_in_place_with_htmx_and_without_javascript(client, team):
    group = _group(team)
    sheet = _sheet(team, group)
    client.force_login(team.colleague)
    url = reverse("sheet_move", args=[sheet.pk])
    response = client.post(url, {"to_state": "in_progress", "depuis": "tableau"})
    assert response.status_code == 302
    assert response["Location"] == reverse("sheet_board", args=[group.pk])
    response = client.post(
        url, {"to_state": "done", "depuis": "tableau"}, headers={"HX-Request": "true"}
    )
    assert response.status_code == 200
    assert 'id="tableau-fiches"' in response.content.decode()
    sheet.refresh_from_db()
    assert sheet.state == SheetState.DONE
    board = client.get(reverse("sheet_board", args=[group.pk])).content.decode()
    assert "Visites de chantier" in board and "Rouvrir" in board
    again = client.post(
        url, {"to_state": "done", "depuis": "tableau"}, headers={"HX-Request": "true"}
    )
    assert again.status_code == 200  # htmx swaps a 200 only: the refusal is on the board
    assert 'role="alert"' in again.content.decode()
    refused = client.post(url, {"to_state": "abandoned"})
    assert refused.status_code == 400
    assert "ne peut pas passer" in refused.content.decode()


def test_the_partnership_page_advances_a_phase_and_the_employer_reads_it(client, team):
    ge, hr = _ge()
    partnership = _partnership(team, ge)
    client.force_login(team.colleague)
    url = reverse("partnership_advance", args=[partnership.pk])
    response = client.post(url, {"to_phase": "collaborations", "notes": "Deux SIAE connues"})
    assert response.status_code == 302
    client.force_login(hr)
    page = client.get(reverse("partnership_detail", args=[partnership.pk])).content.decode()
    assert "Phase 2 sur 6" in page and "Deux SIAE connues" in page
    # Ending asks first.
    asked = client.post(url, {"to_phase": "ended"})
    assert asked.status_code == 200 and "Mettre fin" in asked.content.decode()
    partnership.refresh_from_db()
    assert partnership.phase == Phase.COLLABORATIONS
    client.force_login(team.stranger)
    assert client.get(reverse("partnership_detail", args=[partnership.pk])).status_code == 404


def test_the_crossing_counts_offers_and_wishes_without_naming_anyone(team):
    ge, _ = _ge()
    partnership = _partnership(team, ge)
    assert selectors.crossing(partnership) == []
    results = selectors.results(partnership)
    assert (results.introductions, results.immersions, results.hires) == (0, 0, 0)


def test_the_api_moves_a_sheet_and_advances_a_partnership(client, bearer, team):
    group = _group(team)
    sheet = _sheet(team, group)
    ge, hr = _ge()
    partnership = _partnership(team, ge)
    headers = bearer(team.colleague)
    listed = client.get("/api/v1/working-groups", headers=headers).json()
    assert listed["count"] == 1 and listed["items"][0]["priorities"][0].startswith("Des")
    moved = client.post(
        f"/api/v1/action-sheets/{sheet.pk}/moves",
        {"to_state": "in_progress"},
        headers=headers,
        content_type="application/json",
    )
    assert moved.status_code == 200 and moved.json()["state"] == "in_progress"
    refused = client.post(
        f"/api/v1/action-sheets/{sheet.pk}/moves",
        {"to_state": "to_launch"},
        headers=headers,
        content_type="application/json",
    )
    assert refused.status_code == 400
    advanced = client.post(
        f"/api/v1/partnerships/{partnership.pk}/phases",
        {"to_phase": "collaborations", "notes": "ok"},
        headers=bearer(hr),
        content_type="application/json",
    )
    assert advanced.status_code == 200, advanced.content
    body = advanced.json()
    assert body["phase"] == "collaborations" and body["next_phases"] == ["tensions", "ended"]
    assert set(body["results"]) == {"introductions", "immersions", "hires"}
    stranger = bearer(team.stranger)
    assert client.get(f"/api/v1/working-groups/{group.pk}", headers=stranger).status_code == 404
    assert client.get(f"/api/v1/partnerships/{partnership.pk}", headers=stranger).status_code == 404


def test_a_group_meeting_is_an_event_organised_by_one_of_its_organizations(client, bearer, team):
    group = _group(team)
    start = timezone.now() + timedelta(days=7)
    ours = events.event_create(
        user=team.colleague,
        organization=team.organization,
        kind="collective_day",
        title="Atelier du groupe",
        starts_at=start,
        ends_at=start + timedelta(hours=3),
        address="Mairie",
    )
    theirs = events.event_create(
        user=team.stranger,
        organization=team.other,
        kind="information",
        title="Réunion d'ailleurs",
        starts_at=start,
        ends_at=start + timedelta(hours=1),
        address="Ailleurs",
    )
    with pytest.raises(ValidationError):
        services.group_meeting_add(group=group, user=team.colleague, event=theirs)
    services.group_meeting_add(group=group, user=team.colleague, event=ours)
    client.force_login(team.colleague)
    page = client.get(reverse("group_detail", args=[group.pk])).content.decode()
    assert "Atelier du groupe" in page and "Réunion d'ailleurs" not in page
    api = client.get(f"/api/v1/working-groups/{group.pk}", headers=bearer(team.colleague))
    assert api.json()["meeting_ids"] == [ours.pk]


def test_the_selects_of_the_cooperation_forms_say_what_to_choose(client, team):
    group = _group(team)
    sheet = _sheet(team, group)
    client.force_login(team.colleague)
    for url in (
        reverse("group_create"),
        reverse("sheet_create", args=[group.pk]),
        reverse("sheet_detail", args=[sheet.pk]),
        reverse("partnership_create"),
    ):
        response = client.get(url)
        assert response.status_code == 200
        page = response.content.decode()
        assert "---------" not in page, url
    assert "Choisissez une organisation" in page


def test_a_phase_cannot_be_dated_before_the_phase_it_follows(client, team):
    ge, hr = _ge()
    partnership = _partnership(team, ge)
    services.partnership_advance(
        partnership=partnership,
        user=hr,
        to_phase=Phase.COLLABORATIONS,
        on=timezone.localdate() - timedelta(days=5),
    )
    client.force_login(hr)
    response = client.post(
        reverse("partnership_advance", args=[partnership.pk]),
        {
            "to_phase": Phase.TENSIONS,
            "on": (timezone.localdate() - timedelta(days=10)).isoformat(),
            "notes": "Des postes en 2x8",
        },
    )
    partnership.refresh_from_db()
    assert partnership.phase == Phase.COLLABORATIONS
    page = response.content.decode()
    assert "précède celle de la phase précédente" in page
    assert "Des postes en 2x8" in page
