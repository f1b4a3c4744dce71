"""Pathways as the field lives them: the Sas IAE hands over to an IAE pathway, a kind is
corrected with a reason, a second pathway follows a closed one, the PASS is checked."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.urls import reverse

from audit.models import AuditEntry
from organizations.enums import OrganizationKind
from pathways import sas_iae, services
from pathways.enums import EntryChannel, ExitCategory, ExitReason, PathwayKind, PathwayState
from pathways.models import PassChange, Pathway
from tests.factories.organizations import MembershipFactory, OrganizationFactory
from timeline.models import Audience, TimelineEvent

pytestmark = pytest.mark.django_db


def _sas(team, followed, started_on=None):
    services.pathway_exit(
        pathway=followed.pathway,
        exit_reason=ExitReason.NO_NEWS,
        user=team.colleague,
    )
    return services.pathway_open(
        person=followed.person,
        organization=team.organization,
        kind=PathwayKind.SAS_IAE,
        referent=team.colleague,
        user=team.colleague,
        entry_channel=EntryChannel.WALK_IN,
        started_on=started_on or date.today() - timedelta(days=40),
    )


def test_a_second_pathway_opens_after_a_closed_one_but_not_beside_an_open_one(team, followed):
    with pytest.raises(ValidationError, match="déjà un parcours en cours"):
        services.pathway_open(
            person=followed.person,
            organization=team.organization,
            kind=PathwayKind.SUPPORT,
            referent=team.colleague,
            user=team.colleague,
            entry_channel=EntryChannel.WALK_IN,
        )
    second = _sas(team, followed)
    assert Pathway.objects.filter(person=followed.person).count() == 2
    assert second.state == PathwayState.INTAKE


def test_a_sas_hands_over_to_an_iae_pathway_in_the_same_structure(team, followed):
    sas = _sas(team, followed)
    iae = services.sas_handover(
        pathway=sas, to_organization=team.organization, actor=team.colleague, comment="Prêt"
    )
    sas.refresh_from_db()
    assert sas.state == PathwayState.CLOSED
    assert (sas.exit_reason, sas.exit_category) == (ExitReason.IAE_ENTRY, ExitCategory.POSITIVE)
    assert (iae.kind, iae.previous, iae.referent) == (PathwayKind.IAE, sas, team.colleague)
    assert list(sas.next_pathways.all()) == [iae]
    titles = list(
        TimelineEvent.objects.filter(person=followed.person).values_list("title", flat=True)
    )
    assert any("Entrée en parcours IAE" in title for title in titles)
    assert any(title.startswith("Relais du Sas IAE") for title in titles)
    # The history of both stays: the Sas keeps its own log of steps.
    assert [t.to_state for t in sas.transitions.order_by("at", "id")] == ["intake", "closed"]


def test_a_sas_hands_over_to_another_structure_which_then_holds_the_person(team, followed):
    sas = _sas(team, followed)
    hub_user = MembershipFactory(
        organization=OrganizationFactory(kind=OrganizationKind.EI, name="EI du Causse")
    ).user
    ei = hub_user.memberships.get().organization
    iae = services.sas_handover(pathway=sas, to_organization=ei, actor=team.colleague)
    assert iae.organization == ei and iae.referent is None
    assert iae.entry_channel == EntryChannel.REFERRAL
    assert Pathway.objects.visible_to(hub_user).filter(pk__in=[iae.pk, sas.pk]).count() == 2


def test_only_an_open_sas_hands_over_and_only_its_holder_may(team, followed):
    with pytest.raises(ValidationError, match="Seul un Sas IAE"):
        services.sas_handover(
            pathway=followed.pathway, to_organization=team.organization, actor=team.colleague
        )
    sas = _sas(team, followed)
    with pytest.raises(PermissionDenied):
        services.sas_handover(pathway=sas, to_organization=team.other, actor=team.stranger)
    services.sas_handover(pathway=sas, to_organization=team.organization, actor=team.colleague)
    with pytest.raises(ValidationError, match="déjà clos"):
        services.sas_handover(pathway=sas, to_organization=team.organization, actor=team.colleague)


def test_a_sas_has_no_pass_and_a_limited_duration(team, followed):
    sas = _sas(team, followed)
    with pytest.raises(ValidationError, match="pas de PASS IAE"):
        services.pass_set(
            pathway=sas, number="999992500001", start=date.today(), actor=team.colleague
        )
    assert sas.sas_latest_end == sas_iae.add_months(sas.started_on, 6) - timedelta(days=1)
    assert not sas.sas_overdue
    sas.started_on = date.today() - timedelta(days=200)
    assert sas.sas_overdue
    services.pathway_exit(pathway=sas, exit_reason="no_news", user=team.colleague)
    with pytest.raises(ValidationError, match="au plus 6 mois"):
        services.pathway_open(
            person=followed.person,
            organization=team.organization,
            kind=PathwayKind.SAS_IAE,
            referent=team.colleague,
            user=team.colleague,
            entry_channel=EntryChannel.WALK_IN,
            started_on=date.today() - timedelta(days=200),
        )


@pytest.mark.parametrize(
    "day, months, expected",
    [
        (date(2025, 8, 31), 6, date(2026, 2, 28)),
        (date(2023, 8, 31), 6, date(2024, 2, 29)),
        (date(2025, 1, 15), 6, date(2025, 7, 15)),
        (date(2025, 10, 31), 6, date(2026, 4, 30)),
    ],
)
def test_months_are_added_on_the_calendar(day, months, expected):
    assert sas_iae.add_months(day, months) == expected


def test_a_kind_is_corrected_with_a_reason_kept_in_the_trail(team, followed):
    with pytest.raises(ValidationError, match="pourquoi"):
        services.pathway_kind_correct(
            pathway=followed.pathway, kind="support", reason="  ", actor=team.colleague
        )
    services.pathway_kind_correct(
        pathway=followed.pathway,
        kind=PathwayKind.SAS_IAE,
        reason="Pas encore prêt pour l'IAE",
        actor=team.colleague,
    )
    followed.pathway.refresh_from_db()
    assert followed.pathway.kind == PathwayKind.SAS_IAE
    event = TimelineEvent.objects.get(title__startswith="Type de parcours corrigé")
    assert event.detail == "Pas encore prêt pour l'IAE" and event.audience == Audience.MILESTONE
    entry = AuditEntry.objects.filter(object_id=str(followed.pathway.pk)).latest("id")
    assert entry.changes["kind"] == ["iae", "sas_iae"]


def test_a_pathway_with_a_pass_keeps_its_kind(team, followed):
    services.pass_set(
        pathway=followed.pathway, number="999992500001", start=date.today(), actor=team.colleague
    )
    with pytest.raises(ValidationError, match="porte un PASS IAE"):
        services.pathway_kind_correct(
            pathway=followed.pathway, kind="support", reason="erreur", actor=team.colleague
        )


# --- pages ------------------------------------------------------------------------------


def _url(name, followed, pathway):
    return reverse(name, kwargs={"person_pk": followed.person.pk, "pathway_pk": pathway.pk})


def test_the_pages_correct_a_kind_and_hand_a_sas_over(client, team, followed):
    client.force_login(team.colleague)
    url = _url("pathway_kind_correct", followed, followed.pathway)
    assert client.get(url).status_code == 200
    refused = client.post(url, {"kind": "sas_iae", "reason": ""})
    assert refused.status_code == 400
    assert "Indiquez pourquoi" in refused.content.decode()
    assert client.post(url, {"kind": "sas_iae", "reason": "Ouvert par erreur"}).status_code == 302
    page = client.get(reverse("person_pathways", kwargs={"person_pk": followed.person.pk}))
    assert "Passer le relais à un parcours IAE" in page.content.decode()
    assert "Fin du Sas IAE au plus tard" in page.content.decode()
    url = _url("pathway_sas_handover", followed, followed.pathway)
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {"organization": team.organization.pk, "started_on": date.today().isoformat()},
    )
    assert response.status_code == 302
    following = Pathway.objects.get(previous=followed.pathway)
    page = client.get(reverse("person_pathways", kwargs={"person_pk": followed.person.pk}))
    assert f'href="#parcours-{followed.pathway.pk}"' in page.content.decode()
    assert following.kind == PathwayKind.IAE


def test_a_stranger_cannot_reach_the_correction_pages(client, team, followed):
    client.force_login(team.stranger)
    for name in ("pathway_kind_correct", "pathway_sas_handover"):
        assert client.get(_url(name, followed, followed.pathway)).status_code == 404


def test_a_wrong_pass_number_is_a_french_form_error_keeping_what_was_typed(client, team, followed):
    client.force_login(team.colleague)
    p = f"p{followed.pathway.pk}-pass-"
    response = client.post(
        _url("pathway_pass", followed, followed.pathway),
        {p + "number": "PASS-0042", p + "start": "2024-02-29"},
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert "compte 12 chiffres" in body and 'value="PASS-0042"' in body
    followed.pathway.refresh_from_db()
    assert followed.pathway.pass_number == ""
    response = client.post(
        _url("pathway_pass", followed, followed.pathway),
        {p + "number": "99999 24 12345", p + "start": "2024-02-29"},
    )
    assert response.status_code == 302
    followed.pathway.refresh_from_db()
    assert followed.pathway.pass_number == "999992412345"
    assert followed.pathway.pass_end == date(2026, 2, 28)


# --- API --------------------------------------------------------------------------------


def test_the_api_checks_the_pass_number_in_french(client, team, followed, bearer):
    response = client.post(
        f"/api/v1/pathways/{followed.pathway.pk}/pass",
        {"number": "12", "start": "2024-02-29"},
        content_type="application/json",
        headers=bearer(team.colleague),
    )
    assert response.status_code == 400
    assert "12 chiffres" in response.json()["detail"]


def test_the_api_corrects_a_kind_and_hands_a_sas_over(client, team, followed, bearer):
    headers = bearer(team.colleague)
    base = f"/api/v1/pathways/{followed.pathway.pk}"
    response = client.post(
        base + "/kind",
        {"kind": "sas_iae", "reason": "Pré-parcours d'abord"},
        content_type="application/json",
        headers=headers,
    )
    assert response.status_code == 200 and response.json()["sas_latest_end"]
    response = client.post(
        base + "/sas-handover",
        {"organization_id": team.organization.pk},
        content_type="application/json",
        headers=headers,
    )
    assert response.status_code == 201
    assert response.json()["previous_id"] == followed.pathway.pk
    assert response.json()["kind"] == "iae"
    response = client.post(
        base + "/sas-handover",
        {"organization_id": team.organization.pk},
        content_type="application/json",
        headers=headers,
    )
    assert response.status_code == 400


# --- the data step ----------------------------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_the_migration_puts_the_passes_already_written_on_the_calendar(team, followed):
    pathway = followed.pathway
    Pathway.objects.filter(pk=pathway.pk).update(
        pass_number="99999 24 12345",
        pass_start=date(2024, 2, 29),
        pass_end=date(2024, 2, 29) + timedelta(days=729),
    )
    PassChange.objects.create(
        pathway=pathway,
        kind="suspension",
        start=date(2025, 1, 1),
        end=date(2025, 1, 10),
        reason="Maladie",
    )
    executor = MigrationExecutor(connection)
    executor.migrate([("pathways", "0008_worklist_by_ids")])
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())
    pathway.refresh_from_db()
    assert pathway.pass_number == "999992412345"
    assert pathway.pass_end == date(2026, 2, 28) + timedelta(days=10)


def test_a_sas_that_has_exited_and_waits_for_its_check_hands_over_nothing(team, followed):
    from employment.services import pathway_close

    sas = _sas(team, followed)
    pathway_close(pathway=sas, user=team.colleague, exit_reason="no_news")
    sas.refresh_from_db()
    assert sas.state == PathwayState.POST_EXIT
    pathways_before = sas.person.pathways.count()
    with pytest.raises(ValidationError, match="déjà clos"):
        services.sas_handover(pathway=sas, to_organization=team.organization, actor=team.colleague)
    assert sas.person.pathways.count() == pathways_before
