"""Writes about job offers and introductions. Each is one transaction: it validates,
moves the state machine with its log, and appends to the person's timeline when a
person's story changes (introductions). Emails leave after commit, through the task
queue."""

from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.utils import timezone

from access.policy import RULES, Capability
from audit.context import user_of
from companies.models import Company
from lib.dates import check_plausible_date
from lib.geo import unit_vector
from lib.lifecycle import TransitionRefused, move
from lib.sensitive_words import check_text_for_employer
from offers import hired, request_keys, state_machine
from offers.access import (
    require_introduction_answerer,
    require_introduction_structure,
    require_offer_manager,
)
from offers.composition import OfferFields, compose
from offers.enums import (
    ContractType,
    DeclineReason,
    IntroductionState,
    OfferState,
    PayUnit,
    PhysicalDemand,
    PublicTransport,
    SchedulePattern,
)
from offers.models import (
    Introduction,
    IntroductionTransition,
    JobOffer,
    OfferInterest,
    OfferTransition,
)
from offers.search import index_offer
from offers.tasks import (
    send_employer_answer_notice,
    send_interest_notice,
    send_introduction_link,
    send_offer_reminder,
)
from organizations.enums import KindGroup
from persons.enums import ConsentMethod
from persons.models import Person
from persons.services import person_create
from referrals.entry import tell_of_likely_duplicates
from referrals.enums import Channel
from referrals.models import Referral
from referrals.services import referral_create
from timeline.models import Audience, EventKind
from timeline.services import credited_organization, record_event

# The fields of the guided form, step by step (the text is the last step).
JOB_FIELDS = ("appellation", "commune", "address", "tasks", "skills")
CONSTRAINT_FIELDS = (
    "schedule_patterns",
    "hours_per_week",
    "physical_demands",
    "driving_licence_required",
    "vehicle_required",
    "written_french_required",
    "public_transport",
)
CONTRACT_FIELDS = (
    "contract_type",
    "duration_months",
    "start_date",
    "positions",
    "pay_min",
    "pay_max",
    "pay_unit",
    "open_to_beginners",
    "training_provided",
    "open_to_iae",
    "immersion_possible",
)
EDITABLE_FIELDS = frozenset(JOB_FIELDS + CONSTRAINT_FIELDS + CONTRACT_FIELDS)


# --- the text ---------------------------------------------------------------------------


def fields_of(offer: JobOffer) -> OfferFields:
    return OfferFields(
        job=offer.appellation.name,
        company=offer.company.name,
        commune=offer.commune.name,
        tasks=offer.tasks,
        skills=offer.skills,
        address=offer.address,
        schedule_patterns=tuple(offer.schedule_patterns),
        hours_per_week=offer.hours_per_week,
        physical_demands=tuple(offer.physical_demands),
        driving_licence_required=offer.driving_licence_required,
        vehicle_required=offer.vehicle_required,
        written_french_required=offer.written_french_required,
        public_transport=offer.public_transport,
        contract_type=offer.contract_type,
        duration_months=offer.duration_months,
        start_date=offer.start_date,
        positions=offer.positions,
        pay_min=offer.pay_min,
        pay_max=offer.pay_max,
        pay_unit=offer.pay_unit,
        open_to_beginners=offer.open_to_beginners,
        training_provided=offer.training_provided,
        open_to_iae=offer.open_to_iae,
        immersion_possible=offer.immersion_possible,
    )


def composed_text(offer: JobOffer):
    return compose(fields_of(offer), today=timezone.localdate())


def _recompose(offer: JobOffer) -> None:
    composed = composed_text(offer)
    if not offer.text_is_custom:
        offer.title, offer.text = composed.title, composed.text


# --- validation -------------------------------------------------------------------------


