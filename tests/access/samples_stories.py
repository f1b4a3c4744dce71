"""Route arguments of the story pages and endpoints: a draft of the followed person's
story (its words are the team's until published) and a published one, whose public page
anyone may read (its words are public, so they are no marker)."""

from django.utils import timezone

from stories import services
from stories.enums import ConsentScope


def _story(team, followed, **fields):
    return services.story_create(
        pathway=followed.pathway,
        user=team.colleague,
        first_name="Nadia",
        outcome="En CDD",
        **fields,
    )


def samples(team, followed):
    # The followed person's contract comes from samples_employment (sorted before).
    draft = _story(
        team,
        followed,
        title="Brouillon titre-secret-histoire",
        text="Récit encore privé : texte-secret-histoire",
    )
    public = _story(team, followed, title="Du chantier au fournil", text="Un récit public.")
    services.consent_record(
        story=public,
        user=team.colleague,
        scope=ConsentScope.PUBLIC,
        consented_on=timezone.localdate(),
    )
    services.story_transition(story=public, user=team.colleague, to_state="submitted")
    services.story_transition(story=public, user=team.admin, to_state="published")
    markers = ["titre-secret-histoire", "texte-secret-histoire"]
    arguments = {"story_pk": draft.pk, "story_id": draft.pk, "slug": public.slug}
    return markers, arguments
