"""The partner services directory (search by theme and distance, detail, local services
added by organizations), referring a person to a service, and the inbox of the partner
organizations that own services."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from access.policy import Capability, can
from audit.reads import log_sensitive_read
from barriers.access import barriers_for
from barriers.models import PersonBarrier
from organizations.enums import KindGroup
from partner_services import services
from partner_services.enums import ReferralState
from partner_services.forms import (
    ReferralForm,
    ReferralTransitionForm,
    ServiceForm,
    ServiceSearchForm,
)
from partner_services.models import Service, ServiceReferral
from partner_services.selectors import (
    INBOX_SORTS,
    inbox,
    inbox_referral,
    referral_moves,
    services_search,
    with_moves,
)

PAGE_SIZE = 25


def can_add_services(user, organization) -> bool:
    """Organizations that refer or follow people, and partner services, add local ones."""
    return organization is not None and (
        can(user, Capability.REFER_PERSONS, organization)
        or can(user, Capability.FOLLOW_PERSONS, organization)
        or organization.kind_group == KindGroup.PARTNER_SERVICE
    )


@login_required
@require_GET
def service_search(request):
    form = ServiceSearchForm(request.GET or None)
    found, searched = [], False
    if form.is_valid():
        searched = True
        data = form.cleaned_data
        found = services_search(
            request.user,
            theme=data["theme"],
            commune=data["commune"],
            radius_km=data["radius_km"],
            q=data["q"],
        )
    elif not form.is_bound:
        found = services_search(request.user)
    page = Paginator(found, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "partner_services/search.html",
        {
            "title": "Services partenaires",
            "form": form,
            "page": page,
            "searched": searched,
            "can_add": can_add_services(request.user, request.current_organization),
            "has_inbox": _has_inbox(request),
        },
        status=400 if form.is_bound and not form.is_valid() else 200,
    )


@login_required
@require_GET
def service_detail(request, service_pk):
    service = get_object_or_404(
        Service.objects.visible_to(request.user).select_related("commune", "organization"),
        pk=service_pk,
    )
    organization = request.current_organization
    return render(
        request,
        "partner_services/detail.html",
        {
            "title": service.name,
            "service": service,
            "can_edit": service.is_local
            and organization is not None
            and service.organization_id == organization.pk,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def service_create(request):
    organization = request.current_organization
    if not can_add_services(request.user, organization):
        raise PermissionDenied("Votre organisation ne peut pas ajouter de service.")
    form = ServiceForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            service = services.service_create(organization=organization, data=form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, f"Service « {service.name} » ajouté.")
            return redirect("service_detail", service_pk=service.pk)
    return render(
        request,
        "partner_services/edit.html",
        {"title": "Ajouter un service", "form": form, "service": None},
        status=400 if request.method == "POST" else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def service_edit(request, service_pk):
    service = get_object_or_404(Service.objects.editable_by(request.user), pk=service_pk)
    organization = request.current_organization
    if organization is None or service.organization_id != organization.pk:
        raise PermissionDenied("Ce service appartient à une autre de vos organisations.")
    form = ServiceForm(request.POST or None, instance=service)
    if request.method == "POST" and form.is_valid():
        try:
            services.service_update(service=service, data=form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, "Service mis à jour.")
            return redirect("service_detail", service_pk=service.pk)
    return render(
        request,
        "partner_services/edit.html",
        {"title": f"Modifier {service.name}", "form": form, "service": service},
        status=400 if request.method == "POST" else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def service_referral_create(request, person_pk, service_pk):
    """Refer the person to the service, for one of their open barriers."""
    person, _, organization = barriers_for(request.user, person_pk, request.current_organization)
    if not can(request.user, Capability.REFER_PERSONS, organization):
        raise PermissionDenied("Votre organisation ne peut pas orienter de personne.")
    service = get_object_or_404(
        Service.objects.visible_to(request.user).select_related("commune"), pk=service_pk
    )
    barriers = PersonBarrier.objects.visible_to(request.user).open().filter(person=person)
    barriers = barriers.select_related("item")
    initial = {"barrier": request.GET.get("frein")} if request.GET.get("frein") else {}
    form = ReferralForm(request.POST or None, barriers=barriers, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.service_referral_send(
                person=person,
                service=service,
                barrier=form.cleaned_data["barrier"],
                message=form.cleaned_data["message"],
                organization=organization,
                user=request.user,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, f"Orientation envoyée à {service.name}.")
            return redirect("person_barriers", person_pk=person.pk)
    return render(
        request,
        "partner_services/referral_create.html",
        {
            "title": f"Orienter vers {service.name}",
            "form": form,
            "person": person,
            "service": service,
        },
        status=400 if request.method == "POST" else 200,
    )


def _has_inbox(request) -> bool:
    """A partner service, or a structure that keeps services of its own, has an inbox of
    the referrals to them; nobody else (an employer gets 403, and no link to it, rather
    than an empty page that leads nowhere)."""
    organization = request.current_organization
    if can(request.user, Capability.ANSWER_SERVICE_REFERRALS, organization):
        return True
    return organization is not None and Service.objects.filter(organization=organization).exists()


@login_required
@require_GET
def service_referral_inbox(request):
    """Referrals addressed to the services of the organization the user acts for."""
    organization = request.current_organization
    if not _has_inbox(request):
        raise PermissionDenied("Votre organisation ne propose pas de service partenaire.")
    state = request.GET.get("etat", "")
    if state not in ReferralState.values:
        state = ""
    sort = request.GET.get("tri", "")
    if sort not in INBOX_SORTS:
        sort = ""
    referrals = inbox(request.user, organization, state=state, sort=sort) if organization else []
    page = Paginator(referrals, PAGE_SIZE).get_page(request.GET.get("page"))
    page.object_list = with_moves(page.object_list, request.user)
    return render(
        request,
        "partner_services/inbox.html",
        {
            "title": "Orientations vers nos services",
            "page": page,
            "state": state,
            "states": ReferralState.choices,
            "sort": sort,
            "sorts": INBOX_SORTS.items(),
            "organization": organization,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def service_referral_detail(request, service_referral_pk):
    """One referral addressed to a service of the user's organizations, as the partner
    sees it (the person's name and the need stated by the team, nothing else of their
    file), and its answer."""
    referral = inbox_referral(request.user, service_referral_pk)
    moves = referral_moves(referral, request.user, is_sender=False)
    form = ReferralTransitionForm(request.POST or None, moves=moves)
    if request.method == "POST":
        if not moves:
            raise PermissionDenied("Cette orientation n'attend pas de décision de votre part.")
        if form.is_valid():
            try:
                services.service_referral_transition(
                    referral=referral,
                    to_state=form.cleaned_data["to_state"],
                    comment=form.cleaned_data["comment"],
                    refusal_reason=form.cleaned_data["refusal_reason"],
                    done_on=form.cleaned_data["done_on"],
                    user=request.user,
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                referral.refresh_from_db()
                messages.success(
                    request,
                    f"Réponse enregistrée : {referral.get_state_display().lower()}. "
                    f"{referral.from_organization.name} en est informée.",
                )
                return redirect("service_referral_detail", service_referral_pk=referral.pk)
    log_sensitive_read(
        user=request.user,
        person=referral.person,
        what=f"Orientation n° {referral.pk} vers {referral.service.name}",
        organization=referral.service.organization,
        path=request.path,
    )
    return render(
        request,
        "partner_services/referral_detail.html",
        {
            "title": f"Orientation de {referral.person} vers {referral.service.name}",
            "referral": referral,
            "form": form,
            "moves": moves,
        },
        status=400 if request.method == "POST" else 200,
    )


@login_required
@require_POST
def service_referral_transition(request, service_referral_pk):
    referral = get_object_or_404(
        ServiceReferral.objects.visible_to(request.user).select_related("service", "person"),
        pk=service_referral_pk,
    )
    moves = referral_moves(referral, request.user)
    if not moves:
        raise PermissionDenied("Cette orientation n'attend pas de décision de votre part.")
    form = ReferralTransitionForm(request.POST, moves=moves)
    if form.is_valid():
        try:
            services.service_referral_transition(
                referral=referral,
                to_state=form.cleaned_data["to_state"],
                comment=form.cleaned_data["comment"],
                refusal_reason=form.cleaned_data["refusal_reason"],
                done_on=form.cleaned_data["done_on"],
                user=request.user,
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, f"Orientation : {referral.get_state_display().lower()}.")
    else:
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
    return redirect(_back_to(request, referral))


def _back_to(request, referral) -> str:
    if request.POST.get("depuis") == "personne":
        return reverse("person_barriers", kwargs={"person_pk": referral.person_id})
    return reverse("service_referral_inbox")
