"""The introducing structure's moves on an introduction, from the offer's page:
« Envoyer à l'employeur » (the signed link by email), « La personne a renoncé » and
« Annuler ». The employer answers from its space or from the emailed link."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.urls import reverse
from django.views.decorators.http import require_POST

from lib.confirmation import ask_first
from offers import services
from offers.access import introduction_for_structure
from offers.enums import IntroductionState
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


CLOSE_TITLES = {
    IntroductionState.WITHDRAWN: "Enregistrer que la personne renonce à cette offre ?",
    IntroductionState.CANCELLED: "Annuler la mise en relation ?",
}


@login_required
@require_POST
def introduction_close(request, introduction_pk):
    introduction = introduction_for_structure(request.user, introduction_pk)
    form = IntroductionCloseForm(request.POST)
    if not form.is_valid():
        messages.error(request, _errors(form) or "Action inconnue.")
    elif asking := ask_first(
        request,
        keep=("to_state", "comment"),
        title=CLOSE_TITLES[form.cleaned_data["to_state"]],
        consequence="Une mise en relation retirée ou annulée ne se rouvre pas : pour "
        "présenter de nouveau la personne à cette offre, il faudra en faire une autre.",
        button="Confirmer",
        cancel_url=reverse("offer_detail", args=[introduction.offer_id]),
    ):
        return asking
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