def _validate(offer: JobOffer) -> None:
    errors = []
    if not offer.tasks.strip():
        errors.append("Décrivez les missions du poste, une par ligne.")
    if offer.commune_id and offer.commune.latitude is None:
        errors.append("Cette commune n'a pas de coordonnées : choisissez la commune voisine.")
    if not set(offer.schedule_patterns) <= set(SchedulePattern.values):
        errors.append("Horaire inconnu.")
    if not set(offer.physical_demands) <= set(PhysicalDemand.values):
        errors.append("Exigence physique inconnue.")
    if offer.public_transport and offer.public_transport not in PublicTransport.values:
        errors.append("Desserte en transports inconnue.")
    if offer.contract_type and offer.contract_type not in ContractType.values:
        errors.append("Type de contrat inconnu.")
    if offer.pay_unit not in PayUnit.values:
        errors.append("Unité de salaire inconnue.")
    if offer.hours_per_week is not None and not 1 <= offer.hours_per_week <= 48:
        errors.append("Indiquez un nombre d'heures par semaine entre 1 et 48.")
    if offer.positions is None or not 1 <= offer.positions <= 500:
        errors.append("Indiquez un nombre de postes entre 1 et 500.")
    if offer.duration_months is not None and not 1 <= offer.duration_months <= 60:
        errors.append("Indiquez une durée de contrat entre 1 et 60 mois.")
    if offer.contract_type in (ContractType.CDI, ContractType.CDI_TEMP) and offer.duration_months:
        errors.append("Un CDI n'a pas de durée : laissez la durée vide.")
    for amount in (offer.pay_min, offer.pay_max):
        if amount is not None and amount <= 0:
            errors.append("Un salaire est un montant positif.")
            break
    if offer.pay_min and offer.pay_max and offer.pay_min > offer.pay_max:
        errors.append("Le salaire minimum dépasse le salaire maximum.")
    if offer.vehicle_required and not offer.driving_licence_required:
        offer.driving_licence_required = True  # a vehicle of one's own needs a licence
    if errors:
        raise ValidationError(errors)
    offer.full_clean(
        exclude=["organization", "company", "written_by_organization", "title", "text"]
    )


def _ready_to_publish(offer: JobOffer) -> None:
    missing = []
    if not offer.contract_type:
        missing.append("le type de contrat")
    if not offer.title.strip() or not offer.text.strip():
        missing.append("le texte de l'offre")
    if missing:
        raise ValidationError(f"Avant de publier, indiquez {' et '.join(missing)}.")


def follows_people(organization) -> bool:
    """Whether the organization's kind accompanies people (any of its members may)."""
    return organization.kind_group in RULES[Capability.FOLLOW_PERSONS][0]


def employer_company_of(organization) -> Company | None:
    """The company record of an organization that recruits for itself (a company, a GE,
    an SIAE): created from the organization the first time it writes an offer."""
    company = Company.objects.filter(organization=organization).first()
    if company is not None:
        return company
    company = Company.objects.filter(siret=organization.siret, organization__isnull=True).first()
    if company is None:
        company = Company(
            siret=organization.siret,
            name=organization.name,
            commune=organization.commune,
            address=organization.address,
            is_employer_group=organization.kind_group == KindGroup.EMPLOYER_GROUP,
            is_demo=organization.is_demo,
        )
    company.organization = organization
    company.save()
    return company


# --- offers ---------------------------------------------------------------------------


@transaction.atomic
def offer_create(
    *,
    organization,
    user,
    company: Company,
    data: dict,
    written_by_organization=None,
    is_demo: bool = False,
) -> JobOffer:
    """A draft offer held by `organization`, for `company`. When the holder follows
    people and is not the employer, it wrote the offer with the employer: it is recorded
    as such, and the interest left on the public board goes to it."""
    unknown = set(data) - EDITABLE_FIELDS
    if unknown:
        raise ValidationError(f"Champs inconnus : {', '.join(sorted(unknown))}.")
    if company is None:
        raise ValidationError("Choisissez l'entreprise qui recrute.")
    if (
        written_by_organization is None
        and company.organization_id != organization.pk
        and follows_people(organization)
    ):
        written_by_organization = organization
    offer = JobOffer(
        organization=organization,
        written_by_organization=written_by_organization,
        company=company,
        created_by=user,
        is_demo=is_demo,
        **data,
    )
    _locate(offer)
    _validate(offer)
    offer.text_is_custom = False
    _recompose(offer)
    index_offer(offer)
    offer.save()
    OfferTransition.record(offer, to_state=OfferState.DRAFT, user=user)
    return offer


def board_place(latitude, longitude) -> dict:
    """An offer's fields that place it on the board: the commune's coordinates and their
    unit vector, which the board's index reads (none without coordinates)."""
    if latitude is None or longitude is None:
        x = y = z = None
    else:
        x, y, z = unit_vector(latitude, longitude)
    return {"latitude": latitude, "longitude": longitude, "unit_x": x, "unit_y": y, "unit_z": z}


