"""Reads of what an offer received from the public board, each as its reader may see it:
a structure the referrals addressed to it (« candidature sur une offre »), the
organizations that manage the offer the interests left for the employer — through the
fields of `offers.employer_view` only, the same for all, so that an employer never reads
more of a visitor than its own space shows."""

from dataclasses import dataclass

from django.db.models import Exists, OuterRef

from offers.employer_view import interest_card
from offers.models import JobOffer, OfferInterest
from referrals.selectors import readable_referrals


@dataclass(frozen=True)
class OfferRequests:
    referrals: list  # Referral, with its person and receiving structure
    interests: list[dict]  # `employer_view.interest_card`s, with the interest's id

    def __len__(self) -> int:
        return len(self.referrals) + len(self.interests)


def requests_of(user, offer: JobOffer) -> OfferRequests:
    """The requests `offer` received that `user` may see, newest first. The caller has
    fetched the offer through `offers.access.offer_for`."""
    referrals = (
        readable_referrals(user)
        .filter(offer=offer)
        .select_related("person", "to_organization")
        .order_by("-created_at", "-id")
    )
    interests = (
        OfferInterest.objects.visible_to(user)
        .filter(offer=offer)
        .select_related("offer", "commune")
        .order_by("-created_at", "-id")
    )
    return OfferRequests(
        referrals=list(referrals),
        interests=[{"id": i.pk, **interest_card(i)} for i in interests],
    )


def with_offer_reach(referrals, user):
    """Referrals with the offer they name and `offer_managed`: whether `user` may open
    the offer's management page (otherwise the public page, while it is published)."""
    return referrals.select_related("offer").annotate(
        offer_managed=Exists(JobOffer.objects.managed_by(user).filter(pk=OuterRef("offer_id")))
    )
