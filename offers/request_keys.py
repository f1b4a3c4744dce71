"""What makes a visitor's « Je suis intéressé·e » one request: the same email or the same
phone (normalised), on the same offer, within `REPEAT_WINDOW`, is the same visitor
asking again. Their request is found through `OfferRequestKey` (one row per offer and
contact, unique), joined, and the new message appended to it; nothing else is written.

The visitor is never told which case it was: `offers.services.interest_submit` returns
the request either way and the page thanks them the same.

The functions here run inside `interest_submit`'s transaction; the row locks and the
unique constraint are what keep two submits racing from making two requests."""

from datetime import timedelta

from django.utils import timezone
from django.utils.crypto import salted_hmac

from offers.models import JobOffer, OfferInterest, OfferRequestKey
from persons.duplicates import normalized_phone
from referrals.models import Referral
from timeline.models import Audience, EventKind
from timeline.services import record_event

# The same contact asking about the same offer within this time is one request.
REPEAT_WINDOW = timedelta(days=30)

_DIGEST_SALT = "offers.request_keys.contact"


def contact_digests(*, email: str = "", phone: str = "") -> list[str]:
    """The keyed digests of the visitor's contacts, sorted (rows are always locked and
    written in the same order, so two submits never wait on each other crosswise).
    Email in lower case, phone in digits with +33 read as 0: « Lea@Exemple.fr » and
    « 06 12 34 56 78 » meet « lea@exemple.fr » and « 0612345678 »."""
    contacts = []
    if email.strip():
        contacts.append(f"email:{email.strip().lower()}")
    digits = normalized_phone(phone or "")
    if digits:
        contacts.append(f"phone:{digits}")
    return sorted(
        {salted_hmac(_DIGEST_SALT, contact, algorithm="sha256").hexdigest() for contact in contacts}
    )


def locked_keys(offer: JobOffer, digests: list[str]) -> list[OfferRequestKey]:
    """The offer's rows for these contacts, locked until the transaction ends (a twin
    submit waits here for this one to finish)."""
    return list(
        OfferRequestKey.objects.select_for_update()
        .filter(offer=offer, digest__in=digests)
        .order_by("digest")
    )


def current_request(keys: list[OfferRequestKey], *, recipient, now):
    """The request one of the keys made within the window, addressed as a request made
    now would be (a referral to `recipient`, or an interest when it is None), the
    oldest first, locked, with its key; (None, None) when a new request is due."""
    since = now - REPEAT_WINDOW
    for key in sorted(keys, key=lambda k: (k.received_at, k.pk)):
        if key.received_at < since:
            continue
        if recipient is None and key.interest_id is not None:
            return OfferInterest.objects.select_for_update().get(pk=key.interest_id), key
        if recipient is not None and key.referral_id is not None:
            referral = (
                Referral.objects.select_for_update(of=("self",))
                # An anonymised file (erased on request) takes nothing more.
                .filter(
                    pk=key.referral_id,
                    to_organization=recipient,
                    person__anonymised_at__isnull=True,
                )
                .first()
            )
            if referral is not None:
                return referral, key
    return None, None


def claim(offer: JobOffer, digests: list[str], keys: list[OfferRequestKey], *, now) -> None:
    """Take the contacts for a new request before it is written: a key that does not
    exist yet is inserted (a twin submit that inserted it first makes this raise
    IntegrityError once it commits), one past its window starts again from now."""
    known = {key.digest: key for key in keys}
    for digest in digests:
        key = known.get(digest)
        if key is None:
            OfferRequestKey.objects.create(offer=offer, digest=digest, received_at=now)
        else:
            key.referral, key.interest, key.received_at = None, None, now
            key.save()


def point_at(offer: JobOffer, digests: list[str], request) -> None:
    """The claimed keys now name the request they made."""
    is_referral = isinstance(request, Referral)
    OfferRequestKey.objects.filter(offer=offer, digest__in=digests).update(
        referral=request if is_referral else None,
        interest=None if is_referral else request,
    )


def _point(key: OfferRequestKey, request) -> None:
    is_referral = isinstance(request, Referral)
    key.referral = request if is_referral else None
    key.interest = None if is_referral else request


def join(
    request,
    *,
    offer: JobOffer,
    anchor: OfferRequestKey,
    digests: list[str],
    keys: list[OfferRequestKey],
    email: str,
    phone: str,
    message: str,
    now,
):
    """The visitor asked again within the window (`anchor` is the key that found their
    request): the request stays the one, reachable from every contact they gave, and
    what they say new is appended to it (logged by the audit trail, and on the person's
    timeline for a referral). The same text sent again appends nothing."""
    since = now - REPEAT_WINDOW
    known = {key.digest: key for key in keys}
    for digest in digests:
        key = known.get(digest) or OfferRequestKey(offer=offer, digest=digest)
        if key.pk is None or key.received_at < since:
            # A new contact, or one whose own request is past: it leads here now.
            _point(key, request)
            key.received_at = anchor.received_at
            key.save()
    addition = _addition(request, email=email, phone=phone, message=message, now=now)
    if addition:
        _append(request, addition, offer=offer)
    return request


def _known_contacts(request) -> tuple[str, str]:
    if isinstance(request, Referral):
        return request.person.email, request.person.phone
    return request.email, request.phone


def _addition(request, *, email: str, phone: str, message: str, now) -> str:
    """What the repeat says that the request does not already hold: a new message, a way
    to call back it did not give yet."""
    text = request.motivation if isinstance(request, Referral) else request.message
    known_email, known_phone = _known_contacts(request)
    lines = []
    message = message.strip()
    if message and message not in text:
        lines.append(f"Message : {message}")
    contacts = []
    if email.strip() and email.strip().lower() != known_email.lower() and email.strip() not in text:
        contacts.append(email.strip())
    digits = normalized_phone(phone or "")
    if digits and digits != normalized_phone(known_phone) and phone.strip() not in text:
        contacts.append(phone.strip())
    if contacts:
        lines.append(f"Autres coordonnées : {', '.join(contacts)}")
    if not lines:
        return ""
    when = timezone.localtime(now).strftime("%d/%m/%Y")
    return f"Nouvelle demande le {when}.\n" + "\n".join(lines)


def _append(request, addition: str, *, offer: JobOffer) -> None:
    if isinstance(request, OfferInterest):
        request.message = f"{request.message}\n\n{addition}".strip()
        request.save(update_fields=["message"])
        return
    request.motivation = f"{request.motivation}\n\n{addition}"
    request.save(update_fields=["motivation", "updated_at"])
    record_event(
        person=request.person,
        kind=EventKind.REFERRAL,
        title=f"Nouvelle demande sur l'offre « {offer.title} »",
        detail=addition,
        audience=Audience.ORGANIZATION,
        organization=request.to_organization,
        subject=request,
    )


def keys_expire(now) -> int:
    """Delete the contact rows past their window: they join nothing any more, and a
    contact's digest is not kept longer than it serves (the retention run calls this)."""
    deleted, _ = OfferRequestKey.objects.filter(received_at__lt=now - REPEAT_WINDOW).delete()
    return deleted
