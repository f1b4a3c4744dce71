from django.db import models

# The contract types are the project's one list.
from persons.enums import ContractType

__all__ = ["ConsentScope", "ContractType", "StoryState"]


class StoryState(models.TextChoices):
    DRAFT = "draft", "Brouillon"
    SUBMITTED = "submitted", "En relecture"
    SENT_BACK = "sent_back", "Renvoyée pour correction"
    PUBLISHED = "published", "Publiée"
    UNPUBLISHED = "unpublished", "Dépubliée"
    WITHDRAWN = "withdrawn", "Consentement retiré"


class ConsentScope(models.TextChoices):
    """What the person agreed to, each scope including the ones before it: a story on
    the public site may be printed and read by the structure's partners too."""

    INTERNAL = "internal", "Usage interne (équipes et partenaires du territoire)"
    PRINT = "print", "Usage interne et supports imprimés"
    PUBLIC = "public", "Site public, supports imprimés et usage interne"


PRINTABLE_SCOPES = (ConsentScope.PRINT, ConsentScope.PUBLIC)

# The text read to (or by) the person before they agree; kept with the consent as it
# was shown, so a later change of wording does not change what they agreed to.
CONSENT_TEXT = (
    "J'accepte que mon parcours vers l'emploi soit raconté sous un prénom d'emprunt, "
    "sans mon nom, sans mes coordonnées et sans rien de ma santé ni de ma situation "
    "personnelle, pour l'usage indiqué ci-dessous. Je peux retirer mon accord à tout "
    "moment en le demandant à ma structure : l'histoire est alors retirée aussitôt."
)
