from datetime import date, timedelta

import pytest
from django.urls import reverse

from organizations.enums import OrganizationKind
from pathways.enums import ExitCategory, PathwayState
from pathways.models import EligibilityDiagnosis, Pathway, TeamMember
from pathways.services import pathway_transition
from persons.services import person_create
from tests.factories.organizations import MembershipFactory, OrganizationFactory
from timeline.models import Audience, TimelineEvent

pytestmark = pytest.mark.django_db


def _url(name, followed, **more):
    return reverse(name, kwargs={"person_pk": followed.person.pk, **more})


def _pathway_url(name, followed, **more):
    return _url(name, followed, pathway_pk=followed.pathway.pk, **more)


def test_it_shows_the_pathway_and_its_actions_to_a_colleague(client, team, followed):
    client.force_login(team.colleague)
    response = client.get(_url("person_pathways", followed))
    assert response.status_code == 200
    body = response.content.decode()
    assert "Parcours IAE (PASS IAE)" in body
    assert "France Travail Test" in body
    assert "Changer d&#x27;étape" in body  # its toggle: the form opens on demand
    assert f'href="{_pathway_url("pathway_transition", followed)}"' in body
    assert "Journal des étapes" in body
    assert "Diagnostics d'éligibilité" in body


def test_it_shows_only_milestones_to_the_prescriber(client, team, followed):
    pathway_transition(
        pathway=followed.pathway,
        to_state=PathwayState.DIAGNOSIS,
        user=team.colleague,
        comment="entretien privé",
    )
    pathway_transition(pathway=followed.pathway, to_state=PathwayState.ACTIVE, user=team.colleague)
    client.force_login(followed.prescriber_user)
    response = client.get(_url("person_pathways", followed))
    assert response.status_code == 200
    body = response.content.decode()
    assert "Grandes étapes" in body
    assert "Parcours en cours" in body
    assert "entretien privé" not in body
    assert "Diagnostic</td>" not in body
    assert "Changer d'étape" not in body
    assert "Référent·e" not in body
    assert team.colleague.email not in body


def test_a_stranger_gets_a_404(client, team, followed):
    client.force_login(team.stranger)
    assert client.get(_url("person_pathways", followed)).status_code == 404
    assert client.get(_url("pathway_open", followed)).status_code == 404


def test_it_opens_a_pathway_for_a_person_the_structure_just_created(client, team):
    person = person_create(
        organization=team.organization,
        user=team.colleague,
        data={"first_name": "Karim", "last_name": "Benali"},
    )
    prescriber = OrganizationFactory(kind=OrganizationKind.MISSION_LOCALE)
    client.force_login(team.colleague)
    url = reverse("pathway_open", kwargs={"person_pk": person.pk})
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {
            "kind": "iae",
            "referent": team.colleague.pk,
            "entry_channel": "referral",
            "prescriber_organization": prescriber.pk,
            "started_on": "2025-03-01",
        },
    )
    assert response.status_code == 302
    pathway = Pathway.objects.get(person=person)
    assert (pathway.organization, pathway.referent, pathway.prescriber_organization) == (
        team.organization,
        team.colleague,
        prescriber,
    )
    assert pathway.started_on == date(2025, 3, 1)


def test_it_keeps_what_was_typed_when_opening_fails(client, team):
    person = person_create(
        organization=team.organization,
        user=team.colleague,
        data={"first_name": "Karim", "last_name": "Benali"},
    )
    client.force_login(team.colleague)
    url = reverse("pathway_open", kwargs={"person_pk": person.pk})
    response = client.post(
        url, {"kind": "sas_iae", "entry_channel": "walk_in", "started_on": "2025-03-01"}
    )
    assert response.status_code == 400
    assert 'value="sas_iae" selected' in response.content.decode()
    assert not Pathway.objects.filter(person=person).exists()


def test_it_refuses_a_second_open_pathway_in_the_same_structure(client, team, followed):
    client.force_login(team.colleague)
    response = client.post(
        _url("pathway_open", followed),
        {
            "kind": "iae",
            "referent": team.colleague.pk,
            "entry_channel": "walk_in",
            "started_on": "2025-03-01",
        },
    )
    assert response.status_code == 400
    assert "déjà un parcours en cours" in response.content.decode()
    assert Pathway.objects.filter(person=followed.person).count() == 1


def test_the_prescriber_cannot_open_or_move_a_pathway(client, team, followed):
    client.force_login(followed.prescriber_user)
    assert client.get(_url("pathway_open", followed)).status_code == 403
    response = client.post(
        _pathway_url("pathway_transition", followed),
        {f"p{followed.pathway.pk}-transition-to_state": "active"},
    )
    assert response.status_code == 403
    followed.pathway.refresh_from_db()
    assert followed.pathway.state == PathwayState.INTAKE


