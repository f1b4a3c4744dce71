"""Visits counted without a record: one tap on the drop-in page, counted per
organization."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from organizations.enums import OrganizationKind
from tests.factories.organizations import MembershipFactory, OrganizationFactory
from visits.enums import VisitReason
from visits.models import Visit
from visits.selectors import visit_counts
from visits.services import visit_record

pytestmark = pytest.mark.django_db


def test_visits_are_counted_per_organization_and_reason(team):
    other = team.other
    stranger = team.stranger
    today = date.today()
    for reason in (VisitReason.JOB_SEARCH, VisitReason.JOB_SEARCH, VisitReason.TRAINING):
        visit_record(organization=team.organization, user=team.colleague, reason=reason)
    visit_record(
        organization=team.organization,
        user=team.colleague,
        reason=VisitReason.OTHER,
        visited_on=today - timedelta(days=40),
    )
    visit_record(organization=other, user=stranger, reason=VisitReason.APPLICATION)
    silent = OrganizationFactory()
    counts = visit_counts(
        organizations=[team.organization, other, silent], start=today.replace(day=1), end=today
    )
    mine = counts[team.organization.pk]
    assert (mine.total, mine.by_reason) == (3, {"job_search": 2, "training": 1})
    assert mine.lines() == [("Chercher un emploi", 2), ("S'informer sur une formation", 1)]
    assert counts[other.pk].total == 1 and counts[silent.pk].total == 0


def test_only_a_structure_that_follows_people_counts_visits_and_never_ahead(team):
    company = OrganizationFactory(kind=OrganizationKind.COMPANY)
    employer = MembershipFactory(organization=company).user
    with pytest.raises(PermissionDenied):
        visit_record(organization=company, user=employer, reason=VisitReason.OTHER)
    with pytest.raises(PermissionDenied):
        visit_record(organization=team.organization, user=team.stranger, reason="other")
    with pytest.raises(ValidationError, match="motif"):
        visit_record(organization=team.organization, user=team.colleague, reason="lunch")
    with pytest.raises(ValidationError, match="à l'avance"):
        visit_record(
            organization=team.organization,
            user=team.colleague,
            reason="other",
            visited_on=date.today() + timedelta(days=1),
        )
    assert not Visit.objects.exists()


def test_one_tap_on_the_walk_in_page_counts_a_visit_and_keeps_the_place(client, team):
    client.force_login(team.colleague)
    page = client.get("/permanence/").content.decode()
    assert "Compter un passage sans dossier" in page and 'value="job_search"' in page
    response = client.post(
        "/permanence/passage/",
        {
            "passage-reason": "job_search",
            "passage-place": "Permanence de Laguiole",
            "passage-visited_on": date.today().isoformat(),
        },
    )
    assert response.status_code == 302 and response["Location"] == "/permanence/#passages"
    visit = Visit.objects.get()
    assert (visit.organization, visit.recorded_by, visit.place) == (
        team.organization,
        team.colleague,
        "Permanence de Laguiole",
    )
    page = client.get("/permanence/").content.decode()
    assert 'data-visits-today="1"' in page and 'value="Permanence de Laguiole"' in page


def test_a_refused_visit_says_why_in_french_and_keeps_what_was_typed(client, team):
    client.force_login(team.colleague)
    response = client.post(
        "/permanence/passage/",
        {
            "passage-place": "Mur-de-Barrez",
            "passage-detail": "x" * 600,
            "passage-visited_on": date.today().isoformat(),
        },
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert "Choisissez le motif du passage." in body
    assert "500 caractères au plus (600 saisis)" in body
    assert 'value="Mur-de-Barrez"' in body
    assert not Visit.objects.exists()


def test_an_employer_cannot_count_visits(client):
    company = OrganizationFactory(kind=OrganizationKind.COMPANY)
    client.force_login(MembershipFactory(organization=company).user)
    response = client.post("/permanence/passage/", {"passage-reason": "other"})
    assert response.status_code == 403
    assert not Visit.objects.exists()
