"""The check after an exit: the page the worklist's « Suivis après sortie à faire » and
the pathway page link to, where the counsellor records the person's situation. Fetch
and authorise (`exits.access`), one service, render."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils import timezone

from exits import services
from exits.access import check_to_manage
from exits.forms import CheckForm
from lib.form_writes import write_if_valid


@login_required
def post_exit_check(request, person_pk, check_pk):
    person, level, check = check_to_manage(request.user, check_pk, person_pk=person_pk)
    pending = check.done_on is None
    if request.method == "POST" and pending:
        form = CheckForm(request.POST)

        def write(data):
            services.check_record(check=check, user=request.user, **data)

        if write_if_valid(form, write):
            messages.success(request, "Le suivi après sortie est enregistré.")
            return redirect("person_pathways", person_pk=person.pk)
        status = 400
    else:
        form = CheckForm(initial={"done_on": timezone.localdate()})
        status = 200
    context = {
        "title": f"Suivi après sortie — {person}",
        "person": person,
        "person_level": int(level),
        "active_tab": "pathways",
        "check": check,
        "pathway": check.pathway,
        "form": form if pending else None,
    }
    return render(request, "exits/post_exit_check.html", context, status=status)
