"""Stories for the tests: the followed person's pathway led to a CDD, its story is told
under another first name, with the person's consent, and published by the admin."""

from django.utils import timezone

from stories import services
from stories.enums import ConsentScope
from tests.employment.helpers import hire

TEXT = (
    "Arrivée au chantier sans avoir travaillé depuis des années, Nadia a repris le rythme "
    "en quelques semaines.\n\nAprès un CDD en boulangerie, elle y est restée."
)


def draft(team, followed, *, hired=True, **fields):
    if hired:
        hire(team, followed)
    arguments = {
        "first_name": "Nadia",
        "title": "Du chantier au fournil",
        "text": TEXT,
        "outcome": "En CDD depuis janvier",
        "job": "Boulanger",
        "contract_type": "CDD",
        **fields,
    }
    return services.story_create(pathway=followed.pathway, user=team.colleague, **arguments)


def consented(story, team, *, scope=ConsentScope.PUBLIC):
    return services.consent_record(
        story=story, user=team.colleague, scope=scope, consented_on=timezone.localdate()
    )


def published(team, followed, *, scope=ConsentScope.PUBLIC, **fields):
    story = consented(draft(team, followed, **fields), team, scope=scope)
    services.story_transition(story=story, user=team.colleague, to_state="submitted")
    return services.story_transition(story=story, user=team.admin, to_state="published")
