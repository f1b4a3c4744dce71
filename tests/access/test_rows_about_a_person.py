"""`about(person, user)` reads one person's rows as `visible_to(user)` does: without
its subquery only when `person_for` fetched that person for that same user."""

import pytest

from barriers.models import BarrierItem, PersonBarrier
from barriers.services import barrier_identify
from partner_services.models import ServiceReferral
from pathways.models import Pathway
from persons.access import Level, person_for
from plans.models import Action, Note

pytestmark = pytest.mark.django_db

ROWS = [Pathway, PersonBarrier, ServiceReferral, Action, Note]


def _rows(queryset) -> set[int]:
    return set(queryset.values_list("pk", flat=True))


@pytest.mark.parametrize("model", ROWS)
def test_each_reader_gets_what_visible_to_gives(team, followed, model):
    barrier_identify(
        person=followed.person,
        item=BarrierItem.objects.get(code="sante-port-de-charges"),
        user=team.colleague,
        organization=team.organization,
    )
    fetched_for_colleague, _ = person_for(team.colleague, followed.person.pk)
    fetched_for_prescriber, _ = person_for(
        followed.prescriber_user, followed.person.pk, needed=Level.MILESTONES
    )
    for person in (followed.person, fetched_for_colleague, fetched_for_prescriber):
        for user in (team.colleague, followed.prescriber_user, team.stranger):
            expected = _rows(model.objects.visible_to(user).filter(person=followed.person))
            assert _rows(model.objects.about(person, user)) == expected, (model, user)


def test_the_rows_are_there_to_be_compared(team, followed):
    fetched, _ = person_for(team.colleague, followed.person.pk)
    assert Pathway.objects.about(fetched, team.colleague).exists()
    assert not Pathway.objects.about(fetched, team.stranger).exists()
