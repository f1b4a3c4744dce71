"""Pages a counsellor can live in: the pathway and plan pages show their forms on demand
(a link to the form's page, loaded in place by htmx), their lists a few items then
« Voir plus », and the essentials on top."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from employment import services as employment
from employment.enums import BreakReason
from pathways.services import pass_set
from plans import services as plans
from plans.enums import ActionKind, NoteVisibility
from tests.employment.helpers import hire

pytestmark = pytest.mark.django_db
HTMX = {"HX-Request": "true"}


def _plan(followed):
    return reverse("person_plan", args=[followed.person.pk])


def _pathways(followed):
    return reverse("person_pathways", args=[followed.person.pk])


def test_the_plan_shows_toggles_not_forms(client, team, followed):
    client.force_login(team.colleague)
    body = client.get(_plan(followed)).content.decode()
    for name, slot in (
        ("objective_create", "formulaire-objectif"),
        ("action_create", "formulaire-action"),
        ("note_create", "formulaire-note"),
        ("document_upload", "formulaire-document"),
    ):
        url = reverse(name, args=[followed.person.pk])
        assert f'href="{url}" hx-get="{url}" hx-target="#{slot}"' in body
        assert f'aria-controls="{slot}" aria-expanded="false"' in body
    assert 'name="title"' not in body and 'type="file"' not in body


def test_a_toggle_loads_the_form_alone_for_htmx_and_a_page_without(client, team, followed):
    client.force_login(team.colleague)
    url = reverse("note_create", args=[followed.person.pk])
    fragment = client.get(url, headers=HTMX).content.decode()
    assert "<html" not in fragment
    assert 'id="note-text"' in fragment and f'action="{url}"' in fragment
    page = client.get(url).content.decode()
    assert "<html" in page and 'id="note-text"' in page
    assert "Retour au plan d&#x27;action" in page


def test_a_rejected_form_comes_back_open_with_what_was_typed(client, team, followed):
    client.force_login(team.colleague)
    response = client.post(
        reverse("action_create", args=[followed.person.pk]),
        {"title": "Appeler la mission locale", "kind": "other", "owner": "u999999"},
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert 'aria-controls="formulaire-action" aria-expanded="true"' in body
    assert 'value="Appeler la mission locale"' in body
    assert "Choisissez un·e responsable dans la liste." in body


def test_the_pathway_page_opens_its_forms_on_demand(client, team, followed):
    client.force_login(team.colleague)
    body = client.get(_pathways(followed)).content.decode()
    pk = followed.pathway.pk
    for name in ("transition", "referent", "pass", "team-member"):
        assert f'aria-controls="parcours-{pk}-{name}" aria-expanded="false"' in body
    assert 'aria-controls="formulaire-eligibilite" aria-expanded="false"' in body
    assert 'name="level1"' not in body and f'name="p{pk}-transition-to_state"' not in body
    url = reverse("pathway_transition", args=[followed.person.pk, pk])
    fragment = client.get(url, headers=HTMX).content.decode()
    assert f'name="p{pk}-transition-to_state"' in fragment and "<html" not in fragment
    eligibility = client.get(reverse("eligibility_diagnose", args=[followed.person.pk]))
    assert 'name="level1"' in eligibility.content.decode()


def test_the_team_form_chooses_the_organization_then_its_members(client, team, followed):
    client.force_login(team.colleague)
    url = reverse("pathway_team_add", args=[followed.person.pk, followed.pathway.pk])
    step_one = client.get(url, headers=HTMX).content.decode()
    assert 'name="organisation"' in step_one and f'hx-get="{url}"' in step_one
    step_two = client.get(url, {"organisation": team.organization.pk}, headers=HTMX)
    assert f'name="p{followed.pathway.pk}-team_member-user"' in step_two.content.decode()


def test_a_rejected_pathway_form_comes_back_open(client, team, followed):
    client.force_login(team.colleague)
    response = client.post(
        reverse("pathway_pass", args=[followed.person.pk, followed.pathway.pk]),
        {f"p{followed.pathway.pk}-pass-number": "pas un numéro"},
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert f'aria-controls="parcours-{followed.pathway.pk}-pass" aria-expanded="true"' in body
    assert 'value="pas un numéro"' in body


def test_lists_show_their_first_items_then_more(client, team, followed):
    for i in range(7):
        plans.note_create(
            person=followed.person,
            text=f"Note numéro {i}",
            visibility=NoteVisibility.TEAM,
            author=team.colleague,
            organization=team.organization,
        )
    client.force_login(team.colleague)
    body = client.get(_plan(followed)).content.decode()
    assert body.count("Note numéro") == 5
    assert 'hx-get="?p_notes=2" hx-target="#liste-notes" hx-swap="beforeend"' in body
    assert "(5 sur 7)" in body
    more = client.get(_plan(followed), {"p_notes": 2}).content.decode()
    assert more.count("Note numéro") == 2
    assert 'hx-get="?p_notes=3"' not in more and 'id="plus-liste-notes"' in more


def test_the_essentials_sit_on_top(client, team, followed):
    pass_set(
        pathway=followed.pathway,
        number="999992512345",
        start=date(2026, 1, 5),
        actor=team.colleague,
    )
    at = timezone.now() + timedelta(days=2)
    plans.appointment_create(
        person=followed.person,
        at=at,
        subject="Point d'étape",
        organization=team.organization,
        with_user=team.colleague,
        actor=team.colleague,
    )
    contract = hire(team, followed)
    employment.contract_break(
        contract=contract, reason=BreakReason.TRIAL_END, on=date(2026, 2, 1), user=team.colleague
    )
    client.force_login(team.colleague)
    for url in (_pathways(followed), _plan(followed)):
        body = client.get(url).content.decode()
        essentials = body.split('id="essentiel"')[1].split("</div>")[0]
        assert "L'essentiel" in essentials
        assert "jusqu'au 04/01/2028" in essentials  # two years minus a day
        assert "Point d&#x27;étape" in essentials
        assert "1 alerte ouverte" in essentials and "Rupture de contrat" in essentials
        assert str(team.colleague.get_full_name()) in essentials


def test_the_prescriber_sees_milestones_only_in_the_essentials(client, team, followed):
    plans.action_create(
        actor=team.colleague,
        person=followed.person,
        kind=ActionKind.OTHER,
        title="x",
        owner=team.colleague,
        organization=team.organization,
    )
    client.force_login(followed.prescriber_user)
    body = client.get(_pathways(followed)).content.decode()
    essentials = body.split('id="essentiel"')[1].split("</div>")[0]
    assert "Parcours IAE" in essentials
    assert "Référent" not in essentials and "rendez-vous" not in essentials
