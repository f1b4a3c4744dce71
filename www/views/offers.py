"""Offers as the organizations that manage them see them: the list, the guided form
(job → constraints → contract and pay → text), the offer's page with the state machine's
actions and its log, « toujours d'actualité », and introducing a person followed."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Case, Q, When
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from access.policy import Capability, can
from companies.enums import ContactKind
from companies.models import Company, Contact, GroupMembership
from jobs.forms import appellation_label
from lib.confirmation import confirmation_page, confirmed
from lib.counted_page import counted_page
from matching.selectors import introduction_choices
from offers import services, state_machine
from offers.access import offer_for
from offers.composition import blocks
from offers.enums import OfferState
from offers.forms import (
    FILLED_ELSEWHERE,
    IntroductionForm,
    OfferConstraintsForm,
    OfferContractForm,
    OfferFilterForm,
    OfferJobForm,
    OfferTextForm,
    TransitionForm,
    company_label,
)
from offers.models import Introduction, JobOffer
from offers.offer_requests import requests_of
from offers.selectors import managed_companies, offers_for_list
from organizations.enums import KindGroup
from persons.models import Person

PAGE_SIZE = 25
EMPLOYER_GROUPS = (KindGroup.COMPANY, KindGroup.EMPLOYER_GROUP)

# The guided form's steps after the first: slug → (title, form, model fields).
STEPS = {
    "metier": ("Le métier et les missions", OfferJobForm, services.JOB_FIELDS),
    "contraintes": ("Les contraintes du poste", OfferConstraintsForm, services.CONSTRAINT_FIELDS),
    "contrat": ("Le contrat et le salaire", OfferContractForm, services.CONTRACT_FIELDS),
    "texte": ("Le texte de l'offre", OfferTextForm, ("title", "text")),
}
STEP_ORDER = list(STEPS)


def manages_offers(request) -> bool:
    return can(request.user, Capability.MANAGE_OFFERS, request.current_organization)


def access_offer(request, pk: int, *, manage: bool = True) -> JobOffer:
    return offer_for(request.user, pk, manage=manage)


def _require_manager(request):
    if not manages_offers(request):
        raise PermissionDenied("Votre organisation ne publie pas d'offres d'emploi.")
    return request.current_organization


@login_required
@require_GET
def offer_list(request):
    form = OfferFilterForm(request.GET or None, companies=managed_companies(request.user))
    filters = {}
    if form.is_valid():
        data = form.cleaned_data
        filters = {
            "state": data["etat"],
            "appellation": data["metier"],
            "company": data["entreprise"],
        }
    offers = (
        offers_for_list(request.user, **filters) if not form.errors else JobOffer.objects.none()
    )
    page = counted_page(offers, request.GET.get("page"), PAGE_SIZE)
    return render(
        request,
        "offers/list.html",
        {
            "title": "Offres d'emploi",
            "form": form,
            "page": page,
            "can_create": manages_offers(request),
            "is_employer": request.current_organization is not None
            and request.current_organization.kind_group in EMPLOYER_GROUPS,
        },
        status=400 if form.errors else 200,
    )


def _company_mode(request):
    """How step 1 asks for the employer, from the organization the user acts for."""
    organization = request.current_organization
    if organization.kind_group in EMPLOYER_GROUPS:
        own = services.employer_company_of(organization)
        members = (
            GroupMembership.objects.filter(group=own).active().values_list("member_id", flat=True)
            if own.is_employer_group
            else []
        )
        ids = [own.pk, *members]
        return {"company_mode": "choice", "companies": Company.objects.filter(pk__in=ids)}
    # An SIAE may recruit for itself; a hub always writes with an employer.
    required = organization.kind_group != KindGroup.INCLUSION_EMPLOYER
    return {"company_mode": "search", "company_required": required}


@login_required
@require_http_methods(["GET", "POST"])
def offer_create(request):
    """Step 1 of the guided form: creates the draft, then the next steps edit it."""
    organization = _require_manager(request)
    mode = _company_mode(request)
    form = OfferJobForm(request.POST or None, **mode)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        company = data.pop("company", None) or services.employer_company_of(organization)
        try:
            offer = services.offer_create(
                organization=organization, user=request.user, company=company, data=data
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, "Brouillon enregistré. Étape suivante : les contraintes.")
            return redirect("offer_step", offer_pk=offer.pk, step="contraintes")
    return render(
        request,
        "offers/step.html",
        {
            "title": "Nouvelle offre — le métier et les missions",
            "form": form,
            "offer": None,
            "step": "metier",
            "steps": _steps("metier"),
            "preview": None,
        },
        status=400 if request.method == "POST" else 200,
    )


def _steps(current: str) -> list[dict]:
    return [
        {"slug": slug, "title": STEPS[slug][0], "number": n, "current": slug == current}
        for n, slug in enumerate(STEP_ORDER, 1)
    ]


def _initial(offer: JobOffer, step: str) -> dict:
    _, _, names = STEPS[step]
    initial = {name: getattr(offer, name) for name in names}
    if step == "metier":
        initial["appellation"] = appellation_label(offer.appellation)
    return initial


@login_required
@require_http_methods(["GET", "POST"])
def offer_step(request, offer_pk, step):
    if step not in STEPS:
        raise Http404("Étape inconnue.")
    offer = access_offer(request, offer_pk)
    if offer.state not in state_machine.EDITABLE_STATES:
        messages.info(request, "Cette offre ne se modifie plus.")
        return redirect("offer_detail", offer_pk=offer.pk)
    title, form_class, _ = STEPS[step]
    if request.method == "POST" and step == "texte" and "recomposer" in request.POST:
        services.offer_set_text(offer=offer, user=request.user, title="", text="")
        messages.success(request, "Texte composé à nouveau à partir des réponses.")
        return redirect("offer_step", offer_pk=offer.pk, step="texte")
    initial = _initial(offer, step)
    form = form_class(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            if step == "texte":
                services.offer_set_text(
                    offer=offer,
                    user=request.user,
                    title=form.cleaned_data["title"],
                    text=form.cleaned_data["text"],
                )
            else:
                services.offer_update(offer=offer, user=request.user, data=form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            return _after_step(request, offer, step)
    return render(
        request,
        "offers/step.html",
        {
            "title": f"{offer.title} — {title.lower()}",
            "form": form,
            "offer": offer,
            "step": step,
            "steps": _steps(step),
            "preview": blocks(offer.text) if step == "texte" else None,
            "publishable": offer.state == OfferState.DRAFT,
        },
        status=400 if request.method == "POST" else 200,
    )


def _after_step(request, offer, step):
    if step == "texte":
        if "publier" in request.POST and offer.state == OfferState.DRAFT:
            try:
                services.offer_transition(
                    offer=offer, user=request.user, to_state=OfferState.PUBLISHED
                )
            except ValidationError as error:
                messages.error(request, " ".join(error.messages))
            else:
                messages.success(request, "Offre publiée : elle apparaît sur le site des offres.")
        else:
            messages.success(request, "Texte enregistré.")
        return redirect("offer_detail", offer_pk=offer.pk)
    following = STEP_ORDER[STEP_ORDER.index(step) + 1]
    messages.success(request, "Enregistré.")
    return redirect("offer_step", offer_pk=offer.pk, step=following)


def _detail_context(request, offer, introduction_form=None):
    organization = request.current_organization
    can_follow = organization is not None and can(
        request.user, Capability.FOLLOW_PERSONS, organization
    )
    followed = Person.objects.followed_by(request.user).order_by("last_name", "first_name")
    # The structures see the people they introduced; the employer, in its own space.
    introductions = Introduction.objects.filter(
        offer=offer, introduced_by__in=request.user.memberships.active().values("organization_id")
    ).select_related("person", "introduced_by")
    return {
        "title": offer.title,
        "offer": offer,
        "text_blocks": blocks(offer.text),
        # The link goes to the organization's own contact at the company, when it has one
        # with an email (seed 001: the manager close to the job before HR).
        "contact_email": _contact_email(request.user, offer.company) if can_follow else "",
        "suggest_filled": services.hires_fill_the_offer(offer)
        and state_machine.LIFECYCLE.allowed(offer.state, OfferState.FILLED),
        "actions": state_machine.LIFECYCLE.options(offer.state),
        "editable": offer.state in state_machine.EDITABLE_STATES,
        "steps": _steps("metier"),
        "transitions": offer.transitions.select_related(
            "by", "filled_by__person", "filled_by__introduced_by"
        ),
        "introductions": introductions if can_follow else introductions.none(),
        "introduction_form": introduction_form
        or (
            IntroductionForm(persons=followed, ranked=introduction_choices(request.user, offer))
            if can_follow
            else None
        ),
        "ranks_candidates": can_follow,
        "company_label": company_label(offer.company),
        "requests": requests_of(request.user, offer),
        "in_employer_space": offer.company.organization_id is not None
        and request.user.memberships.active()
        .filter(organization_id=offer.company.organization_id)
        .exists(),
    }


def _contact_email(user, company) -> str:
    contact = (
        Contact.objects.visible_to(user)
        .filter(company=company)
        .exclude(email="")
        .order_by(Case(When(kind=ContactKind.PROXIMITY_MANAGER, then=0), default=1), "name", "id")
        .first()
    )
    return contact.email if contact else ""


@login_required
@require_GET
def offer_detail(request, offer_pk):
    offer = access_offer(request, offer_pk, manage=False)
    return render(request, "offers/detail.html", _detail_context(request, offer))


# The moves that cannot be undone: « pourvue » leads only to « clôturée », which ends.
CONFIRMED_MOVES = {
    OfferState.FILLED: (
        "Marquer l'offre « {title} » pourvue ?",
        "Une offre pourvue quitte le site des offres et ne se republie pas ; "
        "elle pourra seulement être clôturée. Dites qui a été embauché·e.",
        "Marquer pourvue",
    ),
    OfferState.CLOSED: (
        "Clôturer l'offre « {title} » ?",
        "Une offre clôturée ne se modifie plus et ne se republie pas : pour recruter à "
        "nouveau, vous écrirez une nouvelle offre.",
        "Clôturer l'offre",
    ),
}


def _confirm_move(request, offer, form, *, error="", status=200):
    to_state = form.cleaned_data["to_state"]
    title, consequence, button = CONFIRMED_MOVES[to_state]
    filling = to_state == OfferState.FILLED
    return confirmation_page(
        request,
        title=title.format(title=offer.title),
        consequence=consequence,
        button=button,
        cancel_url=reverse("offer_detail", args=[offer.pk]),
        hidden={"to_state": to_state, "comment": form.cleaned_data["comment"]},
        extra="offers/_filled_choice.html" if filling else "",
        context={
            "hires": services.hire_choices(offer) if filling else (),
            "chosen": form.cleaned_data.get("embauche", ""),
            "elsewhere": FILLED_ELSEWHERE,
            "error": error,
        },
        status=status,
    )


@login_required
@require_POST
def offer_transition(request, offer_pk):
    """Publish, pause, fill or close. Filling and closing cannot be undone: they ask
    first (a page, then a POST with the confirmation), and filling says who was hired."""
    offer = access_offer(request, offer_pk)
    form = TransitionForm(request.POST)
    if form.is_valid():
        to_state = form.cleaned_data["to_state"]
        if to_state in CONFIRMED_MOVES and not confirmed(request):
            return _confirm_move(request, offer, form)
        try:
            services.offer_transition(
                offer=offer,
                user=request.user,
                to_state=to_state,
                comment=form.cleaned_data["comment"],
                **(form.hire() if to_state == OfferState.FILLED else {}),
            )
        except ValidationError as error:
            if to_state == OfferState.FILLED:
                return _confirm_move(
                    request, offer, form, error=" ".join(error.messages), status=400
                )
            messages.error(request, " ".join(error.messages))
        else:
            offer.refresh_from_db()
            messages.success(request, f"Offre « {offer.get_state_display().lower()} ».")
    else:
        messages.error(request, "Action inconnue.")
    return redirect("offer_detail", offer_pk=offer.pk)


@login_required
@require_POST
def offer_confirm(request, offer_pk):
    offer = access_offer(request, offer_pk)
    try:
        services.offer_confirm_current(offer=offer, user=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, "Merci : l'offre reste publiée 60 jours de plus.")
    return redirect("offer_detail", offer_pk=offer.pk)


@login_required
@require_POST
def introduction_create(request, offer_pk):
    offer = access_offer(request, offer_pk, manage=False)
    organization = request.current_organization
    if organization is None or not can(request.user, Capability.FOLLOW_PERSONS, organization):
        raise PermissionDenied("Votre organisation n'accompagne pas de personnes.")
    followed = Person.objects.followed_by(request.user)
    ranked = introduction_choices(request.user, offer)
    form = IntroductionForm(request.POST, persons=followed, ranked=ranked)
    if form.is_valid():
        try:
            introduction = services.introduction_create(
                offer=offer,
                person=form.cleaned_data["person"],
                organization=organization,
                user=request.user,
                comment=form.cleaned_data["comment"],
                confirm_sensitive_words=form.cleaned_data["confirm_sensitive_words"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, f"{introduction.person} est présenté·e à {offer.company}.")
            return redirect("offer_detail", offer_pk=offer.pk)
    context = _detail_context(request, offer, introduction_form=form)
    return render(request, "offers/detail.html", context, status=400)


@login_required
@require_GET
def managed_company_options(request):
    """`<option>`s for the offers list's « Entreprise » filter: the companies of the
    offers the user manages, by name or SIRET."""
    query = request.GET.get("entreprise", "").strip()
    companies = managed_companies(request.user).filter(
        Q(name__icontains=query) | Q(siret__startswith="".join(query.split()))
    )
    return _company_options(request, query, companies)


@login_required
@require_GET
def company_options(request):
    """`<option>`s for the company field's datalist."""
    query = (request.GET.get("company") or request.GET.get("q", "")).strip()
    companies = Company.objects.visible_to(request.user).filter(name__icontains=query)
    return _company_options(request, query, companies)


def _company_options(request, query: str, companies):
    """The first eight `companies` by name, as « Nom (SIRET) » options, once two letters
    are typed."""
    found = companies.order_by("name")[:8] if len(query) >= 2 else []
    return render(
        request,
        "includes/commune_options.html",
        {"options": [company_label(c) for c in found]},
    )
