"""« Exporter » on the list pages: the file holds the rows the page counts with the same
filters, the columns the user may see, and every export is in the audit trail."""

from datetime import date, datetime

import pytest
from django.urls import reverse

from audit.models import AuditEntry
from exports.models import Export, ExportState
from pathways.enums import PathwayState
from tests.exports.helpers import followed_person, read_csv, read_xlsx
from tests.referrals.helpers import person_of, prescriber_with_adviser, send

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(team):
    return [
        followed_person(team, "Aline", "Arnaud", birth_date=date(1990, 5, 17)),
        followed_person(team, "Bruno", "Bastien", state=PathwayState.DIAGNOSIS),
        followed_person(team, "Chloé", "Cardin", state=PathwayState.ACTIVE),
        followed_person(team, "Denis", "Dupré", state=PathwayState.ACTIVE),
    ]


def _page_count(client, name, query="") -> int:
    response = client.get(reverse(name) + query)
    assert response.status_code == 200
    return response.context["page"].paginator.count


@pytest.mark.parametrize("query", ["", "?state=active", "?q=car", "?state=diagnosis&sort=updated"])
def test_the_people_export_holds_the_rows_the_list_counts(client, team, people, query):
    client.force_login(team.colleague)
    rows = read_csv(client.get(reverse("export_list", args=["personnes", "csv"]) + query))
    assert rows[0][:3] == ["Nom", "Prénom", "Date de naissance"]
    assert len(rows) - 1 == _page_count(client, "person_list", query)


def test_the_people_xlsx_opens_with_its_rows_and_dates_as_dates(client, team, people):
    client.force_login(team.colleague)
    response = client.get(reverse("export_list", args=["personnes", "xlsx"]))
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    rows = read_xlsx(response.content)
    assert len(rows) - 1 == len(people)
    aline = next(row for row in rows if row[1] == "Aline")
    assert aline[0] == "Arnaud"
    assert aline[2] == datetime(1990, 5, 17)
    assert "Accueil" in aline


def test_a_pathway_export_follows_the_person_list_filters(client, team, people):
    client.force_login(team.colleague)
    rows = read_csv(client.get(reverse("export_list", args=["parcours", "csv"]) + "?state=active"))
    assert sorted(row[0] for row in rows[1:]) == ["Cardin", "Dupré"]
    assert {row[rows[0].index("Étape")] for row in rows[1:]} == {"Parcours en cours"}


def test_an_invalid_filter_is_refused_in_french_not_ignored(client, team, people):
    client.force_login(team.colleague)
    response = client.get(reverse("export_list", args=["personnes", "csv"]) + "?state=nimporte")
    assert response.status_code == 400
    assert "Étape du parcours" in response.content.decode()
    assert not Export.objects.exists()


def test_an_unknown_list_or_format_answers_404(client, team):
    client.force_login(team.colleague)
    assert client.get("/exports/inconnue.csv").status_code == 404
    assert client.get("/exports/personnes.pdf").status_code == 404


def test_a_stranger_exports_nothing_of_the_team(client, team, people):
    client.force_login(team.stranger)
    for name in ("personnes", "parcours", "immersions", "orientations-recues"):
        response = client.get(reverse("export_list", args=[name, "csv"]))
        if response.status_code == 200:
            rows = read_csv(response)
            assert rows[1:] == [], name
        else:
            assert response.status_code == 403, name
            assert b"Arnaud" not in response.content


def test_every_export_is_written_to_the_audit_trail(client, team, people):
    client.force_login(team.colleague)
    client.get(reverse("export_list", args=["personnes", "xlsx"]) + "?state=active")
    export = Export.objects.get()
    assert (export.user, export.organization, export.list_name) == (
        team.colleague,
        team.organization,
        "personnes",
    )
    assert export.params == {"state": ["active"]}
    assert (export.rows_total, export.state, export.streamed) == (2, ExportState.DONE, True)
    entry = AuditEntry.objects.for_object(export).get()
    assert entry.actor == team.colleague
    assert entry.organization == team.organization
    assert entry.changes["list_name"] == [None, "personnes"]
    assert entry.changes["rows_total"] == [None, 2]


def test_the_referral_inbox_export_matches_the_inbox(client, team):
    prescriber = prescriber_with_adviser()
    for index, name in enumerate(["Lefort", "Martin", "Nadal"]):
        send(prescriber, person_of(prescriber, last_name=name), team.organization)
        assert index >= 0
    client.force_login(team.colleague)
    for query in ("", "?anciennete=moins-7", "?tri=nom"):
        rows = read_csv(
            client.get(reverse("export_list", args=["orientations-recues", "csv"]) + query)
        )
        assert len(rows) - 1 == _page_count(client, "referral_inbox", query)
    rows = read_csv(
        client.get(reverse("export_list", args=["orientations-recues", "csv"]) + "?tri=nom")
    )
    assert [row[0] for row in rows[1:]] == ["Lefort", "Martin", "Nadal"]
    assert rows[1][rows[0].index("Orientée par")] == "France Travail Angers"
    client.force_login(prescriber.adviser)
    sent = read_csv(client.get(reverse("export_list", args=["orientations-envoyees", "csv"])))
    assert len(sent) - 1 == _page_count(client, "referral_sent_list") == 3


def test_a_text_that_starts_like_a_formula_is_written_as_text(client, team):
    followed_person(team, "Eve", '=HYPERLINK("http://x")')
    client.force_login(team.colleague)
    rows = read_csv(client.get(reverse("export_list", args=["personnes", "csv"])))
    assert rows[1][0] == '\'=HYPERLINK("http://x")'
    xlsx = read_xlsx(client.get(reverse("export_list", args=["personnes", "xlsx"])).content)
    assert xlsx[1][0] == '=HYPERLINK("http://x")'  # a string cell, not a formula


def test_the_list_pages_offer_the_export_with_their_filters(client, team, people):
    client.force_login(team.colleague)
    body = client.get(reverse("person_list") + "?state=active").content.decode()
    assert reverse("export_list", args=["personnes", "xlsx"]) + "?state=active" in body
    assert reverse("export_list", args=["parcours", "csv"]) + "?state=active" in body
    for name, export in (
        ("referral_inbox", "orientations-recues"),
        ("referral_sent_list", "orientations-envoyees"),
        ("offer_list", "offres"),
        ("company_list", "entreprises"),
    ):
        page = client.get(reverse(name)).content.decode()
        assert reverse("export_list", args=[export, "csv"]) in page, name


def test_a_user_acting_for_no_organization_exports_nothing(client, bearer):
    from tests.factories.accounts import UserFactory

    user = UserFactory()
    client.force_login(user)
    assert client.get(reverse("export_list", args=["offres", "csv"])).status_code == 403
    refused = client.get("/api/v1/exports/offres.csv", headers=bearer(user))
    assert refused.status_code == 403
    assert "aucune organisation" in refused.json()["detail"]
    assert not Export.objects.exists()
