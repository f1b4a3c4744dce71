"""The page behind the link emailed to an employer's contact (no sign-in): the person
introduced as the employer space shows them (`offers.employer_view`, never barriers,
health, notes, plan or contact details), and the answer: « Entretien prévu », « Embauché·e »
or « Non retenu·e » with its reason.

The token is the only key (`offers.introduction_link`): a token that is not ours answers
the same 404 whatever it names; an expired or replaced one, a page naming the structure
to contact; once answered or closed, the result, read only. Opening the page marks the
introduction seen and each opening is recorded as a read of the person's data. Requests
are limited per address, like the public board's forms."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from audit.context import SYSTEM
from audit.reads import log_sensitive_read
from lib import rate_limit
from offers import introduction_link as links
from offers import services
from offers.employer_view import candidate_card
from offers.forms import AnswerForm
from offers.selectors import candidate_by_link
from offers.state_machine import INTRODUCTION_LIFECYCLE

# Per address and minute: the pages opened (a contact reads, answers, reads again).
LIMIT = 30


@require_http_methods(["GET", "POST"])
def introduction_link(request, token):
    if rate_limit.address_over_limit(request, "introduction-link", limit=LIMIT, seconds=60):
        return render(request, "public/too_many.html", {"title": "Trop de demandes"}, status=429)
    found = links.read(token)
    if found is None:
        raise Http404("Ce lien n'existe pas.")
    introduction = found.introduction
    if found.expired:
        return render(
            request,
            "offers/introduction_link_expired.html",
            {"title": "Lien expiré", "structure": introduction.introduced_by},
            status=410,
        )
    form = AnswerForm(request.POST or None)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                services.introduction_answer(
                    introduction=introduction,
                    user=SYSTEM,
                    to_state=form.cleaned_data["to_state"],
                    reason=form.cleaned_data["reason"],
                    comment=form.cleaned_data["comment"],
                    on=form.cleaned_data["on"],
                    via_link=True,
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, "Merci : votre réponse est transmise à la structure.")
                return redirect("introduction_link", token=token)
    else:
        services.introduction_mark_seen(introduction=introduction, actor=SYSTEM, via_link=True)
    log_sensitive_read(
        user=request.user,
        person=introduction.person,
        what=f"Mise en relation n° {introduction.pk} ouverte par le lien envoyé à "
        f"{introduction.sent_to}",
        organization=introduction.introduced_by,
        path=request.path[:40],  # the token is a key: never written whole in a log
    )
    candidate = candidate_by_link(introduction)
    answers = [
        (value, label)
        for value, label in form.fields["to_state"].choices
        if value in INTRODUCTION_LIFECYCLE.next_states(candidate.introduction.state)
    ]
    return render(
        request,
        "offers/introduction_link.html",
        {
            "title": "Une candidature pour votre offre",
            "candidate": candidate_card(candidate),
            "structure": introduction.introduced_by,
            "form": form,
            "answers": answers,
            "expires_at": links.expires_at(introduction),
        },
        status=status,
    )
