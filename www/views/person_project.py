"""« Situation et projet »: who the person is, their situation, the jobs they want,
what they did, how they move, when they are available, what they agreed to. Prescribers
see the identity only; the team reads and edits, one small form per section."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from access.policy import Capability, can
from audit.reads import log_sensitive_read
from matching.access import may_rank
from pathways.models import Pathway
from persons import services
from persons.access import Level, person_for
from persons.forms import (
    AvailabilityForm,
    ConsentForm,
    ExperienceForm,
    IdentityForm,
    MobilityForm,
    SituationForm,
    WantedWorkForm,
    WishForm,
    initial_of,
)
from persons.selectors import person_summary
from referrals.selectors import sent_about

# section -> (form, page title, timeline title)
SECTIONS = {
    "identity": (IdentityForm, "Identité et coordonnées", "Identité et coordonnées mises à jour"),
    "situation": (SituationForm, "Situation", "Situation mise à jour"),
    "mobility": (MobilityForm, "Mobilité", "Mobilité mise à jour"),
    "availability": (AvailabilityForm, "Disponibilités", "Disponibilités mises à jour"),
}


def _sees_health(request) -> bool:
    """RQTH and AAH say something of the person's health: only organizations that may
    see barriers see them (never employers)."""
    return can(request.user, Capability.SEE_BARRIERS, request.current_organization)


def log_health_read(request, person) -> None:
    if person.disabled_worker or person.receives_aah:
        log_sensitive_read(
            user=request.user,
            person=person,
            what="situation : RQTH, AAH",
            organization=request.current_organization,
            path=request.path,
        )


def _page(request, person, level, template, status=200, **context):
    return render(
        request,
        template,
        {
            "title": f"{person} — Situation et projet",
            "person": person,
            "person_level": int(level),
            "active_tab": "summary",
            **context,
        },
        status=status,
    )


@login_required
def person_detail(request, person_pk):
    person, level = person_for(request.user, person_pk, needed=Level.MILESTONES)
    context = {"sees_health": False, "pathway_to_open": False, "prescribed": False}
    if level < Level.TEAM:
        # What the page says of the user's part must be true: a record created and not
        # yet sent anywhere is not « orienté ».
        organization = request.current_organization
        context["sent_referrals"] = list(sent_about(request.user, organization, person)[:5])
        # Named as the prescriber of a pathway (a referral made before, or elsewhere).
        context["prescribed"] = Pathway.objects.filter(
            person=person, prescriber_organization=organization
        ).exists()
    if level >= Level.TEAM:
        sees_health = _sees_health(request)
        if sees_health:
            log_health_read(request, person)
        organization = request.current_organization
        context = {
            **person_summary(person),
            "sees_health": sees_health,
            "ranks_offers": may_rank(request.user),
            "pathway_to_open": can(request.user, Capability.FOLLOW_PERSONS, organization)
            and not Pathway.objects.open()
            .filter(person=person, organization=organization)
            .exists(),
        }
    return _page(request, person, level, "persons/detail.html", **context)


def wishes_fragment(request, person, level):
    return _page(request, person, level, "persons/_wishes.html", **person_summary(person))


@login_required
def person_edit_section(request, person_pk, section):
    person, level = person_for(request.user, person_pk)
    form_class, heading, event_title = SECTIONS[section]
    if section == "situation":
        if not _sees_health(request):
            raise PermissionDenied("Votre organisation ne voit pas ces informations.")
        if request.method == "GET":
            log_health_read(request, person)
    form = form_class(request.POST or None, initial=initial_of(person, form_class))
    if request.method == "POST" and form.is_valid():
        data = {field: form.cleaned_data[field] for field in form_class._meta.fields}
        try:
            services.person_update(
                person=person,
                data=data,
                actor=request.user,
                organization=request.current_organization,
                title=event_title,
            )
        except ValidationError as error:
            form.add_error(None, error)
            person.refresh_from_db()
        else:
            messages.success(request, f"{heading} : modifications enregistrées.")
            return redirect("person_detail", person_pk=person.pk)
    return _form_page(request, person, level, form, heading)


def _form_page(request, person, level, form, heading, submit="Enregistrer"):
    return _page(
        request,
        person,
        level,
        "persons/edit_section.html",
        status=400 if form.errors else 200,
        form=form,
        heading=heading,
        submit=submit,
    )


@login_required
def person_edit_wanted_work(request, person_pk):
    person, level = person_for(request.user, person_pk)
    form = WantedWorkForm(request.POST or None, initial=WantedWorkForm.initial_of(person))
    if request.method == "POST" and form.is_valid():
        try:
            services.wanted_work_update(
                person=person,
                contract_types=form.cleaned_data["contract_types"],
                hours_per_week=form.cleaned_data["hours_per_week"],
                actor=request.user,
                organization=request.current_organization,
            )
        except ValidationError as error:
            form.add_error(None, error)
            person.refresh_from_db()
        else:
            messages.success(request, "Contrats et horaires souhaités enregistrés.")
            return redirect("person_detail", person_pk=person.pk)
    return _form_page(request, person, level, form, "Contrats et horaires souhaités")


@login_required
def person_wish_add(request, person_pk):
    person, level = person_for(request.user, person_pk)
    form = WishForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            wish = services.wish_add(
                person=person,
                appellation=form.cleaned_data["appellation"],
                own_words=form.cleaned_data["own_words"],
                actor=request.user,
                organization=request.current_organization,
            )
        except ValidationError as error:
            form.add_error("appellation", error)
        else:
            messages.success(request, f"{_quoted(wish)} ajouté aux métiers souhaités.")
            return redirect("person_detail", person_pk=person.pk)
    return _form_page(request, person, level, form, "Ajouter un métier souhaité", "Ajouter")


def _quoted(wish) -> str:
    return wish.label if wish.appellation_id is None else f"« {wish.appellation} »"


@login_required
def person_wish_edit(request, person_pk, wish_pk):
    """Link a wish said in the person's words to a job, or change either."""
    person, level = person_for(request.user, person_pk)
    wish = get_object_or_404(person.wishes.select_related("appellation"), pk=wish_pk)
    form = WishForm(
        request.POST or None,
        initial={"appellation": wish.appellation, "own_words": wish.own_words},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.wish_update(
                wish=wish,
                appellation=form.cleaned_data["appellation"],
                own_words=form.cleaned_data["own_words"],
                actor=request.user,
                organization=request.current_organization,
            )
        except ValidationError as error:
            form.add_error("appellation", error)
        else:
            messages.success(request, "Le métier souhaité est enregistré.")
            return redirect("person_detail", person_pk=person.pk)
    return _form_page(request, person, level, form, "Préciser le métier souhaité")


@login_required
@require_POST
def person_wish_remove(request, person_pk, wish_pk):
    person, level = person_for(request.user, person_pk)
    wish = get_object_or_404(person.wishes.select_related("appellation"), pk=wish_pk)
    services.wish_remove(wish=wish, actor=request.user, organization=request.current_organization)
    if request.htmx:
        return wishes_fragment(request, person, level)
    messages.success(request, f"{_quoted(wish)} retiré des métiers souhaités.")
    return redirect("person_detail", person_pk=person.pk)


@login_required
@require_POST
def person_wish_move(request, person_pk, wish_pk):
    person, level = person_for(request.user, person_pk)
    wish = get_object_or_404(person.wishes.select_related("appellation"), pk=wish_pk)
    try:
        services.wish_move(
            wish=wish,
            direction=request.POST.get("direction", ""),
            actor=request.user,
            organization=request.current_organization,
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    if request.htmx:
        return wishes_fragment(request, person, level)
    return redirect("person_detail", person_pk=person.pk)


@login_required
def person_experience_edit(request, person_pk, experience_pk=None):
    person, level = person_for(request.user, person_pk)
    experience = (
        get_object_or_404(person.experiences.select_related("appellation"), pk=experience_pk)
        if experience_pk
        else None
    )
    initial = initial_of(experience, ExperienceForm) if experience else None
    if experience and experience.appellation:
        initial["appellation"] = experience.appellation
    form = ExperienceForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            experience = services.experience_save(
                person=person,
                experience=experience,
                data=form.cleaned_data,
                actor=request.user,
                organization=request.current_organization,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, f"Expérience enregistrée : {experience}.")
            return redirect("person_detail", person_pk=person.pk)
    heading = "Modifier une expérience" if experience else "Ajouter une expérience"
    return _form_page(request, person, level, form, heading)


@login_required
@require_POST
def person_experience_remove(request, person_pk, experience_pk):
    person, _ = person_for(request.user, person_pk)
    experience = get_object_or_404(person.experiences, pk=experience_pk)
    services.experience_remove(
        experience=experience, actor=request.user, organization=request.current_organization
    )
    messages.success(request, "Expérience retirée.")
    return redirect("person_detail", person_pk=person.pk)


@login_required
def person_consent_add(request, person_pk):
    person, level = person_for(request.user, person_pk)
    form = ConsentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.consent_record(
                person=person,
                user=request.user,
                organization=request.current_organization,
                **form.cleaned_data,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, "Consentement enregistré.")
            return redirect("person_detail", person_pk=person.pk)
    return _form_page(request, person, level, form, "Enregistrer un consentement")
