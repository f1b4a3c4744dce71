"""The same person cannot be created twice at once: the normalized names and birth date
are one key, unique among the active records, so that the database refuses the second
creation even when both passed the duplicate check at the same moment."""

from datetime import date

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.test import Client
from django.urls import reverse

from accounts.services import api_token_create
from persons import api as persons_api
from persons.duplicates import DuplicatePersonError, identity_key_of
from persons.models import Person
from persons.services import person_create, person_merge, person_update
from tests.concurrency import at_once
from tests.factories.organizations import MembershipFactory, OrganizationFactory
from www.views import persons as person_views

BORN = date(1990, 4, 12)
ELODIE = {"first_name": "Élodie", "last_name": "Martin", "birth_date": BORN}


def _create(team, data=None, **kwargs):
    return person_create(
        organization=team.organization, user=team.colleague, data=dict(data or ELODIE), **kwargs
    )


@pytest.mark.django_db
def test_the_key_is_the_normalized_names_and_birth_date(team):
    person = _create(team, {**ELODIE, "first_name": " ÉLODIE ", "last_name": "martin"})
    assert person.identity_key == "martin elodie|1990-04-12"
    assert identity_key_of(first_name="Élodie", last_name="", birth_date=BORN) is None
    assert identity_key_of(first_name="Élodie", last_name="Martin", birth_date=None) is None


@pytest.mark.django_db
def test_a_second_record_of_the_same_person_is_refused_by_the_database(team):
    """The service does not look for duplicates itself: the unique key refuses the row,
    which is what happens when two creations passed the check at the same moment."""
    first = _create(team)
    with pytest.raises(DuplicatePersonError, match="semble déjà exister"):
        _create(team, {**ELODIE, "first_name": "elodie", "last_name": "MARTIN"})
    assert list(Person.objects.values_list("pk", flat=True)) == [first.pk]


@pytest.mark.django_db
def test_a_homonym_confirmed_by_the_user_is_created_without_the_key(team):
    first = _create(team)
    homonym = _create(team, homonym_confirmed=True)
    assert first.identity_key and homonym.identity_key is None
    assert Person.objects.filter(last_name="Martin").count() == 2


@pytest.mark.django_db
def test_records_without_birth_date_hold_no_key(team):
    data = {"first_name": "Élodie", "last_name": "Martin"}
    assert _create(team, data).identity_key is None
    assert _create(team, data).identity_key is None


@pytest.mark.django_db
def test_a_record_changed_into_another_ones_identity_saves_without_the_key(team):
    first = _create(team)
    other = _create(team, {**ELODIE, "first_name": "Eloïse"})
    other = person_update(actor=team.colleague, person=other, data={"first_name": "Elodie"})
    assert other.identity_key is None
    other = person_update(actor=team.colleague, person=other, data={"first_name": "Eloïse"})
    assert other.identity_key == "martin eloise|1990-04-12"
    first.refresh_from_db()
    assert first.identity_key == "martin elodie|1990-04-12"


@pytest.mark.django_db
def test_a_merged_record_leaves_the_identity_to_the_kept_one(team):
    keep = _create(team, {"first_name": "Élodie", "last_name": "Martin"})  # no birth date
    duplicate = _create(team)
    person_merge(keep=keep, duplicate=duplicate, user=team.admin, organization=team.organization)
    keep.refresh_from_db()
    duplicate.refresh_from_db()
    assert keep.birth_date == BORN and keep.identity_key == "martin elodie|1990-04-12"
    assert duplicate.merged_into == keep and duplicate.identity_key is None


@pytest.mark.django_db
def test_a_record_whose_identity_was_blanked_no_longer_holds_it(team):
    """Anonymisation blanks the birth date: the constraint ignores the row even if its
    key was left behind."""
    gone = _create(team)
    Person.objects.filter(pk=gone.pk).update(first_name="", last_name="", birth_date=None)
    assert _create(team).identity_key == gone.identity_key


