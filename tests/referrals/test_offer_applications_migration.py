import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from audit.models import AuditEntry
from offers.enums import OfferState
from persons.services import person_create
from referrals.enums import Channel
from referrals.models import Referral
from referrals.services import referral_create
from tests.offers.helpers import angers, offer

BEFORE_RELABELLING = [("referrals", "0005_referral_offer_channel")]


def _walk_in(team, made, last_name: str, **data) -> Referral:
    person = person_create(
        organization=team.organization,
        user=None,
        data={"first_name": "Léa", "last_name": last_name, "phone": "0612345678"},
    )
    motivation = data.pop("motivation", None) or (
        f"Intéressé·e par l'offre « {made.title} » ({made.company}).\n\nMessage : Bonjour."
    )
    return referral_create(
        person=person,
        to_organization=team.organization,
        motivation=motivation,
        channel=Channel.WALK_IN,
        **data,
    )


@pytest.mark.django_db(transaction=True)
def test_the_interests_that_landed_as_walk_ins_become_offer_applications(team):
    unique = offer(team.organization, team.colleague, commune=angers(), state=OfferState.PUBLISHED)
    twin = offer(team.organization, team.colleague, state=OfferState.PUBLISHED)
    offer(team.organization, team.colleague, state=OfferState.PUBLISHED)  # the same title
    linked = _walk_in(team, unique, "Liée")
    ambiguous = _walk_in(team, twin, "Ambiguë")
    other = _walk_in(team, twin, "Autre", motivation="Venue à la permanence pour un emploi.")
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE_RELABELLING)
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())
    found = {r.pk: (r.channel, r.offer_id) for r in Referral.objects.all()}
    assert found == {
        linked.pk: (Channel.OFFER, unique.pk),
        ambiguous.pk: (Channel.OFFER, None),
        other.pk: (Channel.WALK_IN, None),
    }
    trail = AuditEntry.objects.get(
        content_type=ContentType.objects.get_for_model(Referral),
        object_id=str(linked.pk),
        action="update",
        changes__has_key="channel",
    )
    assert trail.changes == {"channel": ["walk_in", "offer"], "offer": [None, unique.pk]}