def _locate(offer: JobOffer) -> None:
    """The commune's place, copied where the board's index reads it (`_validate`
    refuses a commune without coordinates)."""
    for field, value in board_place(offer.commune.latitude, offer.commune.longitude).items():
        setattr(offer, field, value)


@transaction.atomic
def offer_update(*, offer: JobOffer, user, data: dict, now=None) -> JobOffer:
    """Change the offer's fields (one step of the guided form, or the API): the text is
    composed again unless it was retouched by hand; the offer counts as updated."""
    require_offer_manager(offer, user)
    offer = JobOffer.objects.select_for_update().get(pk=offer.pk)
    if offer.state not in state_machine.EDITABLE_STATES:
        raise ValidationError(
            f"Cette offre est « {offer.get_state_display().lower()} » : elle ne se modifie plus."
        )
    unknown = set(data) - EDITABLE_FIELDS
    if unknown:
        raise ValidationError(f"Champs inconnus : {', '.join(sorted(unknown))}.")
    for name, value in data.items():
        setattr(offer, name, value)
    _locate(offer)
    _validate(offer)
    _recompose(offer)
    index_offer(offer)
    _touch(offer, now)
    offer.save()
    return offer


@transaction.atomic
def offer_set_text(*, offer: JobOffer, user, title: str, text: str, now=None) -> JobOffer:
    """Keep the text as retouched by hand (or composed again when `text` is empty)."""
    require_offer_manager(offer, user)
    offer = JobOffer.objects.select_for_update().get(pk=offer.pk)
    if offer.state not in state_machine.EDITABLE_STATES:
        raise ValidationError("Cette offre ne se modifie plus.")
    title, text = title.strip(), text.strip()
    composed = composed_text(offer)
    if not text and not title:
        offer.text_is_custom = False
        offer.title, offer.text = composed.title, composed.text
    else:
        if not title:
            raise ValidationError("Donnez un titre à l'offre.")
        if len(title) > 200:
            raise ValidationError("Le titre tient en 200 caractères au plus.")
        if not text:
            raise ValidationError("Le texte de l'offre ne peut pas être vide.")
        offer.title, offer.text = title, text
        offer.text_is_custom = (title, text) != (composed.title, composed.text)
    index_offer(offer)
    _touch(offer, now)
    offer.save()
    return offer


def _touched(now=None) -> dict:
    """The fields that start an offer's 60 days again."""
    return {"last_updated_at": now or timezone.now(), "reminder_sent_at": None}


def _touch(offer: JobOffer, now=None) -> None:
    for name, value in _touched(now).items():
        setattr(offer, name, value)


@transaction.atomic
def offer_transition(
    *,
    offer: JobOffer,
    user,
    to_state: str,
    comment: str = "",
    confirm_sensitive_words: bool = False,
    now=None,
    hired_introduction_id: int | None = None,
    filled_elsewhere: bool = False,
) -> JobOffer:
    """Move the offer along its lifecycle. The comment shows in the offer's history,
    which the employer reads: it is checked like any text for an employer.

    « Pourvue » says who was hired: one of the people introduced to the offer
    (`hired_introduction_id`; an open introduction then moves to « embauchée » through
    `introduction_answer`, with what follows a hire), or someone found elsewhere
    (`filled_elsewhere`). The offer's log row keeps which."""
    require_offer_manager(offer, user)
    check_text_for_employer(comment, confirmed=confirm_sensitive_words, field="comment")
    offer = JobOffer.objects.select_for_update().get(pk=offer.pk)
    # The lifecycle first: a move it refuses is told so before what the offer lacks.
    state_machine.LIFECYCLE.check(offer.state, to_state)
    now = now or timezone.now()
    changes = {}
    if to_state == OfferState.PUBLISHED:
        _ready_to_publish(offer)
        changes = {"published_at": now, **_touched(now)}
    filled = {}
    if to_state == OfferState.FILLED:
        filled = _filled_by(offer, user, hired_introduction_id, filled_elsewhere)
    elif hired_introduction_id is not None or filled_elsewhere:
        raise ValidationError("Qui a été embauché·e se dit en marquant l'offre « pourvue ».")
    moved = move(
        offer, to_state, log=OfferTransition, user=user, comment=comment, now=now, changes=changes
    )
    if filled:
        row = OfferTransition.objects.filter(offer=offer).latest("at", "id")
        for name, value in filled.items():
            setattr(row, name, value)
        row.save(update_fields=list(filled))
    return moved


