"""Merge two records of the same human, for the organization's admins: find the
duplicate among the people they follow, compare both side by side, confirm."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render

from access.policy import Capability, require
from persons import services
from persons.access import Level, person_for
from persons.forms import MergeConfirmForm, MergeSearchForm
from persons.models import Person
from persons.selectors import persons_for_list

COMPARED_FIELDS = [
    "first_name",
    "last_name",
    "birth_date",
    "email",
    "phone",
    "address",
    "commune",
    "ft_identifier",
    "created_by_organization",
]


def _duplicate_of(request, person, pk):
    """Another record the user follows at Level.TEAM; any other answers 404, as for a
    record the user may not see."""
    if pk == person.pk:
        raise Http404("Dossier introuvable.")
    try:
        duplicate, _ = person_for(request.user, pk, needed=Level.TEAM)
    except PermissionDenied:
        raise Http404("Dossier introuvable.") from None
    return duplicate


def _comparison(person, duplicate) -> list[tuple[str, object, object]]:
    rows = []
    for name in COMPARED_FIELDS:
        field = Person._meta.get_field(name)
        rows.append(
            (
                str(field.verbose_name).capitalize(),
                getattr(person, name) or "—",
                getattr(duplicate, name) or "—",
            )
        )
    return rows


@login_required
def person_merge(request, person_pk):
    person, level = person_for(request.user, person_pk)
    organization = request.current_organization
    require(request.user, Capability.MANAGE_MEMBERS, organization)
    search = MergeSearchForm(request.GET)
    query = search.cleaned_data["q"] if search.is_valid() else ""
    candidates = []
    if query:
        candidates = list(
            persons_for_list(request.user, query=query, organization=organization).exclude(
                pk=person.pk
            )[:25]
        )
    confirm = MergeConfirmForm(
        request.POST or None, initial={"duplicate": request.GET.get("doublon")}
    )
    duplicate = None
    wanted = request.POST.get("duplicate") or request.GET.get("doublon")
    if wanted and wanted.isdigit():
        duplicate = _duplicate_of(request, person, int(wanted))
    if request.method == "POST" and confirm.is_valid() and duplicate:
        try:
            services.person_merge(
                keep=person, duplicate=duplicate, user=request.user, organization=organization
            )
        except ValidationError as error:
            confirm.add_error(None, error)
        else:
            messages.success(request, f"Les dossiers sont fusionnés dans celui de {person}.")
            return redirect("person_detail", person_pk=person.pk)
    return render(
        request,
        "persons/merge.html",
        {
            "title": f"{person} — Fusionner un doublon",
            "person": person,
            "person_level": int(level),
            "active_tab": "summary",
            "search": search,
            "query": query,
            "candidates": candidates,
            "duplicate": duplicate,
            "comparison": _comparison(person, duplicate) if duplicate else [],
            "confirm": confirm,
        },
        status=400 if confirm.errors else 200,
    )
