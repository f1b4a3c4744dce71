"""The public job board (no sign-in): published offers by commune and radius, job and
contract; an offer's page with « Je suis intéressé·e »; the suggestions its fields need;
and the one-click « toujours d'actualité » of the reminder email.

Nothing private is ever shown here: only published offers, and of them only what the
offer itself says. The forms are rate-limited per address (`lib.rate_limit`, fixed
windows) and protected from bots by a honeypot field and a minimum time to fill them;
the interest form's stamp is a one-time token, so a form sent again writes nothing, and
the same visitor asking again about the same offer joins their first request
(`offers.request_keys`): either way the visitor sees the same thanks."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from jobs.forms import appellation_label
from jobs.selectors import appellations_search
from lib import form_tokens, rate_limit
from lib.geo import SEARCH_RADII_KM
from matching.access import may_rank
from offers import services
from offers.composition import blocks
from offers.confirmation import offer_from_token
from offers.forms import (
    MAX_FILL_SECONDS,
    BoardSearchForm,
    InterestForm,
    family_label,
    started_stamp,
)
from offers.models import JobOffer
from offers.selectors import board_search
from territories.forms import commune_label
from territories.selectors import communes_search

PAGE_SIZE = 25
# « Élargir à 50 km »: the widest radius the board offers.
WIDEST_RADIUS_KM = max(SEARCH_RADII_KM)
# Per address and minute: searches and suggestions (people type), interest forms sent.
LIMITS = {"board": 120, "options": 240, "interest": 5}


def over_limit(request, bucket: str) -> bool:
    """Count this request in the address's bucket for the current minute; True once
    the bucket's limit is passed."""
    return rate_limit.address_over_limit(
        request, f"public-offers:{bucket}", limit=LIMITS[bucket], seconds=60
    )


def _too_many(request):
    return render(
        request,
        "public/too_many.html",
        {"title": "Trop de demandes"},
        status=429,
    )


@require_GET
def public_offer_list(request):
    if over_limit(request, "board"):
        return _too_many(request)
    form = BoardSearchForm(request.GET or None)
    further = None
    if form.is_bound and form.is_valid():
        arguments = form.search_arguments()
        results = board_search(**arguments)
    elif form.is_bound:
        results = []
    else:
        results = board_search()
    page = Paginator(results, PAGE_SIZE).get_page(request.GET.get("page"))
    commune = form.cleaned_data.get("commune") if form.is_bound and form.is_valid() else None
    if commune is not None and not page.paginator.count:
        further = _further(request, arguments)
    return render(
        request,
        "public/offer_list.html",
        {
            "title": "Offres d'emploi publiées",
            "form": form,
            "page": page,
            "commune": commune,
            "further": further,
        },
        status=400 if form.is_bound and not form.is_valid() else 200,
    )


def _further(request, arguments: dict) -> dict:
    """Nothing near the commune: how many offers the same search finds within the widest
    radius, and anywhere, with the links that widen it."""
    query = request.GET.copy()
    query.pop("page", None)
    wider = anywhere = 0
    if arguments["radius_km"] < WIDEST_RADIUS_KM:
        wider = len(board_search(**{**arguments, "radius_km": WIDEST_RADIUS_KM}))
        query["rayon"] = WIDEST_RADIUS_KM
    wider_url = f"{request.path}?{query.urlencode()}"
    if not wider:
        anywhere = len(board_search(**{**arguments, "commune": None}))
        query.pop("commune", None)
        query.pop("rayon", None)
    return {
        "radius_km": WIDEST_RADIUS_KM,
        "wider": wider,
        "wider_url": wider_url,
        "anywhere": anywhere,
        "anywhere_url": f"{request.path}?{query.urlencode()}",
    }


def _published(offer_pk: int) -> JobOffer:
    offer = (
        JobOffer.objects.published()
        .select_related("company", "commune", "appellation")
        .filter(pk=offer_pk)
        .first()
    )
    if offer is None:
        raise Http404("Cette offre n'est pas publiée.")
    return offer


@require_http_methods(["GET", "POST"])
def public_offer_detail(request, offer_pk):
    if request.method == "GET" and over_limit(request, "board"):
        return _too_many(request)
    offer = _published(offer_pk)
    form = InterestForm(request.POST or None, initial={"started": started_stamp()})
    status = 200
    if request.method == "POST":
        if over_limit(request, "interest"):
            return _too_many(request)
        status = 400
        if form.is_valid():
            if form.is_spam:
                # Said as if it worked: a bot learns nothing.
                return redirect("public_offer_sent", offer_pk=offer.pk)
            data = form.cleaned_data
            try:
                with form_tokens.used_once(form.token, keep_seconds=MAX_FILL_SECONDS + 60):
                    services.interest_submit(
                        offer=offer,
                        first_name=data["first_name"],
                        last_name=data["last_name"],
                        email=data["email"],
                        phone=data["phone"],
                        commune=data["commune"],
                        message=data["message"],
                    )
            except ValidationError as error:
                if error.code != form_tokens.REPLAYED_CODE:
                    form.add_error(None, error)
                else:
                    # The same form sent again (a double click, a reload): the first
                    # one made the request, and the visitor is thanked the same.
                    return redirect("public_offer_sent", offer_pk=offer.pk)
            else:
                return redirect("public_offer_sent", offer_pk=offer.pk)
        form.data = form.data.copy()
        form.data["started"] = started_stamp()
    return render(
        request,
        "public/offer_detail.html",
        {
            "title": offer.title,
            "offer": offer,
            "text_blocks": blocks(offer.text),
            "form": form,
            "ranks_candidates": may_rank(request.user),
        },
        status=status,
    )


@require_GET
def public_offer_sent(request, offer_pk):
    offer = _published(offer_pk)
    return render(request, "public/offer_sent.html", {"title": "Demande envoyée", "offer": offer})


@require_GET
def public_commune_options(request):
    if over_limit(request, "options"):
        return render(request, "includes/commune_options.html", {"options": []}, status=429)
    query = request.GET.get("commune") or request.GET.get("q", "")
    communes = communes_search(query, limit=8) if len(query.strip()) >= 2 else []
    return render(
        request, "includes/commune_options.html", {"options": [commune_label(c) for c in communes]}
    )


@require_GET
def public_job_options(request):
    """Job titles, then the families they belong to (« Tous les métiers : … »)."""
    if over_limit(request, "options"):
        return render(request, "includes/commune_options.html", {"options": []}, status=429)
    query = request.GET.get("metier") or request.GET.get("q", "")
    found = appellations_search(query, limit=6) if len(query.strip()) >= 2 else []
    families = list(dict.fromkeys(a.rome for a in found))[:2]
    options = [appellation_label(a) for a in found] + [family_label(r) for r in families]
    return render(request, "includes/commune_options.html", {"options": options})


@require_http_methods(["GET", "POST"])
def offer_still_current(request, token):
    """The reminder email's link: one button to keep the offer published."""
    offer = offer_from_token(token, offers=JobOffer.objects.published())
    if offer is None:
        return render(request, "public/still_current.html", {"title": "Lien expiré", "offer": None})
    if request.method == "POST":
        services.offer_confirm_current(offer=offer, user=None)
        messages.success(request, "Merci : l'offre reste publiée 60 jours de plus.")
        return redirect("public_offer_detail", offer_pk=offer.pk)
    return render(
        request,
        "public/still_current.html",
        {"title": "Toujours d'actualité ?", "offer": offer},
    )
