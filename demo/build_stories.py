"""Two published success stories (seed 001) in the demo territory, told the way the
pages tell them: drafted by the counsellor from the pathway (the job and contract taken
from it), the person's consent recorded for the public site, reviewed and published by
the structure's director. Synthetic, like the rest of the demo."""

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.utils import timezone

from demo.territory import DEMO_EMAIL_DOMAIN
from pathways.models import Pathway
from persons.enums import ConsentMethod
from stories import services
from stories.enums import ConsentScope
from stories.selectors import draft_facts

# (person, holding structure, counsellor, changed first name, title, text)
STORIES = [
    (
        "Fatou Diallo",
        "mission-trelaze",
        "sophie.mission",
        "Aminata",
        "Huit mois de CDD, puis le CDI",
        "Aminata avait travaillé en restauration scolaire, puis plus rien pendant "
        "plusieurs années. Elle voulait s'occuper des personnes âgées, sans diplôme du "
        "métier.\n\nLa mission emploi l'a présentée à un service d'aide à domicile qui "
        "cherchait quelqu'un de fiable. Un CDD de huit mois, des points réguliers avec "
        "elle et avec l'employeur : quand les horaires du mercredi ont coincé, ils ont "
        "été revus ensemble dès le troisième mois.\n\nAujourd'hui l'employeur l'a gardée "
        "en CDI, et il reçoit d'autres candidatures de la mission emploi.",
        "En CDI dans l'aide à domicile",
    ),
    (
        "Sandrine Leclerc",
        "ai-trelaze",
        "camille.siae",
        "Véronique",
        "Les bureaux, tôt le matin",
        "Après vingt-quatre mois sans emploi, Véronique est entrée en association "
        "intermédiaire pour des missions de ménage. Ponctuelle, elle aimait commencer tôt "
        "et finir avant midi.\n\nUne entreprise de propreté qui la voyait en mission a "
        "ouvert un poste : elle a été présentée par sa conseillère, et embauchée.\n\n"
        "« On m'a fait confiance sur ce que je savais faire. »",
        "En CDI dans la propreté",
    ),
]


def _user(key: str):
    return get_user_model().objects.get(email=f"{key}@{DEMO_EMAIL_DOMAIN}")


def build_stories() -> int:
    today = timezone.localdate()
    for name, holder, author, first_name, title, text, outcome in STORIES:
        real_first, real_last = name.split(" ", 1)
        pathway = (
            Pathway.objects.filter(
                person__first_name=real_first,
                person__last_name=real_last,
                person__is_demo=True,
                organization__is_demo=True,
                contracts__isnull=False,
            )
            .select_related("person", "organization")
            .first()
        )
        counsellor = _user(author)
        facts = draft_facts(pathway)
        story = services.story_create(
            pathway=pathway,
            user=counsellor,
            first_name=first_name,
            title=title,
            text=text,
            outcome=outcome,
            job=facts["job"],
            sector=facts["sector"],
            contract_type=facts["contract_type"],
            is_demo=True,
        )
        services.consent_record(
            story=story,
            user=counsellor,
            scope=ConsentScope.PUBLIC,
            method=ConsentMethod.WRITTEN,
            consented_on=max(pathway.started_on, today - timedelta(days=7)),
        )
        services.story_transition(story=story, user=counsellor, to_state="submitted")
        director = _user(f"direction.{holder}")
        services.story_transition(story=story, user=director, to_state="published")
    return len(STORIES)