def hire_choices(offer: JobOffer):
    """The introductions « pourvue » may name: the people still in the running, and
    those already hired."""
    return (
        offer.introductions.filter(
            state__in=(*state_machine.OPEN_INTRODUCTION_STATES, IntroductionState.HIRED)
        )
        .select_related("person", "introduced_by")
        .order_by("created_at", "id")
    )


def _filled_by(offer: JobOffer, user, introduction_id, elsewhere: bool) -> dict:
    if introduction_id is not None and elsewhere:
        raise ValidationError(
            "Choisissez une seule réponse : une personne présentée, ou « pourvue par ailleurs »."
        )
    if elsewhere:
        return {"filled_elsewhere": True}
    if introduction_id is None:
        raise ValidationError(
            "Dites qui a été embauché·e : une des personnes présentées, "
            "ou « pourvue par ailleurs »."
        )
    introduction = hire_choices(offer).filter(pk=introduction_id).first()
    if introduction is None:
        raise ValidationError(
            "Cette personne n'est pas candidate à cette offre, ou sa candidature est close."
        )
    if introduction.state != IntroductionState.HIRED:
        introduction_answer(introduction=introduction, user=user, to_state=IntroductionState.HIRED)
    return {"filled_by": introduction}


@transaction.atomic
def offer_confirm_current(*, offer: JobOffer, user=None, now=None) -> JobOffer:
    """« Toujours d'actualité » : the 60 days start again."""
    require_offer_manager(offer, user)
    offer = JobOffer.objects.select_for_update().get(pk=offer.pk)
    if offer.state != OfferState.PUBLISHED:
        raise ValidationError("Seule une offre publiée se confirme « toujours d'actualité ».")
    _touch(offer, now)
    offer.save()
    return offer


def offers_due(now=None) -> dict:
    """What the schedule has to do now: offers to remind, offers to pause."""
    now = now or timezone.now()
    published = JobOffer.objects.published()
    remind = published.filter(
        last_updated_at__lte=now - timedelta(days=state_machine.REMINDER_DAYS),
        reminder_sent_at__isnull=True,
    )
    pause = published.filter(
        last_updated_at__lte=now - timedelta(days=state_machine.PAUSE_DAYS),
        reminder_sent_at__lte=now - timedelta(days=state_machine.NOTICE_DAYS),
    )
    return {"remind": list(remind), "pause": list(pause)}


@transaction.atomic
def offers_follow_up(now=None) -> dict:
    """Remind the holder of a published offer 53 days after its last update, and pause
    it at 60 days (7 days at least after the reminder). Idempotent: the task worker runs
    it every hour."""
    now = now or timezone.now()
    due = offers_due(now)
    paused = 0
    for offer in due["pause"]:
        try:
            move(
                offer,
                OfferState.PAUSED,
                log=OfferTransition,
                user=None,
                comment=f"Sans mise à jour depuis {state_machine.PAUSE_DAYS} jours.",
                now=now,
            )
        except TransitionRefused:
            continue  # moved by its holder since it was listed: it stays where they put it
        paused += 1
    for offer in due["remind"]:
        offer.reminder_sent_at = now
        offer.save()
        pk = offer.pk
        transaction.on_commit(lambda pk=pk: send_offer_reminder.enqueue(offer_id=pk))
    return {"reminded": len(due["remind"]), "paused": paused}


# --- introductions ----------------------------------------------------------------------


def _introduction_event(
    introduction: Introduction, title: str, detail: str = "", *, organization=None, actor=None
) -> None:
    """Every step of an introduction is a milestone: the prescriber who oriented the
    person sees it with the team (never anything the employer may not read either)."""
    record_event(
        person=introduction.person,
        kind=EventKind.INTRODUCTION,
        title=title,
        detail=detail,
        audience=Audience.MILESTONE,
        organization=organization or introduction.introduced_by,
        subject=introduction,
        actor=user_of(actor) if actor is not None else None,
    )


