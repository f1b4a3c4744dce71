"""Sending a referral, and the ways in that professionals record: the drop-in session
(« permanence ») and outreach by a partner (« repérage »)."""

from urllib.parse import urlencode

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from access.policy import Capability, can
from events import walk_ins as event_walk_ins
from organizations.directory import structure_card, structures_search
from organizations.enums import KindGroup
from pathways import eligibility
from pathways.forms import EligibilityForm
from pathways.selectors import valid_diagnosis
from persons.access import Level, person_for
from persons.duplicates import DuplicatePersonError, likely_duplicates
from persons.models import Person
from plans.models import Document
from referrals import entry
from referrals.entry_forms import OutreachForm, ReferralForm, WalkInForm
from referrals.services import referral_create as send_referral
from www.views.visits import visit_panel

DUPLICATE_MESSAGE = (
    "Un dossier semble déjà exister pour cette personne. Choisissez ci-dessous le dossier "
    "à utiliser, ou indiquez qu'il s'agit d'une autre personne."
)


def _organization_that_can(request, capability: Capability, refusal: str):
    organization = request.current_organization
    if not can(request.user, capability, organization):
        raise PermissionDenied(refusal)
    return organization


def _after_sending(referral) -> str:
    """The sender's list of referrals when it exists, else the person's page."""
    try:
        return reverse("referral_sent_list")
    except NoReverseMatch:
        return reverse("person_detail", kwargs={"person_pk": referral.person_id})


# --- The referral --------------------------------------------------------------------


def _wants_diagnosis(structure) -> bool:
    """An inclusion employer takes people on with an IAE eligibility diagnosis."""
    return structure is not None and structure.kind_group == KindGroup.INCLUSION_EMPLOYER


def _referral_context(request, person, level, structure, form, diagnosis, diagnosis_form):
    today = timezone.localdate()
    directory = reverse("structure_directory")
    query = {"person": person.pk}
    if person.commune_id:
        query["commune"] = person.commune_id
    return {
        "title": f"Orienter {person}",
        "person": person,
        "person_level": int(level),
        "active_tab": "referral",
        "structure": structure,
        "form": form,
        "diagnosis": diagnosis,
        "diagnosis_form": diagnosis_form,
        "level2_required": structure
        and eligibility.LEVEL2_REQUIRED.get(structure.kind, eligibility.DEFAULT_LEVEL2_REQUIRED),
        "wants_diagnosis": _wants_diagnosis(structure),
        "can_diagnose": level >= Level.TEAM
        and can(request.user, Capability.FOLLOW_PERSONS, request.current_organization),
        "directory_url": f"{directory}?{urlencode(query)}",
        "today": today,
    }


def _diagnosis_form(request, organization, structure, diagnosis):
    """The criteria of a new diagnosis, for an authorised prescriber referring to an
    inclusion employer a person without a valid one; None otherwise."""
    if (
        diagnosis is not None
        or not _wants_diagnosis(structure)
        or not can(request.user, Capability.DIAGNOSE_ELIGIBILITY, organization)
    ):
        return None
    return EligibilityForm(request.POST or None, prefix="diagnostic")


def _criteria(request, diagnosis_form):
    """(the criteria ticked, or None when none was: the structure will diagnose, whether
    the part of the form is valid)."""
    if diagnosis_form is None or not (
        request.POST.getlist("diagnostic-level1") or request.POST.getlist("diagnostic-level2")
    ):
        return None, True
    if not diagnosis_form.is_valid():
        return None, False
    return eligibility.Criteria(**diagnosis_form.cleaned_data), True


