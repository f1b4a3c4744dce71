"""Likely duplicates of a person about to be created: the same names and birth date,
or the same email, or the same phone. Compared on normalized values so that « Élodie
MARTIN » and « elodie martin » meet.

The names and birth date are also held as one identity key, unique among the active
records: two creations of the same person at the same moment cannot both pass the check
(the database refuses the second), on SQLite and PostgreSQL alike."""

from django.core.exceptions import ValidationError
from django.db.models import Q

from lib.phonetic import name_key
from lib.text import normalize
from persons.models import Person


def normalized_phone(phone: str) -> str:
    digits = "".join(c for c in phone if c.isdigit())
    if digits.startswith("33") and len(digits) == 11:
        digits = "0" + digits[2:]
    return digits


def search_name_of(first_name: str, last_name: str) -> str:
    return normalize(f"{last_name} {first_name}")


def identity_key_of(*, first_name: str, last_name: str, birth_date) -> str | None:
    """Normalized names and birth date; None when one is missing (an anonymised record
    has none: it no longer holds anyone's identity)."""
    if birth_date is None or not normalize(first_name or "") or not normalize(last_name or ""):
        return None
    return f"{search_name_of(first_name, last_name)}|{birth_date.isoformat()}"


DUPLICATE_MESSAGE = "Un dossier semble déjà exister pour cette personne."


class DuplicatePersonError(ValidationError):
    """Another active record holds the same names and birth date."""

    def __init__(self):
        super().__init__(DUPLICATE_MESSAGE, code="duplicate")


def likely_duplicates(
    *, first_name="", last_name="", birth_date=None, email="", phone="", exclude_pk=None
):
    """Existing persons (all of them, whoever follows them: the caller decides what to
    show) that look like the one described: names that sound the same (in any order,
    any spelling close enough: `lib.phonetic`) and a birth date that does not differ —
    a record without one, or a new person typed without one, is proposed on the names
    alone; or the same email; or the same phone."""
    conditions = Q(pk__in=[])
    key = name_key(first_name or "", last_name or "")
    if first_name and last_name and key:
        same_names = Q(name_key=key)
        if birth_date:
            same_names &= Q(birth_date=birth_date) | Q(birth_date__isnull=True)
        conditions |= same_names
    if email:
        conditions |= Q(email__iexact=email.strip())
    phone = normalized_phone(phone)
    if len(phone) >= 9:
        conditions |= Q(phone=phone)
    people = Person.objects.active().filter(conditions)
    if exclude_pk:
        people = people.exclude(pk=exclude_pk)
    return people.order_by("last_name", "first_name", "id")


def same_identity(*, prefix: str = "", **identity) -> Q:
    """Records carrying exactly this identity as `person_create` would store it (names
    compared normalized, email in lower case, phone in digits): the same form sent
    twice, not a likely duplicate. `prefix` reaches the person from another model
    (« person__ »)."""
    email = (identity.get("email") or "").strip().lower()
    phone = identity.get("phone") or ""
    return Q(
        **{
            f"{prefix}search_name": search_name_of(
                (identity.get("first_name") or "").strip(),
                (identity.get("last_name") or "").strip(),
            ),
            f"{prefix}email": email,
            f"{prefix}phone": normalized_phone(phone) if phone else "",
            f"{prefix}birth_date": identity.get("birth_date"),
        }
    )
