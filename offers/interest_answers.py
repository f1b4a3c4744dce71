"""The employer's answer to an interest left on the public board: a simple step
(« contacté·e », « entretien proposé », « pas de suite ») recorded with who and when, in
the audit trail like every change. It may be changed (an interview after a call); the
request leaves the to-do list once answered."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from offers.access import require_interest_answerer
from offers.enums import InterestAnswer
from offers.models import OfferInterest


@transaction.atomic
def interest_answer(*, interest: OfferInterest, user, answer: str) -> OfferInterest:
    require_interest_answerer(interest, user)
    if answer not in InterestAnswer.values:
        raise ValidationError("Choisissez votre réponse dans la liste.")
    interest = OfferInterest.objects.select_for_update().get(pk=interest.pk)
    if interest.answer == answer:
        return interest
    interest.answer = answer
    interest.answered_at = timezone.now()
    interest.answered_by = user
    interest.save()
    return interest