@login_required
@require_http_methods(["GET", "POST"])
def referral_create(request, person_pk):
    organization = _organization_that_can(
        request, Capability.REFER_PERSONS, "Votre organisation n'oriente pas de personnes."
    )
    person, level = person_for(request.user, person_pk, needed=Level.MILESTONES)
    structure_pk = request.POST.get("structure") or request.GET.get("structure") or ""
    structure = structure_card(int(structure_pk)) if structure_pk.isdigit() else None
    if structure_pk and structure is None:
        raise Http404("Structure introuvable.")
    diagnosis = valid_diagnosis(person) if _wants_diagnosis(structure) else None
    documents = Document.objects.visible_to(request.user).filter(person=person)
    form = ReferralForm(
        request.POST or None,
        request.FILES or None,
        documents=documents,
        # The person's project is the team's: a prescriber who sees the milestones
        # types the job, as the person tells it.
        wishes=person.wishes.select_related("appellation") if level >= Level.TEAM else (),
    )
    if diagnosis is None:
        form.fields["attach_diagnosis"].widget = forms.HiddenInput()
    diagnosis_form = _diagnosis_form(request, organization, structure, diagnosis)
    if request.method == "POST" and structure is not None:
        criteria, criteria_valid = _criteria(request, diagnosis_form)
        if form.is_valid() and criteria_valid:
            data = form.cleaned_data
            try:
                referral = send_referral(
                    person=person,
                    to_organization=structure,
                    motivation=data["motivation"],
                    from_organization=organization,
                    from_user=request.user,
                    wanted_job=data["appellation"],
                    eligibility_diagnosis=diagnosis if data["attach_diagnosis"] else None,
                    eligibility_criteria=criteria,
                    documents=list(data["documents"]),
                    uploads=form.uploads(),
                    send=request.POST.get("action") != "draft",
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                if referral.sent_at:
                    messages.success(request, f"{person} est orienté·e vers {structure}.")
                else:
                    messages.success(request, "L'orientation est enregistrée en brouillon.")
                return redirect(_after_sending(referral))
    context = _referral_context(request, person, level, structure, form, diagnosis, diagnosis_form)
    return render(
        request,
        "referrals/entry_referral.html",
        context,
        status=400 if request.method == "POST" else 200,
    )


# --- Duplicates of a person typed in a quick form ------------------------------------


def _duplicates(request, form) -> tuple[list[Person], bool]:
    """The likely duplicates the user may open, and whether others exist elsewhere."""
    identity = form.identity()
    found = likely_duplicates(
        first_name=identity["first_name"],
        last_name=identity["last_name"],
        birth_date=identity["birth_date"],
        email=identity["email"],
        phone=identity["phone"],
    )
    visible = list(
        Person.objects.visible_to(request.user)
        .filter(pk__in=found.values("pk"))
        .select_related("commune")[:20]
    )
    return visible, found.exclude(pk__in=[p.pk for p in visible]).exists()


def _homonym_confirmed(form) -> bool:
    """The user saw the likely duplicates and chose a new record all the same."""
    return form.cleaned_data.get("duplicate_choice") == "new"


def _shown_duplicates(request, form) -> dict:
    """After a record of the same person was created at the same moment elsewhere."""
    visible, elsewhere = _duplicates(request, form)
    return {"visible_duplicates": visible, "duplicate_elsewhere": elsewhere}


def _chosen_person(request, form) -> tuple[bool, Person | None, dict]:
    """(go on, the existing record to use or None for a new one, what the page shows).
    Stops once to show the likely duplicates; then the user's choice holds."""
    visible, elsewhere = _duplicates(request, form)
    choice = form.cleaned_data.get("duplicate_choice", "")
    shown = {"visible_duplicates": visible, "duplicate_elsewhere": elsewhere}
    if choice == "new":
        return True, None, shown
    if choice.isdigit():
        chosen = next((p for p in visible if p.pk == int(choice)), None)
        if chosen is not None:
            return True, chosen, shown
    if visible or elsewhere:
        form.add_error(None, DUPLICATE_MESSAGE)
        return False, None, shown
    return True, None, shown


# --- Drop-in session ---------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def walk_in(request):
    organization = _organization_that_can(
        request,
        Capability.FOLLOW_PERSONS,
        "Seules les structures qui accompagnent des personnes tiennent une permanence.",
    )
    # A visitor of an event's drop-in session comes prefilled (`events.walk_ins`).
    form = WalkInForm(request.POST or None, initial=event_walk_ins.prefill(request))
    # Opened from a session's attendance list: the page leads back there.
    back = event_walk_ins.back_url(request)
    shown = {"visible_duplicates": [], "duplicate_elsewhere": False}
    if request.method == "POST" and form.is_valid():
        go_on, person, shown = _chosen_person(request, form)
        if go_on:
            try:
                pathway = entry.walk_in_record(
                    organization=organization,
                    user=request.user,
                    identity=form.identity(),
                    looking_for=form.cleaned_data["looking_for"],
                    wanted_job=form.cleaned_data["appellation"],
                    consent_pending=form.consent_pending,
                    person=person,
                    homonym_confirmed=_homonym_confirmed(form),
                )
            except DuplicatePersonError:
                shown = _shown_duplicates(request, form)
                form.add_error(None, DUPLICATE_MESSAGE)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                event_walk_ins.link(request, pathway.person)
                messages.success(
                    request, f"{pathway.person} est accueilli·e : son parcours est ouvert."
                )
                return redirect(back or reverse("person_detail", args=[pathway.person_id]))
    return render(
        request,
        "referrals/entry_walk_in.html",
        {
            "title": "Permanence : accueillir une personne",
            "form": form,
            "back_url": back,
            **shown,
            **visit_panel(request, organization),
        },
        status=400 if request.method == "POST" else 200,
    )


# --- Outreach by a partner ---------------------------------------------------------


def _structure_choices(organization) -> list[tuple[str, str]]:
    """Structures open to referrals, nearest to the partner first."""
    found = structures_search(commune=organization.commune, radius_km=100, public=True)
    return [("", "Choisissez une structure")] + [
        (
            str(f.organization.pk),
            f"{f.organization.name} — {f.organization.commune.name} ({f.distance_km:.0f} km)",
        )
        for f in found
    ]


@login_required
@require_http_methods(["GET", "POST"])
def outreach(request):
    organization = _organization_that_can(
        request, Capability.REFER_PERSONS, "Votre organisation n'oriente pas de personnes."
    )
    form = OutreachForm(request.POST or None)
    form.fields["structure"] = forms.TypedChoiceField(
        label="Structure vers laquelle orienter",
        choices=_structure_choices(organization),
        coerce=int,
        error_messages={"required": "Choisissez la structure vers laquelle orienter."},
    )
    shown = {"visible_duplicates": [], "duplicate_elsewhere": False}
    if request.method == "POST" and form.is_valid():
        go_on, person, shown = _chosen_person(request, form)
        if go_on:
            try:
                referral = entry.outreach_record(
                    organization=organization,
                    user=request.user,
                    identity=form.identity(),
                    to_organization=structure_card(form.cleaned_data["structure"]),
                    motivation=form.cleaned_data["motivation"],
                    wanted_job=form.cleaned_data["appellation"],
                    person=person,
                    homonym_confirmed=_homonym_confirmed(form),
                )
            except DuplicatePersonError:
                shown = _shown_duplicates(request, form)
                form.add_error(None, DUPLICATE_MESSAGE)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(
                    request, f"{referral.person} est orienté·e vers {referral.to_organization}."
                )
                return redirect(_after_sending(referral))
    return render(
        request,
        "referrals/entry_outreach.html",
        {"title": "Repérage : orienter une personne rencontrée", "form": form, **shown},
        status=400 if request.method == "POST" else 200,
    )
