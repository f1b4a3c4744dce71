"""Merging two records of the same human: only the organization's admins, and every
related record follows the kept one."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from audit.models import AuditEntry
from persons.models import Person
from persons.services import consent_record, experience_save, person_create, person_merge, wish_add
from tests.factories.jobs import AppellationFactory
from timeline.models import TimelineEvent


@pytest.fixture
def twin(team, followed):
    return person_create(
        organization=team.organization,
        user=team.colleague,
        data={"first_name": "Sandrine", "last_name": "QUINTAVAL", "phone": "06 11 22 33 44"},
    )


def _related_counts(person):
    """Rows pointing at `person` in every relation the merge must carry over."""
    counts = {}
    for relation in Person._meta.related_objects:
        if relation.related_model is Person:
            continue
        model = relation.related_model
        counts[model._meta.label] = model._base_manager.filter(
            **{relation.field.name: person}
        ).count()
    return counts


def test_it_keeps_every_related_record(team, followed, twin):
    cariste, plongeur = AppellationFactory(name="Cariste"), AppellationFactory(name="Plongeur")
    wish_add(actor=team.colleague, person=followed.person, appellation=cariste)
    wish_add(actor=team.colleague, person=twin, appellation=plongeur)
    wish_add(
        actor=team.colleague, person=twin, appellation=cariste
    )  # wanted on both records: kept once
    experience_save(actor=team.colleague, person=twin, data={"description": "Plonge"})
    consent_record(
        person=twin,
        purpose="success_story",
        given=True,
        method="oral",
        user=team.colleague,
        organization=team.organization,
    )
    before_keep, before_twin = _related_counts(followed.person), _related_counts(twin)
    assert before_twin["pathways.Pathway"] == 0 and before_twin["timeline.TimelineEvent"] >= 1

    person_merge(
        keep=followed.person, duplicate=twin, user=team.admin, organization=team.organization
    )

    after = _related_counts(followed.person)
    assert not any(_related_counts(twin).values())
    for label, count in before_twin.items():
        expected = before_keep[label] + count - (1 if label == "persons.Wish" else 0)
        if label == "timeline.TimelineEvent":
            expected += 1  # the merge itself
        assert after[label] == expected, label
    wishes = list(followed.person.wishes.order_by("rank"))
    assert [(w.rank, w.appellation) for w in wishes] == [(1, cariste), (2, plongeur)]
    assert followed.person.phone == "0611223344"  # completed from the duplicate
    twin.refresh_from_db()
    assert twin.merged_into == followed.person
    assert TimelineEvent.objects.filter(
        person=followed.person, title__startswith="Dossier fusionné"
    ).exists()
    assert AuditEntry.objects.filter(object_repr="Plonge", action="update").exists()


def test_it_refuses_to_merge_a_record_twice_or_with_itself(team, followed, twin):
    with pytest.raises(ValidationError):
        person_merge(keep=twin, duplicate=twin, user=team.admin, organization=team.organization)
    person_merge(
        keep=followed.person, duplicate=twin, user=team.admin, organization=team.organization
    )
    with pytest.raises(ValidationError):
        person_merge(
            keep=followed.person, duplicate=twin, user=team.admin, organization=team.organization
        )


def test_the_latest_contact_survives(team, followed, twin):
    twin.last_contact_at = timezone.now() - timedelta(days=2)
    twin.save()
    person_merge(
        keep=followed.person, duplicate=twin, user=team.admin, organization=team.organization
    )
    assert followed.person.last_contact_at == twin.last_contact_at


def test_the_admin_finds_compares_and_merges(client, team, followed, twin):
    client.force_login(team.admin)
    url = f"/personnes/{followed.person.pk}/fusionner/"
    found = client.get(url, {"q": "quintaval"})
    assert found.status_code == 200
    assert [c.pk for c in found.context["candidates"]] == [twin.pk]
    compared = client.get(url, {"q": "quintaval", "doublon": twin.pk})
    assert "0611223344" in compared.content.decode()
    refused = client.post(url, {"duplicate": twin.pk})
    assert refused.status_code == 400
    assert Person.objects.get(pk=twin.pk).merged_into is None
    merged = client.post(url, {"duplicate": twin.pk, "confirm": "on"})
    assert merged.status_code == 302
    assert Person.objects.get(pk=twin.pk).merged_into == followed.person


def test_a_colleague_who_is_not_admin_cannot_merge(client, team, followed, twin):
    client.force_login(team.colleague)
    url = f"/personnes/{followed.person.pk}/fusionner/"
    assert client.get(url).status_code == 403
    assert client.post(url, {"duplicate": twin.pk, "confirm": "on"}).status_code == 403
    assert Person.objects.get(pk=twin.pk).merged_into is None


def test_the_admin_cannot_merge_someone_they_do_not_follow(client, team, followed):
    other = person_create(
        organization=team.other,
        user=team.stranger,
        data={"first_name": "Sandrine", "last_name": "Quintaval"},
    )
    client.force_login(team.admin)
    url = f"/personnes/{followed.person.pk}/fusionner/"
    assert client.post(url, {"duplicate": other.pk, "confirm": "on"}).status_code == 404
    assert Person.objects.get(pk=other.pk).merged_into is None
