"""One referral's page, and the answers to it: the receiving structure accepts, refuses
or redirects; the sender withdraws. Each view: fetch and authorise through
`referrals.access` (404 for a referral the user may not see, 403 for the wrong side),
one service, render (or redirect)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from audit.reads import log_sensitive_read
from exits import selectors as exit_selectors
from offers.models import JobOffer
from persons.access import access_level
from plans.models import Document
from referrals import services
from referrals.access import (
    is_member_of_receiver,
    is_receiver,
    is_sender,
    referral_as_receiver,
    referral_as_sender,
    referral_for,
)
from referrals.forms import AcceptForm, RedirectForm, RefuseForm, WithdrawForm
from referrals.state_machine import AWAITING_ANSWER, OPEN_STATES

# Eligibility criteria that tell about health or justice: reading them is logged.
SENSITIVE_CRITERIA = {"aah", "disabled_worker", "justice"}


def _page(request, referral, *, status=200, errors=(), **bound_forms):
    user = request.user
    receiver = is_receiver(user, referral)
    sender = is_sender(user, referral)
    awaiting = referral.state in AWAITING_ANSWER
    documents = list(referral.documents.all())
    downloadable = set(
        Document.objects.visible_to(user)
        .filter(pk__in=[d.pk for d in documents])
        .values_list("pk", flat=True)
    )
    diagnosis = referral.eligibility_diagnosis
    if diagnosis is not None and SENSITIVE_CRITERIA & set(diagnosis.level1 + diagnosis.level2):
        log_sensitive_read(
            user=user,
            person=referral.person,
            what="diagnostic d'éligibilité IAE (santé, justice)",
            organization=request.current_organization,
            path=request.path,
        )
    anonymised = referral.person.is_anonymised
    context = {
        "title": (
            f"Orientation d'une personne anonymisée (dossier n° {referral.person_id})"
            if anonymised
            else f"Orientation de {referral.person}"
        ),
        "referral": referral,
        "person": referral.person,
        "person_level": int(access_level(user, referral.person)),
        "diagnosis": diagnosis,
        "documents": [{"document": d, "downloadable": d.pk in downloadable} for d in documents],
        "transitions": list(referral.transitions.all()),
        "is_receiver": receiver,
        "is_sender": sender,
        # An anonymised file can no longer open a pathway nor be referred again.
        "can_answer": receiver and awaiting and not anonymised,
        "can_withdraw": sender and referral.state in OPEN_STATES,
        "can_refer_elsewhere": (
            sender and referral.state in ("refused", "expired") and not anonymised
        ),
        "accept_form": None,
        "refuse_form": None,
        "redirect_form": None,
        "withdraw_form": None,
        "errors": list(errors),
        # A « candidature sur une offre »: the offer, opened where the reader may.
        "offer_managed": referral.offer_id is not None
        and JobOffer.objects.managed_by(user).filter(pk=referral.offer_id).exists(),
        "exit_reviews": (
            list(exit_selectors.reviews_of_referral(referral)) if sender or receiver else []
        ),
    }
    if context["can_answer"]:
        context["accept_form"] = bound_forms.get("accept_form") or AcceptForm(
            referral=referral, user=user
        )
        context["refuse_form"] = bound_forms.get("refuse_form") or RefuseForm()
        context["redirect_form"] = bound_forms.get("redirect_form") or RedirectForm(
            referral=referral
        )
    if context["can_withdraw"]:
        context["withdraw_form"] = bound_forms.get("withdraw_form") or WithdrawForm()
    return render(request, "referrals/detail.html", context, status=status)


@login_required
@require_GET
def referral_detail(request, referral_pk):
    referral = referral_for(request.user, referral_pk)
    if is_member_of_receiver(request.user, referral):
        services.referral_mark_seen(referral=referral, user=request.user)
    return _page(request, referral)


def _failed(request, referral, name, form, error=None):
    """Show the page again with what was typed; a refusal of the service is shown at the
    top, since the form may be gone (the referral was answered meanwhile)."""
    errors = error.messages if error is not None else ()
    return _page(request, referral, status=400, errors=errors, **{name: form})


@login_required
@require_POST
def referral_accept(request, referral_pk):
    referral = referral_as_receiver(request.user, referral_pk)
    form = AcceptForm(request.POST, referral=referral, user=request.user)
    if not form.is_valid():
        return _failed(request, referral, "accept_form", form)
    try:
        referral = services.referral_accept(
            referral=referral, user=request.user, **form.cleaned_data
        )
    except ValidationError as error:
        return _failed(request, referral_for(request.user, referral_pk), "accept_form", form, error)
    messages.success(
        request, f"Orientation acceptée : le parcours de {referral.person} est ouvert."
    )
    return redirect("person_pathways", person_pk=referral.person_id)


@login_required
@require_POST
def referral_refuse(request, referral_pk):
    referral = referral_as_receiver(request.user, referral_pk)
    form = RefuseForm(request.POST)
    if not form.is_valid():
        return _failed(request, referral, "refuse_form", form)
    try:
        services.referral_refuse(referral=referral, user=request.user, **form.cleaned_data)
    except ValidationError as error:
        return _failed(request, referral_for(request.user, referral_pk), "refuse_form", form, error)
    messages.success(request, "Orientation refusée : l'organisation qui oriente voit le motif.")
    return redirect("referral_inbox")


@login_required
@require_POST
def referral_redirect(request, referral_pk):
    referral = referral_as_receiver(request.user, referral_pk)
    form = RedirectForm(request.POST, referral=referral)
    if not form.is_valid():
        return _failed(request, referral, "redirect_form", form)
    try:
        services.referral_redirect(referral=referral, user=request.user, **form.cleaned_data)
    except ValidationError as error:
        fresh = referral_for(request.user, referral_pk)
        return _failed(request, fresh, "redirect_form", form, error)
    messages.success(
        request, f"Orientation réorientée vers {form.cleaned_data['to_organization']}."
    )
    return redirect("referral_inbox")


@login_required
@require_POST
def referral_withdraw(request, referral_pk):
    referral = referral_as_sender(request.user, referral_pk)
    form = WithdrawForm(request.POST)
    if not form.is_valid():
        return _failed(request, referral, "withdraw_form", form)
    try:
        services.referral_withdraw(
            referral=referral, user=request.user, comment=form.cleaned_data["comment"]
        )
    except ValidationError as error:
        fresh = referral_for(request.user, referral_pk)
        return _failed(request, fresh, "withdraw_form", form, error)
    messages.success(request, "Orientation retirée.")
    return redirect("referral_detail", referral_pk=referral.pk)
