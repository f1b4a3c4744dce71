"""A person's rights over their data, for an admin (or the referent) of a structure
that follows them: export everything held (JSON, PDF), erase the file on request."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render

from retention import services
from retention.access import personal_data_for, personal_data_with_level
from retention.export import as_json
from retention.forms import ErasureForm
from retention.pdf import subject_access_pdf


def _attachment(content, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
def person_data_json(request, person_pk):
    person, organization = personal_data_for(request.user, person_pk)
    data = services.person_data_export(
        person=person, user=request.user, organization=organization, path=request.path
    )
    return _attachment(
        as_json(data), "application/json; charset=utf-8", f"donnees-dossier-{person.pk}.json"
    )


@login_required
def person_data_pdf(request, person_pk):
    person, organization = personal_data_for(request.user, person_pk)
    data = services.person_data_export(
        person=person, user=request.user, organization=organization, path=request.path
    )
    pdf = subject_access_pdf(data, person_label=str(person))
    return _attachment(pdf, "application/pdf", f"donnees-dossier-{person.pk}.pdf")


@login_required
def person_erase(request, person_pk):
    person, organization, level = personal_data_with_level(request.user, person_pk, erase=True)
    form = ErasureForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.person_erase(
                person=person,
                user=request.user,
                organization=organization,
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                f"Le dossier n° {person.pk} est anonymisé : il ne reste que les statistiques.",
            )
            return redirect("person_list")
    return render(
        request,
        "persons/erase.html",
        {
            "title": f"{person} — Effacer le dossier",
            "person": person,
            "person_level": int(level),
            "active_tab": "summary",
            "organization": organization,
            "form": form,
        },
        status=400 if form.errors else 200,
    )
