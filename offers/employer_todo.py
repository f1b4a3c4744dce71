"""The employer's home as a to-do list, in the order an employer acts: the candidates
and requests waiting for an answer (oldest first), then the interviews coming (soonest
first), then the structures' proposals to change the company's record, then the offers
that need an update (those the reminder would flag, 53 days without one). Each line
says what to do and leads to where it is done."""

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.urls import reverse
from django.utils import timezone

from lib.text import of
from offers import state_machine
from offers.enums import IntroductionState, OfferState
from offers.models import Introduction


@dataclass(frozen=True)
class Todo:
    group: str  # "answer", "interview", "proposal", "offer": the order of the list
    when: date | datetime | None
    what: str
    detail: str
    url: str
    action: str

    @property
    def label(self) -> str:
        return GROUPS[self.group]


GROUPS = {
    "answer": "Réponse attendue",
    "interview": "Entretien à venir",
    "proposal": "Fiche à vérifier",
    "offer": "Offre à mettre à jour",
}


def _introduction_todo(introduction: Introduction, today: date) -> Todo | None:
    if introduction.state not in state_machine.OPEN_INTRODUCTION_STATES:
        return None
    url = reverse("employer_candidate", args=[introduction.pk])
    name = introduction.person.display_name_for_employer
    title = introduction.offer.title
    if introduction.state == IntroductionState.INTERVIEW:
        if introduction.interview_on is None or introduction.interview_on >= today:
            return Todo(
                "interview",
                introduction.interview_on,
                f"Entretien avec {name} pour « {title} »",
                "Date à convenir" if introduction.interview_on is None else "",
                url,
                "Voir la candidature",
            )
        # The interview is past: the employer owes the final answer.
        return Todo(
            "answer",
            introduction.interview_on,
            f"{name} : entretien passé pour « {title} »",
            "Embauche ou non ?",
            url,
            "Donner votre réponse",
        )
    return Todo(
        "answer",
        introduction.created_at,
        f"Candidature de {name} pour « {title} »",
        f"Présentée par {introduction.introduced_by.name}",
        url,
        "Donner votre réponse",
    )


def _sort_key(todo: Todo):
    when = todo.when
    if isinstance(when, datetime):
        when = timezone.localtime(when).date()
    return (list(GROUPS).index(todo.group), when is None, when or date.min)


def _proposals_todo(record) -> Todo | None:
    waiting = getattr(record, "waiting", 0) if record is not None else 0
    if not waiting:
        return None
    return Todo(
        "proposal",
        record.waiting_since,
        "Proposition de modification de la fiche à examiner",
        f"{waiting} proposition{'s' if waiting > 1 else ''} en attente de votre réponse "
        f"pour la fiche {of(record.name)}",
        reverse("company_proposals", args=[record.pk]),
        "Examiner et répondre",
    )


def employer_todo(introductions, interests, offers, *, record=None, now=None) -> list[Todo]:
    """`introductions` waiting on the employer (`offers.selectors.waiting_introductions`,
    already read for the page), `interests` and `offers` of the employer (querysets: only
    what waits is read), and the employer's `record` in the register with its proposals
    waiting counted (`companies.selectors.own_record`)."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    todos = [t for t in (_introduction_todo(i, today) for i in introductions) if t is not None]
    if proposals := _proposals_todo(record):
        todos.append(proposals)
    for interest in interests.filter(answer=""):
        todos.append(
            Todo(
                "answer",
                interest.created_at,
                f"Demande de {interest.first_name} {interest.last_name} "
                f"pour « {interest.offer.title} »",
                "Reçue sur le site des offres",
                reverse("employer_interest", args=[interest.pk]),
                "Donner votre réponse",
            )
        )
    stale = offers.filter(
        state=OfferState.PUBLISHED,
        last_updated_at__lte=now - timedelta(days=state_machine.REMINDER_DAYS),
    )
    for offer in stale:
        todos.append(
            Todo(
                "offer",
                offer.last_updated_at,
                f"« {offer.title} » ({offer.company.name})",
                "Sans mise à jour depuis plus de "
                f"{state_machine.REMINDER_DAYS} jours : toujours d'actualité ?",
                reverse("offer_detail", args=[offer.pk]),
                "Mettre à jour l'offre",
            )
        )
    return sorted(todos, key=_sort_key)