class IntroductionMoveRefused(TransitionRefused):
    """The introduction's state does not allow this move (the API answers 409)."""


def _check_move(introduction: Introduction, to_state: str, refusal: str = "") -> None:
    """Before what else the move needs, refuse it in the words of the service making it
    (`move()` checks it again under its lock)."""
    if not state_machine.INTRODUCTION_LIFECYCLE.allowed(introduction.state, to_state):
        raise IntroductionMoveRefused(
            f"Cette mise en relation est « {introduction.get_state_display().lower()} » : "
            + (refusal or "cette réponse n'est plus possible.")
        )


def _move_introduction(introduction, to_state, *, user, comment="", changes=None):
    return move(
        introduction,
        to_state,
        log=IntroductionTransition,
        user=user,
        comment=comment,
        changes=changes,
    )


def _locked(introduction: Introduction) -> Introduction:
    """The introduction read again under its row lock, with what its moves show (the
    offer's company and its account, the person, the introducer). On PostgreSQL the lock
    takes the introduction's own row only: FOR UPDATE cannot reach the nullable side of
    the joins that load the company's account."""
    return (
        Introduction.objects.select_for_update(of=("self",))
        .select_related("offer__company__organization", "person", "introduced_by")
        .get(pk=introduction.pk)
    )


@transaction.atomic
def introduction_create(
    *,
    offer: JobOffer,
    person: Person,
    organization,
    user,
    comment: str = "",
    confirm_sensitive_words: bool = False,
    is_demo=False,
) -> Introduction:
    """A structure proposes a person it follows to the employer of a published offer.
    The employer reads the comment: one that speaks of health, disability, justice,
    benefits or family is refused unless the writer confirms it says nothing of the
    person (`confirm_sensitive_words`)."""
    check_text_for_employer(comment, confirmed=confirm_sensitive_words, field="comment")
    if offer.state != OfferState.PUBLISHED:
        raise ValidationError("On ne présente une personne que pour une offre publiée.")
    follows = Person.objects.followed_by(user).filter(pk=person.pk).exists()
    if not follows:
        raise ValidationError("Vous ne pouvez présenter qu'une personne que vous accompagnez.")
    if _open_introduction(offer, person):
        raise ValidationError(f"{person} est déjà présenté·e pour cette offre.")
    introduction = Introduction(
        offer=offer,
        person=person,
        introduced_by=organization,
        introduced_by_user=user,
        comment=comment.strip(),
        is_demo=is_demo,
    )
    try:
        with transaction.atomic():
            introduction.save()
    except IntegrityError as error:  # a concurrent introduction won the race
        raise ValidationError(f"{person} est déjà présenté·e pour cette offre.") from error
    IntroductionTransition.record(introduction, to_state=IntroductionState.PROPOSED, user=user)
    _introduction_event(
        introduction, f"Présenté·e à {offer.company} pour l'offre « {offer.title} »", actor=user
    )
    return introduction


SHORTLIST_MAX = 5


@transaction.atomic
def introductions_create_many(
    *,
    offer: JobOffer,
    persons,
    organization,
    user,
    comment: str = "",
    confirm_sensitive_words: bool = False,
) -> list[Introduction]:
    """A shortlist of up to SHORTLIST_MAX people presented to the employer in one
    action, each through `introduction_create` and its rules, in one transaction: if
    one cannot be introduced, none is, and the error names each person refused and why."""
    people = list(dict.fromkeys(persons))
    if not people:
        raise ValidationError("Choisissez au moins une personne à présenter.")
    if len(people) > SHORTLIST_MAX:
        raise ValidationError(
            f"On présente au plus {SHORTLIST_MAX} personnes à la fois ({len(people)} choisies)."
        )
    # The same words go to the employer for everyone: checked once, one message.
    check_text_for_employer(comment, confirmed=confirm_sensitive_words, field="comment")
    made, refused = [], []
    for person in people:
        try:
            made.append(
                introduction_create(
                    offer=offer,
                    person=person,
                    organization=organization,
                    user=user,
                    comment=comment,
                    confirm_sensitive_words=True,
                )
            )
        except ValidationError as error:
            refused.append(f"{person} : {' '.join(error.messages)}")
    if refused:
        # Raising rolls back the introductions already made in this transaction.
        raise ValidationError(["Personne n'a été présenté·e. Impossible de présenter :", *refused])
    return made


