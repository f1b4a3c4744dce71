"""The page behind the link emailed to an employer's contact for its side of a checkpoint
(no sign-in): the employee's first name and initial, the job, the step, and a short form
(how it goes on the 4-step scale, difficulties about the job, serious or not, a comment).
Nothing else of the person (`employment.employer_link.employer_card`).

The token is the only key: a token that is not ours answers the same 404 whatever it
names; an expired or replaced one, a page saying so in French and naming the structure
to contact; once answered, the answer, read only. Each opening is recorded as a read of
the person's data. Requests are limited per address, like the other public forms."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from audit.reads import log_sensitive_read
from employment import employer_link, services
from employment.enums import ContractState
from employment.forms import EmployerAnswerForm
from lib import rate_limit

# Per address and minute: the pages opened (a contact reads, answers, reads again).
LIMIT = 30


@require_http_methods(["GET", "POST"])
def employer_follow_up(request, token):
    if rate_limit.address_over_limit(request, "employer-follow-up", limit=LIMIT, seconds=60):
        return render(request, "public/too_many.html", {"title": "Trop de demandes"}, status=429)
    found = employer_link.read(token)
    if found is None:
        raise Http404("Ce lien n'existe pas.")
    side = found.side
    contract = side.checkpoint.contract
    structure = contract.pathway.organization
    if found.expired:
        return render(
            request,
            "employment/employer_follow_up_expired.html",
            {"title": "Lien expiré", "structure": structure},
            status=410,
        )
    form = EmployerAnswerForm(request.POST or None)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                services.employer_side_answer(side=side, **form.cleaned_data)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, "Merci : votre réponse est transmise à la structure.")
                return redirect("employer_follow_up", token=token)
    log_sensitive_read(
        user=request.user,
        person=contract.person,
        what=f"Point de suivi n° {side.checkpoint_id} ouvert par le lien envoyé à "
        f"{side.link_sent_to}",
        organization=structure,
        path=request.path[:40],  # the token is a key: never written whole in a log
    )
    return render(
        request,
        "employment/employer_follow_up.html",
        {
            "title": "Le suivi de votre embauche",
            "card": employer_link.employer_card(side),
            "structure": structure,
            "form": form,
            "open": side.done_on is None and contract.state == ContractState.RUNNING,
            "expires_at": employer_link.expires_at(side),
        },
        status=status,
    )
