"""The employer space: users of a company or an employer group see their company's
offers and the people introduced to them — first name and initial, how they fit, their
availability; never barriers, health or notes — and answer."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.html import format_html_join
from django.views.decorators.http import require_GET, require_POST

from offers import services, state_machine
from offers.access import introduction_for_employer
from offers.employer_view import candidate_card, interest_card
from offers.enums import IntroductionState
from offers.forms import AnswerForm
from offers.selectors import candidates_for_employer, interests_for_employer, offers_for_list
from organizations.enums import KindGroup

PAGE_SIZE = 25
EMPLOYER_GROUPS = (KindGroup.COMPANY, KindGroup.EMPLOYER_GROUP)


def _require_employer(request):
    organization = request.current_organization
    if organization is None or organization.kind_group not in EMPLOYER_GROUPS:
        raise PermissionDenied("L'espace employeur est celui des entreprises et des groupements.")
    return organization


@login_required
@require_GET
def employer_space(request):
    organization = _require_employer(request)
    offers = offers_for_list(request.user).filter(company__organization=organization)
    page = Paginator(offers, PAGE_SIZE).get_page(request.GET.get("page"))
    candidates = candidates_for_employer(request.user, organization=organization)
    # Opening the space is how an employer with an account sees who was introduced: the
    # structures are told once (« vue par l'employeur »), found among the candidates
    # already read, so a space with nothing new costs no query more.
    for candidate in candidates:
        if candidate.introduction.state in state_machine.UNSEEN_INTRODUCTION_STATES:
            services.introduction_mark_seen(introduction=candidate.introduction, actor=request.user)
            candidate.introduction.state = IntroductionState.SEEN
    interests = interests_for_employer(request.user).filter(
        offer__company__organization=organization
    )[:50]
    cards = [candidate_card(c) for c in candidates]
    form = AnswerForm()
    # The answer's options, written once for the page rather than once per person.
    to_state_options = {
        state: _options(form.fields["to_state"].choices, leaving_out=state)
        for state in state_machine.OPEN_INTRODUCTION_STATES
    }
    return render(
        request,
        "offers/employer_space.html",
        {
            "title": "Espace employeur",
            "organization": organization,
            "page": page,
            # Built field by field (offers.employer_view): never a person's record.
            "candidates": cards,
            "candidate_rows": [(card, to_state_options.get(card["state"])) for card in cards],
            "interests": [interest_card(i) for i in interests],
            "answer_form": form,
            "reason_options": _options(form.fields["reason"].choices),
        },
    )


def _options(choices, *, leaving_out: str | None = None) -> str:
    return format_html_join(
        "",
        '<option value="{}">{}</option>',
        ((value, label) for value, label in choices if value != leaving_out),
    )


@login_required
@require_POST
def introduction_answer(request, introduction_pk):
    organization = _require_employer(request)
    introduction = introduction_for_employer(request.user, introduction_pk, organization)
    form = AnswerForm(request.POST)
    if form.is_valid():
        try:
            services.introduction_answer(
                introduction=introduction,
                user=request.user,
                to_state=form.cleaned_data["to_state"],
                reason=form.cleaned_data["reason"],
                comment=form.cleaned_data["comment"],
                on=form.cleaned_data["on"],
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, "Réponse enregistrée : la structure est informée.")
    else:
        errors = [e for field_errors in form.errors.values() for e in field_errors]
        messages.error(request, " ".join(errors))
    return redirect("employer_space")
