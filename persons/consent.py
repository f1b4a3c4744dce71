"""A record created before the person's consent could be asked (seed 000: « accueillir
sans condition »: someone walks in, says little, and is seen again next week). The
counsellor writes the record with the consent « à recueillir au prochain rendez-vous »;
it stays pending until a consent to the support is recorded (`services.consent_record`).

Meanwhile the record stays with the structure that wrote it, and holds no more than
the first meeting needs. Refused until the consent is recorded:
- anything that shares the record outside the structure: a referral to another
  structure, a seat on the team for another organization, a hand-over of a Sas IAE
  to another structure;
- what is sensitive or heavy to hold without consent: a barrier of a sensitive theme
  (health, justice, family), an uploaded document.
The identity, the situation, the wishes, the pathway in the structure, the plan and
the notes of the meetings stay open: they are the support itself.
"""

from django.core.exceptions import ValidationError

PENDING_LABEL = "Consentement à recueillir"


def require_consent(person, what: str) -> None:
    """Refuse `what` (« orienter la personne »…) while the person's consent is pending."""
    if getattr(person, "consent_pending", False):
        raise ValidationError(
            f"Le consentement de la personne reste à recueillir : {what} attend qu'il soit "
            "enregistré (« Situation et projet », Consentements)."
        )
