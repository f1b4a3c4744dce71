"""The employer space: users of a company or an employer group see the offers they
answer for (a group: its own and its member companies'), the people introduced to them
— first name and initial, how they fit, their availability; never barriers, health or
notes — and the requests left on the public board, and answer. The home opens on what
to do (`offers.employer_todo`)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.html import format_html_join
from django.views.decorators.http import require_GET, require_POST

from companies.selectors import own_record
from lib.counted_page import counted_page
from offers import services, state_machine
from offers.access import interest_for_employer, introduction_for_employer
from offers.employer_todo import employer_todo
from offers.employer_view import candidate_card, interest_card
from offers.enums import IntroductionState
from offers.forms import AnswerForm, InterestAnswerForm
from offers.interest_answers import interest_answer as answer_interest
from offers.selectors import (
    candidates_by_id,
    candidates_for_employer,
    employer_introductions,
    interests_for_employer,
    offers_for_employer,
    waiting_introductions,
)
from organizations.enums import KindGroup

# The space gathers four lists (what to do, the offers, the candidates with their
# answer forms, the requests): ten lines each, paginated, keep it light to build and to
# read; the offers' own page (« Offres ») lists them all.
PAGE_SIZE = 10
CANDIDATES_PAGE_SIZE = PAGE_SIZE
EMPLOYER_GROUPS = (KindGroup.COMPANY, KindGroup.EMPLOYER_GROUP)


def _require_employer(request):
    organization = request.current_organization
    if organization is None or organization.kind_group not in EMPLOYER_GROUPS:
        raise PermissionDenied("L'espace employeur est celui des entreprises et des groupements.")
    return organization


def _mark_seen(request, introductions) -> None:
    # Opening the space (or a candidate's page) is how an employer with an account sees
    # who was introduced: the structures are told once (« vue par l'employeur »), found
    # among the introductions already read, so a space with nothing new costs no query
    # more.
    for introduction in introductions:
        if introduction.state in state_machine.UNSEEN_INTRODUCTION_STATES:
            services.introduction_mark_seen(introduction=introduction, actor=request.user)
            introduction.state = IntroductionState.SEEN


def _answer_options(form) -> dict:
    # The answer's options, written once for the page rather than once per person.
    return {
        state: _options(form.fields["to_state"].choices, leaving_out=state)
        for state in state_machine.OPEN_INTRODUCTION_STATES
    }


@login_required
@require_GET
def employer_space(request):
    organization = _require_employer(request)
    offers = offers_for_employer(request.user, organization)
    page = counted_page(offers, request.GET.get("page"), PAGE_SIZE)
    waiting = waiting_introductions(request.user, organization)
    _mark_seen(request, waiting)
    interests = interests_for_employer(request.user, organization)
    # The account's record, with the proposals waiting for its answer: a line of the
    # to-do and the link to the record, in the query that read the record for the link.
    record = own_record(organization)
    todo = Paginator(employer_todo(waiting, interests, offers, record=record), PAGE_SIZE).get_page(
        request.GET.get("a_faire")
    )
    state = request.GET.get("etat", "")
    if state not in IntroductionState.values:
        state = ""
    candidates = counted_page(
        employer_introductions(request.user, organization=organization, state=state),
        request.GET.get("candidats"),
        CANDIDATES_PAGE_SIZE,
        by_ids=True,
        rows_of=candidates_by_id,
    )
    cards = [candidate_card(c) for c in candidates]
    requests = counted_page(interests, request.GET.get("demandes"), PAGE_SIZE)
    form = AnswerForm()
    to_state_options = _answer_options(form)
    return render(
        request,
        "offers/employer_space.html",
        {
            "title": "Espace employeur",
            "organization": organization,
            "is_group": organization.kind_group == KindGroup.EMPLOYER_GROUP,
            "page": page,
            "todo": todo,
            "record": record,
            # Built field by field (offers.employer_view): never a person's record.
            "candidates": cards,
            "candidates_page": candidates,
            "state": state,
            "state_choices": IntroductionState.choices,
            "candidate_rows": [(card, to_state_options.get(card["state"])) for card in cards],
            "interests": [interest_card(i) for i in requests],
            "interests_page": requests,
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
@require_GET
def employer_candidate(request, introduction_pk):
    """One candidate, where the to-do list leads: the card and the answer."""
    organization = _require_employer(request)
    introduction = introduction_for_employer(request.user, introduction_pk, organization)
    candidates = candidates_for_employer(
        request.user, organization=organization, introduction=introduction
    )
    _mark_seen(request, [c.introduction for c in candidates])
    card = candidate_card(candidates[0])
    form = AnswerForm()
    return render(
        request,
        "offers/employer_candidate.html",
        {
            "title": f"Candidature de {card['display_name']}",
            "organization": organization,
            "candidate": card,
            "to_state_options": _answer_options(form).get(card["state"]),
            "answer_form": form,
            "reason_options": _options(form.fields["reason"].choices),
        },
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
    if request.POST.get("retour") == "candidature":
        return redirect("employer_candidate", introduction_pk=introduction.pk)
    return redirect("employer_space")


@login_required
@require_GET
def employer_interest(request, interest_pk):
    """One request left on the public board, and the employer's simple answer."""
    organization = _require_employer(request)
    interest = interest_for_employer(request.user, interest_pk, organization)
    return _interest_page(
        request,
        organization,
        interest,
        InterestAnswerForm(initial={"answer": interest.answer or None}),
    )


def _interest_page(request, organization, interest, form, status=200):
    return render(
        request,
        "offers/employer_interest.html",
        {
            "title": f"Demande de {interest.first_name} {interest.last_name}",
            "organization": organization,
            "interest": interest_card(interest),
            "interest_pk": interest.pk,
            "answer_label": interest.get_answer_display(),
            "answered_at": interest.answered_at,
            "form": form,
        },
        status=status,
    )


@login_required
@require_POST
def interest_answer(request, interest_pk):
    organization = _require_employer(request)
    interest = interest_for_employer(request.user, interest_pk, organization)
    form = InterestAnswerForm(request.POST)
    if form.is_valid():
        try:
            answer_interest(
                interest=interest, user=request.user, answer=form.cleaned_data["answer"]
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, "Réponse enregistrée.")
            return redirect("employer_space")
    return _interest_page(request, organization, interest, form, status=400)
