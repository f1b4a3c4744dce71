"""The page behind the link emailed to a partner service that has no account on
Parcours (no sign-in): the person's name and the need the team wrote for the service,
never anything else of their file, and the answer: accept, refuse with a reason, then
say when the service was given.

The token is the only key (`partner_services.links`): a token that is not ours answers
the same 404 whatever it names; an expired or replaced one, a page naming the team to
contact; once the referral is closed (refused, done, cancelled), its result, read only.
Each opening is recorded as a read of the person's data. Requests are limited per
address, like the employer's link."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from audit.context import SYSTEM
from audit.reads import log_sensitive_read
from lib import rate_limit
from partner_services import links, services, state_machine
from partner_services.forms import ReferralTransitionForm

# Per address and minute: the pages opened (a partner reads, answers, reads again).
LIMIT = 30


@require_http_methods(["GET", "POST"])
def service_referral_link(request, token):
    if rate_limit.address_over_limit(request, "service-referral-link", limit=LIMIT, seconds=60):
        return render(request, "public/too_many.html", {"title": "Trop de demandes"}, status=429)
    found = links.read(token)
    if found is None:
        raise Http404("Ce lien n'existe pas.")
    referral = found.referral
    if found.expired:
        return render(
            request,
            "partner_services/link_expired.html",
            {"title": "Lien expiré", "referral": referral},
            status=410,
        )
    # The link answers for the service only: accept, refuse, done.
    moves = [
        to_state
        for to_state in state_machine.LIFECYCLE.next_states(referral.state)
        if to_state in state_machine.PARTNER_MOVES
    ]
    form = ReferralTransitionForm(request.POST or None, moves=moves)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                services.service_referral_transition(
                    referral=referral,
                    to_state=form.cleaned_data["to_state"],
                    comment=form.cleaned_data["comment"],
                    refusal_reason=form.cleaned_data["refusal_reason"],
                    done_on=form.cleaned_data["done_on"],
                    user=SYSTEM,
                    via_link=True,
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(
                    request,
                    "Merci : votre réponse est transmise à l'équipe qui accompagne la personne.",
                )
                return redirect("service_referral_link", token=token)
    log_sensitive_read(
        user=request.user,
        person=referral.person,
        what=f"Orientation n° {referral.pk} vers {referral.service.name} ouverte par le lien "
        f"envoyé à {referral.link_sent_to}",
        organization=referral.from_organization,
        path=request.path[:40],  # the token is a key: never written whole in a log
    )
    return render(
        request,
        "partner_services/link.html",
        {
            "title": "Une personne orientée vers votre service",
            "referral": referral,
            "form": form,
            "moves": moves,
            "expires_at": links.expires_at(referral),
        },
        status=status,
    )
