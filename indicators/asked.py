"""The scope and period as the API asks for them (`scope=organization|territory|funder&id=`,
`from=&to=`), turned into the key `scopes.scope_for` reads and a `Period`: one reading
for every endpoint that gives figures (the indicators, the reports)."""

from datetime import date
from typing import Literal

from django.core.exceptions import ValidationError
from django.utils import timezone
from ninja import Field, Schema

from access.policy import active_memberships
from indicators.forms import MAX_DAYS
from indicators.periods import Period, last_quarter
from indicators.scopes import FUNDER, ORGANIZATION, default_key
from pathways.enums import PathwayKind


class FiguresQuery(Schema):
    scope: Literal["organization", "territory", "funder"] | None = Field(
        None,
        description="`organization`, `territory` ou `funder` (les structures qu'un "
        "financeur finance) ; par défaut, celui de l'accueil",
    )
    id: str | None = Field(
        None,
        max_length=12,
        description="Identifiant de l'organisation (ou du financeur), ou SIREN de l'EPCI "
        "ou code du département",
    )
    from_: date | None = Field(None, alias="from", description="Début (inclus), AAAA-MM-JJ")
    to: date | None = Field(None, description="Fin (incluse) ; par défaut le trimestre dernier")
    pathway_kind: PathwayKind | None = Field(None, description="Type de parcours")


def asked_key(user, scope: str | None, id_: str | None) -> str:
    """The scope key: the organization by default, an EPCI by its 9-digit SIREN, a
    département by its code; without an id, the one the user's home page would show."""
    if not id_:
        memberships = active_memberships(user)
        return default_key(user, memberships[0].organization if memberships else None)
    if scope == ORGANIZATION or scope is None:
        return f"organisation:{id_}"
    if scope == FUNDER:
        return f"financeur:{id_}"
    return f"epci:{id_}" if len(id_) == 9 else f"departement:{id_}"


def asked_period(start: date | None, end: date | None) -> Period:
    """The period between the two dates; last quarter when neither is given."""
    if start is None and end is None:
        return last_quarter(timezone.localdate())
    if start is None or end is None:
        raise ValidationError("Indiquez les deux dates de la période (from et to).")
    if start > end:
        raise ValidationError("La date de début (from) est après la date de fin (to).")
    if (end - start).days >= MAX_DAYS:
        raise ValidationError("Choisissez une période de trois ans au plus.")
    return Period(start, end)