def test_it_closes_a_pathway_with_an_exit_reason_and_its_category(client, team, followed):
    client.force_login(team.colleague)
    prefix = f"p{followed.pathway.pk}-transition-"
    response = client.post(
        _pathway_url("pathway_transition", followed),
        {
            prefix + "to_state": "closed",
            prefix + "exit_reason": "cdi",
            prefix + "comment": "Embauche en CDI",
        },
    )
    assert response.status_code == 302
    followed.pathway.refresh_from_db()
    # Closed with its exit, then in the follow-up after the exit until its check.
    assert followed.pathway.state == PathwayState.POST_EXIT
    assert followed.pathway.exit_category == ExitCategory.DURABLE
    closing, follow_up = followed.pathway.transitions.order_by("id")[1:]
    assert (closing.from_state, closing.to_state, closing.by, closing.comment) == (
        "intake",
        "closed",
        team.colleague,
        "Embauche en CDI",
    )
    assert (follow_up.from_state, follow_up.to_state) == ("closed", "post_exit")
    event = TimelineEvent.objects.get(person=followed.person, title__contains="Emploi durable")
    assert event.audience == Audience.MILESTONE


def test_closing_without_an_exit_reason_changes_nothing(client, team, followed):
    client.force_login(team.colleague)
    prefix = f"p{followed.pathway.pk}-transition-"
    response = client.post(
        _pathway_url("pathway_transition", followed),
        {prefix + "to_state": "closed", prefix + "comment": "garde ce texte"},
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert "Indiquez le motif de sortie." in body
    assert "garde ce texte" in body
    followed.pathway.refresh_from_db()
    assert followed.pathway.state == PathwayState.INTAKE


def test_it_offers_only_the_next_states(client, team, followed):
    client.force_login(team.colleague)
    prefix = f"p{followed.pathway.pk}-transition-"
    response = client.post(
        _pathway_url("pathway_transition", followed), {prefix + "to_state": "post_exit"}
    )
    assert response.status_code == 400
    followed.pathway.refresh_from_db()
    assert followed.pathway.state == PathwayState.INTAKE


@pytest.mark.parametrize("start", ["0001-01-01", "9999-12-31"])
def test_a_pass_date_out_of_range_is_a_french_form_error(client, team, followed, start):
    client.force_login(team.colleague)
    p = f"p{followed.pathway.pk}-pass-"
    response = client.post(
        _pathway_url("pathway_pass", followed), {p + "number": "99999 22 00001", p + "start": start}
    )
    assert response.status_code in (200, 400)
    assert "Indiquez une date entre 1900 et 2100." in response.content.decode()
    followed.pathway.refresh_from_db()
    assert followed.pathway.pass_start is None


def test_it_sets_the_pass_and_a_suspension_pushes_its_end(client, team, followed):
    client.force_login(team.colleague)
    p = f"p{followed.pathway.pk}-pass-"
    assert (
        client.post(
            _pathway_url("pathway_pass", followed),
            {p + "number": "99999 22 00001", p + "start": "2025-01-01"},
        ).status_code
        == 302
    )
    followed.pathway.refresh_from_db()
    assert followed.pathway.pass_end == date(2026, 12, 31)
    c = f"p{followed.pathway.pk}-pass_change-"
    response = client.post(
        _pathway_url("pathway_pass_change", followed),
        {
            c + "kind": "suspension",
            c + "start": "2025-06-01",
            c + "end": "2025-06-10",
            c + "reason": "Maladie",
        },
    )
    assert response.status_code == 302
    followed.pathway.refresh_from_db()
    assert followed.pathway.pass_end == date(2027, 1, 10)
    body = client.get(_url("person_pathways", followed)).content.decode()
    assert "Suspensions et prolongations du PASS IAE" in body and "Maladie" in body


def test_a_pass_change_ending_before_it_starts_is_refused(client, team, followed):
    client.force_login(team.colleague)
    c = f"p{followed.pathway.pk}-pass_change-"
    response = client.post(
        _pathway_url("pathway_pass_change", followed),
        {
            c + "kind": "extension",
            c + "start": "2025-06-10",
            c + "end": "2025-06-01",
            c + "reason": "x",
        },
    )
    assert response.status_code == 400
    assert "La date de fin doit suivre la date de début." in response.content.decode()
    assert not followed.pathway.pass_changes.exists()


def test_it_changes_the_referent_to_a_colleague(client, team, followed):
    client.force_login(team.colleague)
    r = f"p{followed.pathway.pk}-referent-"
    assert (
        client.post(
            _pathway_url("pathway_referent", followed), {r + "referent": team.admin.pk}
        ).status_code
        == 302
    )
    followed.pathway.refresh_from_db()
    assert followed.pathway.referent == team.admin
    response = client.post(
        _pathway_url("pathway_referent", followed), {r + "referent": team.stranger.pk}
    )
    assert response.status_code == 400
    followed.pathway.refresh_from_db()
    assert followed.pathway.referent == team.admin


def test_it_adds_a_professional_of_another_organization_then_removes_them(client, team, followed):
    partner = OrganizationFactory(name="Service Mobilité", kind=OrganizationKind.PARTNER_SERVICE)
    worker = MembershipFactory(organization=partner).user
    client.force_login(team.colleague)
    step_one = client.get(
        _url("person_pathways", followed),
        {"equipe": followed.pathway.pk, "organisation": partner.pk},
    )
    assert worker.get_full_name() in step_one.content.decode()
    t = f"p{followed.pathway.pk}-team_member-"
    response = client.post(
        _pathway_url("pathway_team_add", followed),
        {
            t + "organization": partner.pk,
            t + "user": worker.pk,
            t + "role": "social_worker",
            t + "access_until": (date.today() + timedelta(days=90)).isoformat(),
        },
    )
    assert response.status_code == 302
    member = TeamMember.objects.get(pathway=followed.pathway, user=worker)
    assert member.organization == partner
    response = client.post(_pathway_url("pathway_team_remove", followed, member_pk=member.pk))
    assert response.status_code == 302
    assert not TeamMember.objects.filter(pk=member.pk).exists()


def test_it_records_an_eligibility_diagnosis_for_the_structure_kind(client, team, followed):
    client.force_login(team.colleague)
    url = _url("eligibility_diagnose", followed)
    response = client.post(url, {"level2": ["senior_50", "qpv"], "made_on": "2025-05-01"})
    assert response.status_code == 302
    diagnosis = EligibilityDiagnosis.objects.get(person=followed.person)
    assert (
        diagnosis.structure_kind == "ACI" and diagnosis.is_eligible is False
    )  # an ACI needs three
    assert diagnosis.valid_until == date(2025, 10, 31)
    client.post(url, {"level1": ["rsa"], "made_on": date.today().isoformat()})
    body = client.get(_url("person_pathways", followed)).content.decode()
    assert "Bénéficiaire du RSA" in body and "Éligible" in body and "en cours de validité" in body


def test_an_empty_diagnosis_is_refused(client, team, followed):
    client.force_login(team.colleague)
    response = client.post(_url("eligibility_diagnose", followed), {"made_on": "2025-05-01"})
    assert response.status_code == 400
    assert "Cochez au moins un critère." in response.content.decode()
    assert not EligibilityDiagnosis.objects.exists()


def test_the_pathways_page_has_a_bounded_number_of_queries(
    client, team, followed, django_assert_max_num_queries
):
    for _ in range(3):
        pathway_transition(
            pathway=followed.pathway,
            to_state=PathwayState.ACTIVE
            if followed.pathway.state != "active"
            else PathwayState.IN_EMPLOYMENT,
            user=team.colleague,
        )
        followed.pathway.refresh_from_db()
    client.force_login(team.colleague)
    with django_assert_max_num_queries(30):
        assert client.get(_url("person_pathways", followed)).status_code == 200


def test_the_team_table_says_what_each_seat_gives(client, team, followed):
    """A France Travail adviser on the team sees the milestones only, and the table
    says so next to the partner service's full view."""
    france_travail = OrganizationFactory(
        name="France Travail Angers", kind=OrganizationKind.FRANCE_TRAVAIL
    )
    adviser = MembershipFactory(
        organization=france_travail, user__first_name="Julien", user__last_name="Marchand"
    ).user
    partner = OrganizationFactory(name="Service Mobilité", kind=OrganizationKind.PARTNER_SERVICE)
    worker = MembershipFactory(organization=partner).user
    client.force_login(team.colleague)
    step_two = client.get(
        _url("person_pathways", followed),
        {"equipe": followed.pathway.pk, "organisation": france_travail.pk},
    ).content.decode()
    assert "la personne ajoutée verra les grandes étapes seulement" in step_two
    t = f"p{followed.pathway.pk}-team_member-"
    for organization, user in ((france_travail, adviser), (partner, worker)):
        response = client.post(
            _pathway_url("pathway_team_add", followed),
            {t + "organization": organization.pk, t + "user": user.pk, t + "role": "counsellor"},
        )
        assert response.status_code == 302
    page = client.get(_url("person_pathways", followed))
    body = page.content.decode()
    assert "Ce que l'accès donne" in body
    assert '<td data-seat-level="milestones">Voit les grandes étapes seulement</td>' in body
    assert '<td data-seat-level="team">Voit tout le dossier</td>' in body
    seats = {member.user: seat.name for member, seat in page.context["items"][0]["seats"]}
    assert seats == {adviser: "milestones", worker: "team"}


def test_a_seat_past_its_end_date_says_it_gives_nothing(client, team, followed):
    partner = OrganizationFactory(kind=OrganizationKind.PARTNER_SERVICE)
    worker = MembershipFactory(organization=partner).user
    TeamMember.objects.create(
        pathway=followed.pathway,
        user=worker,
        organization=partner,
        role="counsellor",
        access_until=date.today() - timedelta(days=1),
    )
    client.force_login(team.colleague)
    body = client.get(_url("person_pathways", followed)).content.decode()
    assert '<td data-seat-level="none">Ne voit plus rien : accès terminé</td>' in body
