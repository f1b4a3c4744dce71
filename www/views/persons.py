"""The people an organization follows or referred: the list, and a new record with its
duplicate check."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET

from access.policy import Capability, can
from jobs.forms import appellation_label
from jobs.selectors import appellations_search
from persons import services
from persons.duplicates import DuplicatePersonError, likely_duplicates
from persons.forms import PersonCreateForm, PersonFilterForm
from persons.models import Person
from persons.selectors import person_list_page

PAGE_SIZE = 25


def require_person_keeper(request):
    """Only organizations that follow or refer people keep their records."""
    organization = request.current_organization
    if not (
        can(request.user, Capability.FOLLOW_PERSONS, organization)
        or can(request.user, Capability.REFER_PERSONS, organization)
    ):
        raise PermissionDenied("Votre organisation n'accompagne ni n'oriente de personnes.")
    return organization


@login_required
@require_GET
def person_list(request):
    organization = require_person_keeper(request)
    form = PersonFilterForm(request.GET)
    filters = form.filters()
    query = form.cleaned_data.get("q", "") if form.is_valid() else ""
    page = person_list_page(
        request.user,
        query=query,
        filters=filters,
        organization=organization,
        number=request.GET.get("page"),
        per_page=PAGE_SIZE,
    )
    return render(
        request,
        "persons/list.html",
        {
            "title": "Personnes",
            "form": form,
            "page": page,
            "filtered": bool(query or filters),
            "can_create": True,
        },
        status=400 if form.errors else 200,
    )


DUPLICATE_HINT = (
    "Un dossier semble déjà exister pour cette personne. Vérifiez ci-dessous, "
    "puis confirmez s'il s'agit d'une autre personne."
)


def _duplicates_of(user, data: dict) -> tuple[list[Person], bool]:
    """The likely duplicates the user may open, and whether others exist elsewhere
    (which the user is told about without any detail)."""
    found = likely_duplicates(
        first_name=data["first_name"],
        last_name=data["last_name"],
        birth_date=data["birth_date"],
        email=data["email"],
        phone=data["phone"],
    )
    visible_pks = set(
        Person.objects.visible_to(user)
        .filter(pk__in=found.values("pk"))
        .values_list("pk", flat=True)
    )
    visible = [
        person for person in found.select_related("commune")[:20] if person.pk in visible_pks
    ]
    return visible, found.exclude(pk__in=visible_pks).exists()


def _next_with_person(request, person) -> str | None:
    """Where a page that sent here to create the person wants to go back (`?next=`,
    same site only), told which person was created (`person=<id>`)."""
    target = request.GET.get("next", "")
    if not target or not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return None
    return f"{target}{'&' if '?' in target else '?'}person={person.pk}"


@login_required
def person_create(request):
    organization = require_person_keeper(request)
    form = PersonCreateForm(request.POST or None)
    visible, elsewhere = [], False
    if request.method == "POST" and form.is_valid():
        visible, elsewhere = _duplicates_of(request.user, form.cleaned_data)
        if (visible or elsewhere) and not form.cleaned_data["not_duplicate"]:
            form.add_error(None, DUPLICATE_HINT)
        else:
            try:
                person = services.person_create(
                    organization=organization,
                    user=request.user,
                    data=form.identity(),
                    consent_method=form.cleaned_data["consent_method"],
                    consent_pending=form.consent_pending,
                    homonym_confirmed=form.cleaned_data["not_duplicate"],
                )
            except DuplicatePersonError:
                # Created at the same moment by someone else: shown as any duplicate.
                visible, elsewhere = _duplicates_of(request.user, form.cleaned_data)
                form.add_error(None, DUPLICATE_HINT)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, f"Le dossier de {person} est créé.")
                next_url = _next_with_person(request, person)
                if next_url:
                    return redirect(next_url)
                return redirect("person_detail", person_pk=person.pk)
    if not (visible or elsewhere or form["not_duplicate"].value()):
        form.fields["not_duplicate"].widget = forms.HiddenInput()
    return render(
        request,
        "persons/create.html",
        {
            "title": "Nouvelle personne",
            "form": form,
            "visible_duplicates": visible,
            "duplicate_elsewhere": elsewhere,
        },
        status=400 if form.errors else 200,
    )


@login_required
@require_GET
def appellation_options(request):
    """`<option>`s for a job title field's datalist, refreshed as the person types."""
    query = request.GET.get("appellation") or request.GET.get("q", "")
    return render(
        request,
        "includes/commune_options.html",
        {"options": [appellation_label(a) for a in appellations_search(query, limit=8)]},
    )