def _open_introduction(offer, person) -> bool:
    return Introduction.objects.filter(
        offer=offer, person=person, state__in=state_machine.OPEN_INTRODUCTION_STATES
    ).exists()


@transaction.atomic
def introduction_answer(
    *,
    introduction: Introduction,
    user,
    to_state: str,
    reason: str = "",
    comment: str = "",
    on: date | None = None,
    via_link: bool = False,
) -> Introduction:
    """The employer's answer: an interview (on an optional date), a hire (from an
    optional start date), or a decline with its reason. `user` is the employer's user,
    the structure's recording an answer given by phone, or `SYSTEM` for the holder of
    the emailed link (`via_link`, whose page checked the token). A hire runs what
    follows it (`offers.hired.after_hire`) in this same transaction."""
    require_introduction_answerer(introduction, user)
    if to_state not in state_machine.EMPLOYER_ANSWERS:
        raise ValidationError("Réponse inconnue : entretien, embauche ou refus motivé.")
    introduction = _locked(introduction)
    _check_move(introduction, to_state)
    comment = comment.strip()
    changes = {"answer_comment": comment, "answered_at": timezone.now()}
    if to_state == IntroductionState.DECLINED:
        if reason not in DeclineReason.values:
            raise ValidationError("Choisissez le motif dans la liste.")
        if reason == DeclineReason.OTHER and not comment:
            raise ValidationError("Précisez le motif en commentaire.")
        changes["decline_reason"] = reason
    if len(comment) > 500:
        raise ValidationError("Le commentaire tient en 500 caractères au plus.")
    if on is not None:
        check_plausible_date(on)
    if to_state == IntroductionState.INTERVIEW:
        changes["interview_on"] = on
    elif to_state == IntroductionState.HIRED:
        changes["starts_on"] = on
    by_link = f"Par le lien envoyé à {introduction.sent_to}" if via_link else ""
    _move_introduction(introduction, to_state, user=user, comment=by_link, changes=changes)
    company = introduction.offer.company
    when = f" le {on:%d/%m/%Y}" if on else ""
    titles = {
        IntroductionState.INTERVIEW: f"Entretien prévu avec {company}{when}",
        IntroductionState.HIRED: f"Embauché·e par {company}"
        + (f" à partir du {on:%d/%m/%Y}" if on else ""),
        IntroductionState.DECLINED: f"Non retenu·e par {company} : "
        f"{introduction.get_decline_reason_display()}",
    }
    if via_link:
        comment = " — ".join(filter(None, [comment, "Réponse donnée par le lien reçu par e-mail."]))
    # Credited to who answered: the employer's own organization, or the structure
    # managing the offer that records the answer of an employer without an account.
    offer = introduction.offer
    # (The demo answers with no user, as the employer.)
    answered_for = (
        credited_organization(
            user, company.organization, offer.organization, offer.written_by_organization
        )
        or company.organization
    )
    _introduction_event(
        introduction, titles[to_state], detail=comment, organization=answered_for, actor=user
    )
    if to_state == IntroductionState.HIRED:
        hired.after_hire(introduction, user)
    # The structure that introduced the person is told (email and « À traiter »); the
    # demo's answers are history, not news.
    if not introduction.is_demo:
        pk = introduction.pk
        transaction.on_commit(lambda: send_employer_answer_notice.enqueue(introduction_id=pk))
    return introduction


def _employer_organization(introduction: Introduction):
    return introduction.offer.company.organization


