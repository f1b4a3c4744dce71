"""« Je suis intéressé·e » is one clean request: the same email or phone on the same offer
within 30 days joins the first request (no second person, no second referral or
interest), a new message is appended to it and logged, and the visitor is thanked the
same; two submits racing make one request too."""

import time
from datetime import timedelta

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from audit.models import AuditEntry
from lib import form_tokens
from offers import request_keys, services
from offers.enums import OfferState
from offers.forms import FORM_PURPOSE
from offers.models import OfferInterest, OfferRequestKey
from persons.models import Person
from referrals.enums import Channel
from referrals.models import Referral
from retention.services import person_erase, retention_run
from tests.concurrency import at_once
from tests.offers.helpers import employer_account, offer
from timeline.models import TimelineEvent

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    cache.clear()


@pytest.fixture
def published(team):
    return offer(team.organization, team.colleague, state=OfferState.PUBLISHED)


def _form(**data):
    return {
        "first_name": "Léa",
        "last_name": "Candidate",
        "phone": "06 12 34 56 78",
        "email": "lea.candidate@exemple.fr",
        "consent": "on",
        "started": form_tokens.issue(FORM_PURPOSE, at=time.time() - 60),
        **data,
    }


def _submit(made, **data):
    fields = {"first_name": "Léa", "last_name": "Candidate", **data}
    return services.interest_submit(offer=made, **fields)


def test_a_double_submit_of_the_interest_form_leaves_one_person_one_request(client, published):
    url = reverse("public_offer_detail", args=[published.pk])
    thanks = reverse("public_offer_sent", args=[published.pk])
    same_form = _form(message="Je suis disponible tout de suite.")
    # A double click (the same form twice), then the page reloaded and sent again.
    responses = [
        client.post(url, same_form),
        client.post(url, same_form),
        client.post(url, _form(message="Je suis disponible tout de suite.")),
    ]
    assert [(r.status_code, r["Location"]) for r in responses] == [(302, thanks)] * 3
    assert Person.objects.count() == 1
    referral = Referral.objects.get()
    assert referral.offer == published and referral.channel == Channel.OFFER
    # The same words again append nothing.
    assert referral.motivation.count("Je suis disponible tout de suite.") == 1
    assert "déjà" not in client.get(thanks).content.decode()


def test_a_repeat_with_the_email_in_another_case_joins_the_first_request(published):
    first = _submit(published, email="Lea.Candidate@Exemple.fr", message="Bonjour.")
    again = _submit(
        published,
        first_name="LÉA",
        email="  lea.candidate@exemple.FR ",
        message="J'ai mon permis B depuis hier.",
    )
    assert again.pk == first.pk
    assert Person.objects.count() == 1 and Referral.objects.count() == 1
    first.refresh_from_db()
    assert "Bonjour." in first.motivation
    assert "Message : J'ai mon permis B depuis hier." in first.motivation
    # Logged: the audit trail has the change (its text redacted), the structure's
    # timeline says a new request came.
    assert AuditEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(Referral),
        object_id=str(first.pk),
        action="update",
        changes__has_key="motivation",
    ).exists()
    event = TimelineEvent.objects.get(person=first.person, title__startswith="Nouvelle demande")
    assert event.organization == published.organization
    assert "permis B" in event.detail


def test_a_repeat_with_the_phone_spaced_otherwise_joins_the_first_request(published):
    first = _submit(published, phone="06 12 34 56 78")
    assert _submit(published, phone="+33612345678").pk == first.pk
    assert _submit(published, phone="06.12.34.56.78", email="lea@exemple.fr").pk == first.pk
    assert Person.objects.count() == 1 and Referral.objects.count() == 1
    first.refresh_from_db()
    assert "Autres coordonnées : lea@exemple.fr" in first.motivation
    # The email given on the way now finds the same request alone.
    assert _submit(published, email="LEA@exemple.fr").pk == first.pk
    assert Referral.objects.count() == 1


def test_the_same_visitor_31_days_later_makes_a_new_request(published):
    start = timezone.now()
    first = _submit(published, email="lea@exemple.fr", now=start)
    assert _submit(published, email="lea@exemple.fr", now=start + timedelta(days=29)) == first
    later = _submit(published, email="lea@exemple.fr", now=start + timedelta(days=31))
    assert later.pk != first.pk and Referral.objects.count() == 2
    # The contact now leads to the new request.
    assert _submit(published, email="lea@exemple.fr", now=start + timedelta(days=32)) == later
    assert Referral.objects.count() == 2


