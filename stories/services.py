"""Writes about stories: draft, edit, record and withdraw the person's consent, move
along the lifecycle (submit, publish or send back, unpublish). Each is one transaction,
checks who acts (`stories.access`), and is logged: the audit trail (the model), the
transition log (`lib.lifecycle.move`) and an event on the person's timeline for the
team. Withdrawing the consent takes the story down in the same transaction."""

import re
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from lib.lifecycle import TransitionRefused, move
from lib.sensitive_words import check_text_for_employer
from lib.text import normalize
from persons import services as person_services
from persons.enums import ConsentMethod, ConsentPurpose
from stories.access import require_reviewer, require_writer
from stories.enums import CONSENT_TEXT, ConsentScope, ContractType, StoryState
from stories.models import Story, StoryTransition
from stories.selectors import has_a_story_to_tell
from stories.state_machine import EDITABLE, REVIEW_MOVES
from timeline.models import Audience, EventKind
from timeline.services import record_event

TEXT_FIELDS = ("first_name", "title", "text", "job", "sector", "outcome")
CITES_THE_PERSON = (
    "Le texte cite {what} de la personne : une belle histoire ne dit jamais qui elle est. "
    "Retirez-le avant d'enregistrer."
)


def _event(story: Story, title: str, *, detail: str = "", user=None) -> None:
    record_event(
        person=story.person,
        pathway=story.pathway,
        kind=EventKind.PATHWAY,
        title=f"Belle histoire « {story.title} » : {title}",
        detail=detail,
        audience=Audience.TEAM,
        organization=story.organization,
        subject=story,
        actor=user,
    )


def _contains(haystack: str, needle: str) -> bool:
    needle = normalize(needle)
    return bool(needle) and re.search(rf"(?:^| ){re.escape(needle)}(?: |$)", haystack) is not None


def _check_words(person, fields: dict, *, confirmed: bool) -> None:
    """Refuse what gives the person away (their real names, email, phone); warn, unless
    the writer confirms, on the words of health, justice, family, benefits, housing."""
    first_name = fields["first_name"].strip()
    if not first_name:
        raise ValidationError({"first_name": "Choisissez un prénom d'emprunt."})
    if normalize(first_name) in (normalize(person.first_name), normalize(person.last_name)):
        raise ValidationError(
            {"first_name": "Ce n'est pas un prénom d'emprunt : choisissez-en un autre."}
        )
    everything = " ".join(fields[name] for name in TEXT_FIELDS)
    told = normalize(" ".join(fields[name] for name in TEXT_FIELDS if name != "first_name"))
    # Numbers as typed, « 06 12 34 56 78 » or « 06.12.34.56.78 », compared digit by digit.
    numbers = {re.sub(r"\D", "", n) for n in re.findall(r"\+?\d[\d .-]{6,}\d", everything)}
    phone = re.sub(r"\D", "", person.phone or "")
    for what, found in (
        (
            "l'adresse électronique",
            bool(person.email) and person.email.lower() in everything.lower(),
        ),
        ("le numéro de téléphone", len(phone) >= 8 and any(phone[-9:] in n for n in numbers)),
        ("le vrai prénom", _contains(told, person.first_name)),
        ("le nom", _contains(told, person.last_name)),
        ("l'adresse", _contains(told, person.address or "")),
    ):
        if found:
            raise ValidationError(CITES_THE_PERSON.format(what=what))
    for name in ("title", "text", "outcome"):
        check_text_for_employer(fields[name], confirmed=confirmed, field=name)


def _clean(
    person, *, first_name, title, text, outcome, job, sector, contract_type, confirmed
) -> dict:
    fields = {
        "first_name": (first_name or "").strip(),
        "title": (title or "").strip(),
        "text": (text or "").strip(),
        "outcome": (outcome or "").strip(),
        "job": (job or "").strip(),
        "sector": (sector or "").strip(),
    }
    missing = {
        name: "Ce champ est obligatoire."
        for name in ("title", "text", "outcome")
        if not fields[name]
    }
    if missing:
        raise ValidationError(missing)
    if contract_type and contract_type not in ContractType.values:
        raise ValidationError({"contract_type": "Choisissez le type de contrat dans la liste."})
    _check_words(person, fields, confirmed=confirmed)
    return {**fields, "contract_type": contract_type or ""}


@transaction.atomic
def story_create(
    *,
    pathway,
    user,
    first_name: str,
    title: str,
    text: str,
    outcome: str,
    job: str = "",
    sector: str = "",
    contract_type: str = "",
    confirm_sensitive_words: bool = False,
    is_demo: bool = False,
) -> Story:
    """A draft, by a member of the structure that holds the pathway, for a pathway that
    led to a contract or a positive exit."""
    require_writer(organization=pathway.organization, user=user)
    if not has_a_story_to_tell(pathway):
        raise ValidationError(
            "Ce parcours n'a encore ni contrat ni sortie positive : rien à raconter pour l'instant."
        )
    fields = _clean(
        pathway.person,
        first_name=first_name,
        title=title,
        text=text,
        outcome=outcome,
        job=job,
        sector=sector,
        contract_type=contract_type,
        confirmed=confirm_sensitive_words,
    )
    story = Story.objects.create(
        person=pathway.person,
        pathway=pathway,
        organization=pathway.organization,
        created_by=user,
        is_demo=is_demo,
        **fields,
    )
    StoryTransition.record(story, to_state=StoryState.DRAFT, user=user)
    _event(story, "brouillon rédigé", user=user)
    return story


