"""The introducing structure's moves on an introduction, from the offer's page:
« Envoyer à l'employeur » (the signed link by email), « La personne a renoncé » and
« Annuler ». The employer answers from its space or from the emailed link."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.views.decorators.http import require_POST

from offers import services
from offers.access import introduction_for_structure
from offers.forms import IntroductionCloseForm, IntroductionSendForm


def _errors(form) -> str:
    return " ".join(e for field_errors in form.errors.values() for e in field_errors)


@login_required
@require_POST
def introduction_send(request, introduction_pk):
    introduction = introduction_for_structure(request.user, introduction_pk)
    form = IntroductionSendForm(request.POST)
    if not form.is_valid():
        messages.error(request, _errors(form))
    else:
        try:
            services.introduction_send(
                introduction=introduction, user=request.user, email=form.cleaned_data["email"]
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request,
                f"Candidature envoyée à {form.cleaned_data['email']} : "
                "un lien valable 30 jours lui permet de répondre.",
            )
    return redirect("offer_detail", offer_pk=introduction.offer_id)


@login_required
@require_POST
def introduction_close(request, introduction_pk):
    introduction = introduction_for_structure(request.user, introduction_pk)
    form = IntroductionCloseForm(request.POST)
    if not form.is_valid():
        messages.error(request, _errors(form) or "Action inconnue.")
    else:
        try:
            closed = services.introduction_close(
                introduction=introduction,
                user=request.user,
                to_state=form.cleaned_data["to_state"],
                comment=form.cleaned_data["comment"],
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, f"Mise en relation « {closed.get_state_display()} ».")
    return redirect("offer_detail", offer_pk=introduction.offer_id)