def test_the_same_visitor_on_another_offer_makes_a_new_request(team, published):
    other = offer(team.organization, team.colleague, state=OfferState.PUBLISHED)
    first = _submit(published, email="lea@exemple.fr", phone="0612345678")
    second = _submit(other, email="lea@exemple.fr", phone="0612345678")
    assert second.pk != first.pk
    assert {r.offer_id for r in Referral.objects.all()} == {published.pk, other.pk}


def test_another_visitor_on_the_same_offer_makes_a_new_request(published):
    first = _submit(published, email="lea@exemple.fr")
    other = _submit(published, first_name="Léa", email="autre.lea@exemple.fr")
    assert other.pk != first.pk and Referral.objects.count() == 2


def test_an_employers_interest_is_joined_the_same_way(django_capture_on_commit_callbacks):
    organization, user, own = employer_account()
    made = offer(organization, user, employer=own, state=OfferState.PUBLISHED)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        first = _submit(made, phone="06 12 34 56 78", message="Bonjour.")
        again = _submit(made, phone="0612345678", message="Je peux venir lundi.")
    assert isinstance(first, OfferInterest) and again.pk == first.pk
    assert OfferInterest.objects.count() == 1 and not Referral.objects.exists()
    assert len(callbacks) == 1  # the employer is told once
    first.refresh_from_db()
    assert first.message.startswith("Bonjour.") and "Je peux venir lundi." in first.message


def test_no_contact_is_held_in_clear(published):
    _submit(published, email="lea@exemple.fr", phone="06 12 34 56 78")
    digests = set(OfferRequestKey.objects.values_list("digest", flat=True))
    assert len(digests) == 2
    assert not any("lea" in d or "0612345678" in d for d in digests)
    assert digests == set(request_keys.contact_digests(email="LEA@exemple.fr", phone="0612345678"))


def test_a_submit_that_loses_the_race_joins_the_winners_request(published, monkeypatch):
    """What the second of two submits racing meets: the first one's contact row appears
    between its read and its write. It writes nothing of its own and joins."""
    winner = _submit(published, email="lea@exemple.fr")
    real = request_keys.locked_keys
    reads = []

    def read_before_the_winner_wrote(offer, digests):
        reads.append(1)
        return [] if len(reads) == 1 else real(offer, digests)

    monkeypatch.setattr(request_keys, "locked_keys", read_before_the_winner_wrote)
    loser = _submit(published, email="lea@exemple.fr", message="Deuxième envoi.")
    assert loser.pk == winner.pk and len(reads) == 2
    assert Person.objects.count() == 1 and Referral.objects.count() == 1


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="two connections at once: PostgreSQL only"
)
@pytest.mark.django_db(transaction=True)
def test_two_submits_at_the_same_moment_make_one_request(team):
    made = offer(team.organization, team.colleague, state=OfferState.PUBLISHED)

    def submit(n):
        return lambda: _submit(made, email="lea@exemple.fr", message=f"Envoi {n}.").pk

    results = at_once(submit(1), submit(2))
    assert len(results) == 2 and len(set(results)) == 1
    assert Referral.objects.count() == 1 and Person.objects.count() == 1
    motivation = Referral.objects.get().motivation
    assert "Envoi 1." in motivation and "Envoi 2." in motivation


def test_the_retention_run_deletes_the_contact_rows_past_their_window(published):
    start = timezone.now()
    first = _submit(published, email="lea@exemple.fr", phone="0612345678", now=start)
    assert retention_run(now=start + timedelta(days=29)).get("request_keys") is None
    assert OfferRequestKey.objects.count() == 2
    assert retention_run(now=start + timedelta(days=31))["request_keys"] == 2
    assert not OfferRequestKey.objects.exists()
    first.refresh_from_db()  # the request itself stays


def test_a_repeat_after_the_file_was_erased_makes_a_new_request(team, published):
    first = _submit(published, email="lea@exemple.fr")
    person_erase(
        person=first.person,
        user=team.admin,
        organization=team.organization,
        reason="Demande de la personne.",
    )
    again = _submit(published, email="lea@exemple.fr", message="Je repostule.")
    assert again.pk != first.pk and again.person.pk != first.person.pk