@transaction.atomic
def introduction_send(*, introduction: Introduction, user, email: str, now=None) -> Introduction:
    """« Envoyer à l'employeur »: the structure emails the employer's contact a signed
    link to this introduction (no account needed; `offers.introduction_link`). From
    « proposée »; sending again while « envoyée » (a wrong address, a lost email)
    replaces the link, the previous one then reads as expired."""
    require_introduction_structure(introduction, user)
    email = (email or "").strip().lower()
    try:
        validate_email(email)
    except ValidationError:
        raise ValidationError(
            "Indiquez l'adresse électronique du contact chez l'employeur."
        ) from None
    introduction = _locked(introduction)
    again = introduction.state == IntroductionState.SENT
    if not again:
        _check_move(introduction, IntroductionState.SENT, "elle ne s'envoie plus.")
    if introduction.offer.state != OfferState.PUBLISHED:
        raise ValidationError("Cette offre n'est plus publiée : la candidature ne s'envoie pas.")
    sending = {"sent_to": email, "sent_at": now or timezone.now()}
    company = introduction.offer.company
    if again:  # a new link, no new state: nothing for the log
        for name, value in sending.items():
            setattr(introduction, name, value)
        introduction.save()
        _introduction_event(introduction, f"Candidature renvoyée à {company}", actor=user)
    else:
        _move_introduction(introduction, IntroductionState.SENT, user=user, changes=sending)
        _introduction_event(introduction, f"Candidature envoyée à {company}", actor=user)
    pk = introduction.pk
    transaction.on_commit(lambda: send_introduction_link.enqueue(introduction_id=pk))
    return introduction


@transaction.atomic
def introduction_mark_seen(*, introduction: Introduction, actor, via_link: bool = False):
    """The employer opened the introduction: its emailed link (`actor` is `SYSTEM`), or
    its space (the employer's user). Once: an introduction seen, answered or closed
    stays as it is. Returns whether it moved."""
    introduction = _locked(introduction)
    if introduction.state not in state_machine.UNSEEN_INTRODUCTION_STATES:
        return False
    how = "par le lien reçu par e-mail" if via_link else "dans son espace"
    by_link = f"Par le lien envoyé à {introduction.sent_to}" if via_link else ""
    _move_introduction(
        introduction,
        IntroductionState.SEEN,
        user=actor,
        comment=by_link,
        changes={"seen_at": timezone.now()},
    )
    _introduction_event(
        introduction,
        f"L'employeur {introduction.offer.company} a vu la candidature",
        detail=f"Ouverte {how}.",
        organization=_employer_organization(introduction) or introduction.introduced_by,
        actor=actor,
    )
    return True


STRUCTURE_TITLES = {
    IntroductionState.WITHDRAWN: "La personne a renoncé à la candidature chez {company}",
    IntroductionState.CANCELLED: "Mise en relation avec {company} annulée par {structure}",
}


@transaction.atomic
def introduction_close(
    *, introduction: Introduction, user, to_state: str, comment: str = ""
) -> Introduction:
    """The introducing structure closes an open introduction: « retirée » (the person
    said no) or « annulée » (an error). The link page then shows it closed."""
    require_introduction_structure(introduction, user)
    if to_state not in STRUCTURE_TITLES:
        raise ValidationError("Choisissez : la personne a renoncé, ou annuler.")
    comment = comment.strip()
    if len(comment) > 255:
        raise ValidationError("Le commentaire tient en 255 caractères au plus.")
    introduction = _locked(introduction)
    _check_move(introduction, to_state, "elle est déjà close.")
    _move_introduction(introduction, to_state, user=user, comment=comment)
    title = STRUCTURE_TITLES[to_state].format(
        company=introduction.offer.company, structure=introduction.introduced_by
    )
    _introduction_event(introduction, title, detail=comment, actor=user)
    return introduction


def introduction_transition(
    *,
    introduction: Introduction,
    user,
    to_state: str,
    reason: str = "",
    comment: str = "",
    on: date | None = None,
    email: str = "",
) -> Introduction:
    """One entry for the API: each move goes to its service, which checks its actor."""
    if to_state == IntroductionState.SENT:
        return introduction_send(introduction=introduction, user=user, email=email)
    if to_state in STRUCTURE_TITLES:
        return introduction_close(
            introduction=introduction, user=user, to_state=to_state, comment=comment
        )
    if to_state == IntroductionState.SEEN:
        raise ValidationError("« Vue » se note seule, quand l'employeur ouvre la candidature.")
    return introduction_answer(
        introduction=introduction,
        user=user,
        to_state=to_state,
        reason=reason,
        comment=comment,
        on=on,
    )


def hires_fill_the_offer(offer: JobOffer) -> bool:
    """Whether the hires on the offer reach its number of positions: the pages then
    suggest « Marquer pourvue » (nothing marks an offer filled by itself: a hire may
    fall through, and the employer may recruit more)."""
    if offer.state not in (OfferState.PUBLISHED, OfferState.PAUSED):
        return False
    hires = offer.introductions.filter(state=IntroductionState.HIRED).count()
    return hires >= offer.positions


