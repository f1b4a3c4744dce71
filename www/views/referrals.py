"""The two lists of referrals: the structure's inbox (with its bulk actions) and the
sender's « Mes orientations », each with the figures of the chosen period."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from access.policy import Capability, require
from exits import selectors as exit_selectors
from indicators.selectors import referral_figures
from lib.counted_page import counted_page
from lib.plural import count_of, suffix
from offers.offer_requests import with_offer_reach
from referrals import selectors, services
from referrals.endings import endings_for
from referrals.forms import BulkForm, InboxFilterForm, SentFilterForm

PAGE_SIZE = 25


def _acting_for(request, capability: Capability):
    organization = request.current_organization
    require(request.user, capability, organization)
    return organization


def _filters(form) -> dict:
    """What the filter form validated; an invalid field filters nothing."""
    form.is_valid()
    return getattr(form, "cleaned_data", {})


def _inbox_context(request, organization, bulk_form=None) -> dict:
    form = InboxFilterForm(
        request.GET or None,
        prescribers=selectors.inbox_prescribers(request.user, organization),
    )
    data = _filters(form)
    referrals = selectors.inbox(
        request.user,
        organization,
        state=data.get("etat") or "",
        channel=data.get("canal") or "",
        prescriber=data.get("prescripteur"),
        age=data.get("anciennete") or "",
        sort=data.get("tri") or "",
    )
    since, until = form.bounds()
    received = selectors.received_referrals(request.user, organization)
    return {
        "title": "Orientations reçues",
        "organization": organization,
        "form": form,
        "filtered": any(data.get(name) for name in ("etat", "canal", "prescripteur", "anciennete")),
        "page": counted_page(
            with_offer_reach(referrals, request.user), request.GET.get("page"), PAGE_SIZE
        ),
        "figures": referral_figures(selectors.in_period(received, since, until)),
        "since": since,
        "until": until,
        "bulk_form": bulk_form or BulkForm(received=received),
        "warning_days": selectors.AGE_WARNING_DAYS,
        "alert_days": selectors.AGE_ALERT_DAYS,
    }


@login_required
@require_GET
def referral_inbox(request):
    organization = _acting_for(request, Capability.FOLLOW_PERSONS)
    context = _inbox_context(request, organization)
    status = 400 if context["form"].errors else 200
    return render(request, "referrals/inbox.html", context, status=status)


@login_required
@require_POST
def referral_inbox_bulk(request):
    organization = _acting_for(request, Capability.FOLLOW_PERSONS)
    received = selectors.received_referrals(request.user, organization)
    form = BulkForm(request.POST, received=received)
    if form.is_valid():
        chosen = form.cleaned_data["referrals"]
        try:
            if form.cleaned_data["action"] == "refus":
                count = services.referrals_refuse_many(
                    referrals=chosen,
                    user=request.user,
                    reason=form.cleaned_data["reason"],
                    comment=form.cleaned_data["comment"],
                )
                messages.success(request, f"{count_of(count, 'orientation refusée')}.")
            else:
                count = services.referrals_mark_seen_many(referrals=chosen, user=request.user)
                messages.success(
                    request,
                    f"{count_of(count, 'orientation marquée')} comme vue{suffix(count)}.",
                )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            back = request.POST.get("retour", "")
            return redirect(reverse("referral_inbox") + (f"?{back}" if back else ""))
    context = _inbox_context(request, organization, bulk_form=form)
    return render(request, "referrals/inbox.html", context, status=400)


@login_required
@require_GET
def referral_sent_list(request):
    organization = _acting_for(request, Capability.REFER_PERSONS)
    form = SentFilterForm(request.GET or None)
    data = _filters(form)
    since, until = form.bounds()
    referrals = selectors.sent_list(
        request.user, organization, state=data.get("etat") or "", since=since, until=until
    )
    sent = selectors.sent_referrals(request.user, organization)
    page = counted_page(
        exit_selectors.with_review_flag(referrals), request.GET.get("page"), PAGE_SIZE
    )
    context = {
        "title": "Mes orientations",
        "organization": organization,
        "form": form,
        "filtered": bool(data.get("etat")),
        "page": page,
        "figures": referral_figures(selectors.in_period(sent, since, until)),
        "since": since,
        "until": until,
        "endings": endings_for(organization),
    }
    return render(request, "referrals/sent_list.html", context, status=400 if form.errors else 200)
