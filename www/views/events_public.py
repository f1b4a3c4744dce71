"""The public page of the events open to all (no sign-in): the list, an event's page
and its registration form. Rate-limited per visitor address, with a field hidden from
people and a one-time token that tells a robot's speed, as the other public forms
(`www.views.referrals_public`)."""

from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods

from events.forms import MAX_FILL_SECONDS, PublicRegistrationForm, public_fill_token
from events.selectors import open_to_all
from events.services import register_public
from lib import form_tokens
from www.views.referrals_public import over_limit

PAGE_SIZE = 25
PAGES_PER_MINUTE = 60
SUBMISSIONS_PER_MINUTE = 5


def _too_many(request):
    # The visitor came for an event: the way back is the list of open events, not the
    # self-referral form the referrals' page of the same name leads to.
    return render(
        request,
        "public/too_many.html",
        {
            "title": "Trop de demandes",
            "back_url": reverse("public_event_list"),
            "back_label": "Retour aux événements ouverts à tous",
        },
        status=429,
    )


@require_GET
def public_event_list(request):
    if over_limit(request, "public_events_pages", PAGES_PER_MINUTE):
        return _too_many(request)
    page = Paginator(open_to_all(), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request, "events/public_list.html", {"title": "Événements ouverts à tous", "page": page}
    )


@require_http_methods(["GET", "POST"])
def public_event(request, event_pk):
    event = open_to_all().filter(pk=event_pk).first()
    if event is None:
        raise Http404("Cet événement n'est pas ouvert aux inscriptions en ligne.")
    scope, limit = (
        ("public_events_posts", SUBMISSIONS_PER_MINUTE)
        if request.method == "POST"
        else ("public_events_pages", PAGES_PER_MINUTE)
    )
    if over_limit(request, scope, limit):
        return _too_many(request)
    form = PublicRegistrationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if form.is_spam:
            return redirect("public_event_thanks", event_pk=event.pk)  # nothing is written
        try:
            with form_tokens.used_once(form.token, keep_seconds=MAX_FILL_SECONDS + 60):
                register_public(
                    event=event,
                    name=form.cleaned_data["name"],
                    email=form.cleaned_data["email"],
                    phone=form.cleaned_data["phone"],
                )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            return redirect("public_event_thanks", event_pk=event.pk)
    return render(
        request,
        "events/public_detail.html",
        {"title": event.title, "event": event, "form": form, "started": public_fill_token()},
        status=400 if request.method == "POST" else 200,
    )


@require_GET
def public_event_thanks(request, event_pk):
    if over_limit(request, "public_events_pages", PAGES_PER_MINUTE):
        return _too_many(request)
    event = open_to_all().filter(pk=event_pk).first()
    return render(
        request,
        "events/public_thanks.html",
        {"title": "Votre inscription est enregistrée", "event": event},
    )