# --- the pages and the API, when the check passed but the database refused -------------


@pytest.mark.django_db
def test_the_page_shows_the_duplicate_created_at_the_same_moment(client, team, monkeypatch):
    existing = _create(team)
    # The check ran before the other record was written: it saw nothing.
    real = person_views._duplicates_of
    calls = []

    def checked_too_early(user, data):
        calls.append(1)
        return ([], False) if len(calls) == 1 else real(user, data)

    monkeypatch.setattr("www.views.persons._duplicates_of", checked_too_early)
    client.force_login(team.colleague)
    response = client.post(
        reverse("person_create"),
        {
            "first_name": "Élodie",
            "last_name": "Martin",
            "birth_date": "1990-04-12",
            "consent": "on",
            "consent_method": "oral",
        },
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert "Un dossier semble déjà exister pour cette personne" in body
    assert f"/personnes/{existing.pk}/" in body
    assert 'value="Martin"' in body
    assert Person.objects.count() == 1


@pytest.mark.django_db
def test_the_api_answers_409_for_a_duplicate_created_at_the_same_moment(
    client, team, bearer, monkeypatch
):
    existing = _create(team)
    real = persons_api._duplicates
    calls = []

    def checked_too_early(user, data):
        calls.append(1)
        return None if len(calls) == 1 else real(user, data)

    monkeypatch.setattr("persons.api._duplicates", checked_too_early)
    response = client.post(
        "/api/v1/persons",
        {
            "first_name": "elodie",
            "last_name": "MARTIN",
            "birth_date": "1990-04-12",
            "consent_given": True,
        },
        content_type="application/json",
        headers=bearer(team.colleague),
    )
    assert response.status_code == 409
    assert response.json() == {
        "detail": "Un dossier semble déjà exister pour cette personne.",
        "matches": [existing.pk],
        "elsewhere": False,
    }
    assert Person.objects.count() == 1


# --- real concurrency, on PostgreSQL ------------------------------------------------------


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="SQLite serializes writers: no two at once"
)
def test_simultaneous_creations_of_the_same_person_make_one_record():
    """Four API calls at the same moment, each checking for duplicates then creating:
    one record, three 409."""
    organization = OrganizationFactory()
    user = MembershipFactory(organization=organization).user
    _, token = api_token_create(user=user, name="tests")

    def create():
        response = Client().post(
            "/api/v1/persons",
            {
                "first_name": "Élodie",
                "last_name": "Martin",
                "birth_date": "1990-04-12",
                "consent_given": True,
            },
            content_type="application/json",
            headers={"Authorization": f"Bearer {token}"},
        )
        return response.status_code

    statuses = at_once(*[create] * 4)
    assert sorted(statuses) == [201, 409, 409, 409]
    assert Person.objects.filter(last_name="Martin").count() == 1


# --- the migration, over records that already have duplicates -------------------------------


@pytest.mark.django_db(transaction=True)
def test_the_migration_gives_the_key_to_the_oldest_of_existing_duplicates():
    before = [("persons", "0001_initial")]
    executor = MigrationExecutor(connection)
    executor.migrate(before)
    old = executor.loader.project_state(before).apps.get_model("persons", "Person")

    def old_person(first_name, last_name, birth_date=BORN, **fields):
        return old.objects.create(
            first_name=first_name, last_name=last_name, birth_date=birth_date, **fields
        ).pk

    oldest = old_person("Élodie", "Martin")
    twin = old_person("ELODIE", "martin")
    merged = old_person("Elodie", "Martin", merged_into_id=oldest)
    no_birth_date = old_person("Élodie", "Martin", birth_date=None)
    other = old_person("Élodie", "Martin", birth_date=date(1991, 4, 12))

    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())

    keys = dict(Person.objects.values_list("pk", "identity_key"))
    assert keys == {
        oldest: "martin elodie|1990-04-12",
        twin: None,
        merged: None,
        no_birth_date: None,
        other: "martin elodie|1991-04-12",
    }
