"""The public application page (no sign-in): a person finds a structure open to
referrals near them and applies; the application lands in the structure's inbox.

Public pages count requests per visitor address and minute (`lib.rate_limit`, 429
beyond), and the form carries a field hidden from people and a one-time token with the
time it was shown: robots fill the first and answer too fast, and a form sent again
writes nothing. Nothing here says whether someone is already known."""

from urllib.parse import urlencode

from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods

from lib import form_tokens, rate_limit
from organizations.directory import public_structures, structures_search, with_profile
from organizations.directory_forms import PublicStructureSearchForm
from referrals.entry import self_referral_submit
from referrals.entry_forms import MAX_FILL_SECONDS, SelfReferralForm, fill_token
from referrals.state_machine import EXPIRY_DAYS

PAGE_SIZE = 25
SEARCH_RADIUS_KM = 30
PAGES_PER_MINUTE = 60
SUBMISSIONS_PER_MINUTE = 5


def over_limit(request, scope: str, per_minute: int) -> bool:
    """Count this request for the visitor's address; True once past `per_minute`."""
    return rate_limit.address_over_limit(request, scope, limit=per_minute, seconds=60)


def _too_many(request):
    return render(
        request,
        "referrals/public_too_many.html",
        {"title": "Trop de demandes"},
        status=429,
    )


@require_GET
def self_referral(request):
    if over_limit(request, "self_referral_pages", PAGES_PER_MINUTE):
        return _too_many(request)
    form = PublicStructureSearchForm(request.GET or None)
    found = []
    if form.is_valid():
        found = structures_search(
            commune=form.cleaned_data["commune"], radius_km=SEARCH_RADIUS_KM, public=True
        )
    page = Paginator(found, PAGE_SIZE).get_page(request.GET.get("page"))
    with_profile(page.object_list)
    return render(
        request,
        "referrals/public_search.html",
        {
            "title": "Trouver une structure qui vous accompagne vers l'emploi",
            "form": form,
            "page": page,
            "radius_km": SEARCH_RADIUS_KM,
        },
        status=400 if form.is_bound and not form.is_valid() else 200,
    )


@require_http_methods(["GET", "POST"])
def self_referral_form(request, pk):
    structure = public_structures().filter(pk=pk).first()
    if structure is None:
        raise Http404("Cette structure ne reçoit pas de candidature en ligne.")
    scope, limit = (
        ("self_referral_posts", SUBMISSIONS_PER_MINUTE)
        if request.method == "POST"
        else ("self_referral_pages", PAGES_PER_MINUTE)
    )
    if over_limit(request, scope, limit):
        return _too_many(request)
    form = SelfReferralForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        thanks = f"{reverse('self_referral_thanks')}?{urlencode({'structure': structure.pk})}"
        if form.is_spam:
            return redirect(thanks)  # said as for a person; nothing is written
        try:
            with form_tokens.used_once(form.token, keep_seconds=MAX_FILL_SECONDS + 60):
                self_referral_submit(
                    structure=structure,
                    identity=form.identity(),
                    message=form.cleaned_data["message"],
                )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            return redirect(thanks)
    return render(
        request,
        "referrals/public_form.html",
        {
            "title": f"Candidater auprès de {structure.name}",
            "structure": structure,
            "form": form,
            "started": fill_token(),
        },
        status=400 if request.method == "POST" else 200,
    )


@require_GET
def self_referral_thanks(request):
    if over_limit(request, "self_referral_pages", PAGES_PER_MINUTE):
        return _too_many(request)
    value = request.GET.get("structure", "")
    structure = public_structures().filter(pk=value).first() if value.isdigit() else None
    return render(
        request,
        "referrals/public_thanks.html",
        {"title": "Votre demande est envoyée", "structure": structure, "days": EXPIRY_DAYS},
    )
