"""The one way pages, API handlers and services fetch and authorise an offer or an
introduction.

- `offer_for(user, pk, manage=...)`: an offer one of the user's organizations holds,
  wrote, or is the employer of (404 otherwise, even for a published offer: the public
  board has its own pages); with `manage`, one of those organizations must also let the
  user manage offers (403: the user already sees the offer).
- `introduction_for_employer(user, pk, organization)`: an introduction to an offer
  `organization` answers for as the employer (its company's, or, for an employer group,
  its own and its member companies': `offers.models.employer_offers_q`; 404 otherwise).
- `interest_for_employer(user, pk, organization)`: the same for an interest left on the
  public board; `require_interest_answerer` for the service that answers it.
- `introduction_for(user, pk)`: an introduction the user's organizations made or whose
  offer they manage (employer included; 404 otherwise): what each move then checks.
- `introduction_for_structure(user, pk)`: an introduction one of the user's
  organizations made (404 otherwise).
- `require_offer_manager(offer, user)`: for the services, the same rule on an offer
  handed in by the caller.
- `require_introduction_answerer` / `require_introduction_structure`: for the services,
  who may answer for the employer, and who moves an introduction for the structure.
"""

from django.core.exceptions import PermissionDenied
from django.http import Http404

from access.policy import Capability, active_memberships, can
from audit.context import SYSTEM
from offers.models import Introduction, JobOffer, OfferInterest

OFFER_NOT_FOUND = "Offre introuvable."
NOT_A_MANAGER = "Votre rôle ne permet pas de modifier cette offre."
INTRODUCTION_NOT_FOUND = "Mise en relation introuvable."
INTEREST_NOT_FOUND = "Demande introuvable."


def _may_manage(user, offer: JobOffer) -> bool:
    related = (offer.organization, offer.written_by_organization, offer.company.organization)
    return any(
        organization is not None and can(user, Capability.MANAGE_OFFERS, organization)
        for organization in related
    )


def offer_for(user, pk, *, manage: bool = True) -> JobOffer:
    offer = (
        JobOffer.objects.managed_by(user)
        .select_related(
            "company__organization",
            "commune",
            "appellation__rome",
            "organization",
            "written_by_organization",
        )
        .filter(pk=pk)
        .first()
    )
    if offer is None:
        raise Http404(OFFER_NOT_FOUND)
    if manage and not _may_manage(user, offer):
        raise PermissionDenied(NOT_A_MANAGER)
    return offer


def require_offer_manager(offer: JobOffer, user) -> None:
    """Services that change an offer for a user call this; the system (periodic tasks,
    the confirmation link sent by email) acts with no user and skips it."""
    if user is None:
        return
    offer_for(user, offer.pk, manage=True)


def introduction_for_employer(user, pk, organization=None) -> Introduction:
    introduction = Introduction.objects.for_employer(user, organization).filter(pk=pk).first()
    if introduction is None:
        raise Http404(INTRODUCTION_NOT_FOUND)
    return introduction


def interest_for_employer(user, pk, organization=None) -> OfferInterest:
    interest = (
        OfferInterest.objects.for_employer(user, organization)
        .select_related("offer__company", "commune")
        .filter(pk=pk)
        .first()
    )
    if interest is None:
        raise Http404(INTEREST_NOT_FOUND)
    return interest


def require_interest_answerer(interest: OfferInterest, user) -> None:
    """An interest is answered by the employer it was left for (its company, or the
    employer group of a member company)."""
    if user is None or not OfferInterest.objects.for_employer(user).filter(pk=interest.pk).exists():
        raise PermissionDenied("Seul l'employeur répond à cette demande.")


def introduction_for(user, pk) -> Introduction:
    introduction = (
        Introduction.objects.visible_to(user)
        .select_related("offer__company__organization", "introduced_by")
        .filter(pk=pk)
        .first()
    )
    if introduction is None:
        raise Http404(INTRODUCTION_NOT_FOUND)
    return introduction


def introduction_for_structure(user, pk) -> Introduction:
    organizations = [m.organization_id for m in active_memberships(user)]
    introduction = (
        Introduction.objects.filter(introduced_by_id__in=organizations)
        .select_related("offer__company__organization", "introduced_by", "person")
        .filter(pk=pk)
        .first()
    )
    if introduction is None:
        raise Http404(INTRODUCTION_NOT_FOUND)
    return introduction


def require_introduction_structure(introduction: Introduction, user) -> None:
    """Sending, withdrawing and cancelling are the introducing structure's: a member who
    follows people there. The system (demo data) acts as `SYSTEM`."""
    if user is SYSTEM:
        return
    if user is None or not can(user, Capability.FOLLOW_PERSONS, introduction.introduced_by):
        raise PermissionDenied("Seule la structure qui a présenté la personne le peut.")


def require_introduction_answerer(introduction: Introduction, user) -> None:
    """The employer answers an introduction; the structure that manages the offer may
    record the answer of an employer who has no account. The system (demo data), and
    the holder of the link emailed to the employer (checked by its page), act as
    `SYSTEM` (or, for older callers, with no user) and skip the check."""
    if user is None or user is SYSTEM:
        return
    if Introduction.objects.for_employer(user).filter(pk=introduction.pk).exists():
        return
    if not _may_manage(user, introduction.offer):
        raise PermissionDenied("Seul l'employeur ou la structure qui gère l'offre répond.")