# --- interest from the public board -----------------------------------------------------


def interest_recipient(offer: JobOffer):
    """Who receives the interest: the holder if it follows people, otherwise the
    structure that wrote the offer with the employer if it does; None for the employer
    space (an `OfferInterest`)."""
    for organization in (offer.organization, offer.written_by_organization):
        if organization is not None and follows_people(organization):
            return organization
    return None


def _interest_heading(offer: JobOffer) -> str:
    return f"Intéressé·e par l'offre « {offer.title} »"


@transaction.atomic
def interest_submit(
    *,
    offer: JobOffer,
    first_name: str,
    last_name: str,
    email: str = "",
    phone: str = "",
    commune=None,
    message: str = "",
    now=None,
):
    """« Je suis intéressé·e » on the public board. Lands as a referral « candidature sur
    une offre », naming the offer, in the inbox of the structure that holds (or wrote)
    the offer, with a new person record created by that structure; or, for an employer
    on its own, as an `OfferInterest`. Returns the referral or the interest.

    One visitor, one request: the same email or phone on the same offer within
    `request_keys.REPEAT_WINDOW` (30 days) joins the first request — no second person,
    no second referral —, appending what the visitor says new; the visitor is not told
    which it was. Two submits racing make one request too: the second waits on the
    first's contact rows and joins it (`request_keys`)."""
    now = now or timezone.now()
    if offer.state != OfferState.PUBLISHED:
        raise ValidationError("Cette offre n'est plus publiée.")
    if not (email.strip() or phone.strip()):
        raise ValidationError("Indiquez un téléphone ou une adresse électronique.")
    request = {
        "offer": offer,
        "recipient": interest_recipient(offer),
        "identity": {
            "first_name": first_name,
            "last_name": last_name,
            "email": email,
            "phone": phone,
        },
        "commune": commune,
        "message": message,
        "digests": request_keys.contact_digests(email=email, phone=phone),
        "now": now,
    }
    try:
        with transaction.atomic():
            return _interest_once(**request)
    except IntegrityError:
        # A twin submit took one of the contacts between our read and our write; it has
        # committed by now (the insert waited for it): read again, and join its request.
        return _interest_once(**request)


def _interest_once(*, offer, recipient, identity, commune, message, digests, now):
    keys = request_keys.locked_keys(offer, digests)
    current, anchor = request_keys.current_request(keys, recipient=recipient, now=now)
    if current is not None:
        return request_keys.join(
            current,
            offer=offer,
            anchor=anchor,
            digests=digests,
            keys=keys,
            email=identity["email"],
            phone=identity["phone"],
            message=message,
            now=now,
        )
    request_keys.claim(offer, digests, keys, now=now)
    if recipient is None:
        made = _interest_create(offer=offer, identity=identity, commune=commune, message=message)
    else:
        made = _offer_referral_create(
            offer=offer, recipient=recipient, identity=identity, commune=commune, message=message
        )
    request_keys.point_at(offer, digests, made)
    return made


def _interest_create(*, offer, identity, commune, message) -> OfferInterest:
    interest = OfferInterest(
        offer=offer,
        first_name=identity["first_name"].strip(),
        last_name=identity["last_name"].strip(),
        email=identity["email"].strip().lower(),
        phone=identity["phone"].strip(),
        commune=commune,
        message=message.strip(),
    )
    interest.full_clean()
    interest.save()
    transaction.on_commit(lambda: send_interest_notice.enqueue(offer_id=offer.pk))
    return interest


def _offer_referral_create(*, offer, recipient, identity, commune, message) -> Referral:
    person = person_create(
        organization=recipient,
        user=None,
        consent_method=ConsentMethod.ONLINE,
        data={**identity, "commune": commune},
    )
    tell_of_likely_duplicates(person=person, structure=recipient, identity=identity)
    motivation = f"{_interest_heading(offer)} ({offer.company})."
    if message.strip():
        motivation += f"\n\nMessage : {message.strip()}"
    return referral_create(
        person=person,
        to_organization=recipient,
        motivation=motivation,
        from_organization=None,
        channel=Channel.OFFER,
        offer=offer,
        wanted_job=offer.appellation,
    )