@transaction.atomic
def story_update(
    *,
    story: Story,
    user,
    first_name: str,
    title: str,
    text: str,
    outcome: str,
    job: str = "",
    sector: str = "",
    contract_type: str = "",
    confirm_sensitive_words: bool = False,
) -> Story:
    require_writer(organization=story.organization, user=user)
    if story.state not in EDITABLE:
        raise ValidationError(
            f"Cette histoire est « {story.get_state_display().lower()} » : elle ne se modifie plus."
        )
    fields = _clean(
        story.person,
        first_name=first_name,
        title=title,
        text=text,
        outcome=outcome,
        job=job,
        sector=sector,
        contract_type=contract_type,
        confirmed=confirm_sensitive_words,
    )
    for name, value in fields.items():
        setattr(story, name, value)
    story.save()
    _event(story, "texte modifié", user=user)
    return story


@transaction.atomic
def consent_record(
    *, story: Story, user, scope: str, consented_on: date, method: str = ConsentMethod.WRITTEN
) -> Story:
    """The person's consent as they gave it: the text shown to them (the current one,
    kept as it was), the date, what for, how, recorded by whom. A consent given again
    (another scope) replaces the former; a withdrawn one cannot be given back: the
    person's trust comes first, a new story starts anew."""
    require_writer(organization=story.organization, user=user)
    if story.consent_withdrawn_at is not None or story.state == StoryState.WITHDRAWN:
        raise ValidationError(
            "La personne a retiré son accord : cette histoire ne peut plus servir."
        )
    if scope not in ConsentScope.values:
        raise ValidationError({"scope": "Choisissez l'usage accepté dans la liste."})
    if method not in ConsentMethod.values:
        raise ValidationError({"method": "Choisissez comment l'accord a été recueilli."})
    today = timezone.localdate()
    if consented_on is None or consented_on > today:
        raise ValidationError({"consented_on": "La date de l'accord ne peut pas être à venir."})
    if consented_on < story.pathway.started_on:
        raise ValidationError({"consented_on": "La date de l'accord précède le début du parcours."})
    story.consent_text = CONSENT_TEXT
    story.consent_scope = scope
    story.consent_method = method
    story.consented_on = consented_on
    story.consent_recorded_by = user
    story.consent_recorded_at = timezone.now()
    story.save()
    person_services.consent_record(
        person=story.person,
        purpose=ConsentPurpose.SUCCESS_STORY,
        given=True,
        method=method,
        user=user,
        organization=story.organization,
    )
    _event(
        story, f"accord de la personne enregistré ({story.get_consent_scope_display()})", user=user
    )
    return story


@transaction.atomic
def consent_withdraw(*, story: Story, user, method: str = ConsentMethod.ORAL) -> Story:
    """The person withdraws their consent: the story leaves every page at once (it is
    moved to « consentement retiré », final), in this one transaction."""
    require_writer(organization=story.organization, user=user)
    if story.state == StoryState.WITHDRAWN:
        raise ValidationError("L'accord de la personne est déjà retiré.")
    if method not in ConsentMethod.values:
        raise ValidationError({"method": "Choisissez comment le retrait a été recueilli."})
    was_public = story.state == StoryState.PUBLISHED
    move(
        story,
        StoryState.WITHDRAWN,
        log=StoryTransition,
        user=user,
        comment="Retrait de l'accord de la personne",
        changes={"consent_withdrawn_at": timezone.now(), "consent_withdrawn_by": user},
    )
    person_services.consent_record(
        person=story.person,
        purpose=ConsentPurpose.SUCCESS_STORY,
        given=False,
        method=method,
        user=user,
        organization=story.organization,
    )
    _event(
        story,
        "accord retiré" + (", histoire retirée du site" if was_public else ""),
        user=user,
    )
    return story


def _publication(story: Story) -> dict:
    if story.slug:
        return {"published_at": timezone.now()}
    base = slugify(story.title)[:60].strip("-") or "histoire"
    return {"published_at": timezone.now(), "slug": f"{base}-{story.pk}"}


MOVE_WORDS = {
    StoryState.SUBMITTED: "soumise à la relecture",
    StoryState.PUBLISHED: "publiée",
    StoryState.SENT_BACK: "renvoyée pour correction",
    StoryState.UNPUBLISHED: "dépubliée",
}


@transaction.atomic
def story_transition(*, story: Story, user, to_state: str, comment: str = "") -> Story:
    """Submit (the team), publish, send back or unpublish (a reviewer). Publishing and
    submitting need the person's consent; sending back says why."""
    if to_state == StoryState.WITHDRAWN:
        raise TransitionRefused("Le retrait passe par l'enregistrement du retrait de l'accord.")
    if to_state in REVIEW_MOVES:
        require_reviewer(story=story, user=user)
    else:
        require_writer(organization=story.organization, user=user)
    if to_state in (StoryState.SUBMITTED, StoryState.PUBLISHED) and not story.has_consent:
        raise ValidationError(
            "Enregistrez d'abord l'accord de la personne (texte lu, date, usage accepté)."
        )
    if to_state == StoryState.SENT_BACK and not comment.strip():
        raise ValidationError({"comment": "Dites ce qui est à reprendre."})
    changes = _publication(story) if to_state == StoryState.PUBLISHED else {}
    move(story, to_state, log=StoryTransition, user=user, comment=comment.strip(), changes=changes)
    _event(story, MOVE_WORDS[to_state], detail=comment.strip(), user=user)
    return story
