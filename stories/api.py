"""Stories in the API: the same facts and writes as the story pages, through the same
services, scoped the same way (the stories of the structures the user writes for; any
other answers 404), and the public list of published stories, without sign-in."""

from datetime import date, datetime

from ninja import Field, Router, Schema, Status
from ninja.pagination import paginate

from api.pagination import PageNumber
from api.schemas import Choice, Id, SafeDate, Text, TransitionOut, errors
from pathways.access import pathway_to_manage
from persons.enums import ConsentMethod
from stories import selectors, services
from stories.access import story_to_manage
from stories.enums import ConsentScope, ContractType, StoryState
from stories.models import Story

router = Router(tags=["Belles histoires"])


# --- schemas ---------------------------------------------------------------------------


class StoryIn(Schema):
    first_name: Text(40, min_length=1) = Field(description="Un prénom d'emprunt")
    title: Text(120, min_length=1)
    text: Text(min_length=1)
    outcome: Text(200, min_length=1) = Field(description="Où en est la personne aujourd'hui")
    job: Text(120) = ""
    sector: Text(120) = ""
    contract_type: Choice(ContractType, blank=True) = ""
    confirm_sensitive_words: bool = Field(
        False, description="Confirmer un texte signalé pour ses mots (santé, justice…)."
    )


class StoryCreateIn(StoryIn):
    pathway_id: Id


class StoryMoveIn(Schema):
    to_state: Choice(StoryState)
    comment: Text() = ""


class StoryConsentIn(Schema):
    scope: Choice(ConsentScope)
    consented_on: SafeDate
    method: Choice(ConsentMethod) = ConsentMethod.WRITTEN


class StoryWithdrawIn(Schema):
    method: Choice(ConsentMethod) = ConsentMethod.ORAL


class StoryOut(Schema):
    id: int
    pathway_id: int
    organization_id: int
    first_name: str
    title: str
    text: str
    job: str
    sector: str
    contract_type: str
    outcome: str
    state: str
    state_label: str
    slug: str
    published_at: datetime | None
    consent_text: str
    consent_scope: str
    consent_method: str
    consented_on: date | None
    consent_withdrawn_at: datetime | None
    created_at: datetime
    transitions: list[TransitionOut]

    @staticmethod
    def resolve_state_label(obj):
        return obj.get_state_display()

    @staticmethod
    def resolve_transitions(obj):
        return list(obj.transitions.all())


class PublicStoryOut(Schema):
    slug: str
    first_name: str
    title: str
    text: str
    job: str
    sector: str
    contract_type: str
    outcome: str
    organization_name: str
    published_at: datetime

    @staticmethod
    def resolve_organization_name(obj):
        return obj.organization.name


# --- endpoints -------------------------------------------------------------------------


def _full(story: Story) -> Story:
    return Story.objects.prefetch_related("transitions__by").get(pk=story.pk)


@router.get("/stories", response=list[StoryOut], summary="Les belles histoires de vos structures")
@paginate(PageNumber)
def story_list(request, state: Choice(StoryState, blank=True) = ""):
    stories = Story.objects.visible_to(request.user).prefetch_related("transitions__by")
    return stories.filter(state=state) if state else stories


@router.get(
    "/stories/{story_id}",
    response={200: StoryOut, **errors(404)},
    summary="Une belle histoire, son accord et ses étapes",
)
def story_detail(request, story_id: Id):
    return _full(story_to_manage(request.user, story_id))


@router.post(
    "/stories",
    response={201: StoryOut, **errors(400, 403, 404)},
    summary="Rédiger une belle histoire (brouillon) depuis un parcours",
)
def story_create(request, payload: StoryCreateIn):
    _, _, pathway = pathway_to_manage(request.user, payload.pathway_id)
    story = services.story_create(
        pathway=pathway, user=request.user, **payload.dict(exclude={"pathway_id"})
    )
    return Status(201, _full(story))


@router.put(
    "/stories/{story_id}",
    response={200: StoryOut, **errors(400, 403, 404)},
    summary="Modifier le texte (brouillon, renvoyée ou dépubliée)",
)
def story_update(request, story_id: Id, payload: StoryIn):
    story = story_to_manage(request.user, story_id)
    services.story_update(story=story, user=request.user, **payload.dict())
    return _full(story)


@router.post(
    "/stories/{story_id}/transition",
    response={200: StoryOut, **errors(400, 403, 404)},
    summary="Soumettre, publier, renvoyer pour correction ou dépublier",
    description="Publier, renvoyer et dépublier reviennent à un·e administrateur·rice de la "
    "structure, autre que l'auteur·rice s'il y en a un·e autre.",
)
def story_transition(request, story_id: Id, payload: StoryMoveIn):
    story = story_to_manage(request.user, story_id)
    services.story_transition(story=story, user=request.user, **payload.dict())
    return _full(story)


@router.post(
    "/stories/{story_id}/consent",
    response={200: StoryOut, **errors(400, 403, 404)},
    summary="Enregistrer l'accord de la personne (usage, date, recueil)",
)
def story_consent(request, story_id: Id, payload: StoryConsentIn):
    story = story_to_manage(request.user, story_id)
    services.consent_record(story=story, user=request.user, **payload.dict())
    return _full(story)


@router.post(
    "/stories/{story_id}/consent/withdraw",
    response={200: StoryOut, **errors(400, 403, 404)},
    summary="Enregistrer le retrait de l'accord : l'histoire est retirée aussitôt",
)
def story_consent_withdraw(request, story_id: Id, payload: StoryWithdrawIn):
    story = story_to_manage(request.user, story_id)
    services.consent_withdraw(story=story, user=request.user, **payload.dict())
    return _full(story)


@router.get(
    "/public/stories",
    auth=None,
    response=list[PublicStoryOut],
    summary="Belles histoires publiées (sans authentification)",
    description="Les histoires publiées dont la personne a accepté le site public.",
)
@paginate(PageNumber)
def public_story_list(request):
    return selectors.public_stories()
