"""The events' pages: the agenda (per organization or per territory), creating an
event, its page (registrations, slots, outcomes, debrief, documents), the attendance
list of a session (phone-sized, one tap per person, htmx or plain forms), and the
calendar links. Thin: every read through `events.access`/`events.selectors`, every
write through `events.services`."""

import calendar as month_calendar
from datetime import date, datetime, timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from access.policy import Capability, can
from companies.models import ClubMembership, Company
from cooperation import services as cooperation_services
from cooperation.access import group_to_run
from events import ical, selectors, services
from events.access import (
    acting_organization,
    event_for,
    followed_person_ids,
    is_organizer,
    may_cancel_registration,
    outcome_rows,
    registrable_contacts,
    registrable_persons,
    registration_for,
    registration_label,
    visible_registrations,
)
from events.enums import EventKind, Presence, RegistrantKind
from events.forms import (
    ContactRegistrationForm,
    DebriefForm,
    DocumentForm,
    EventEditForm,
    EventForm,
    InvitationForm,
    PersonRegistrationForm,
    SlotBookingForm,
    SlotForm,
    VisitorForm,
    event_form_data,
)
from events.models import (
    CalendarFeed,
    EventDocument,
    Occurrence,
    Slot,
    organization_ids_of,
)
from immersions.models import Immersion
from lib.confirmation import ask_first
from offers.enums import OfferState
from offers.models import Introduction, JobOffer
from organizations.models import Organization

PAGE_SIZE = 25
MONTHS = [
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
]


def _month(value: str) -> date:
    try:
        year, month = (int(p) for p in value.split("-"))
        return date(year, month, 1)
    except (ValueError, AttributeError):
        today = date.today()
        return today.replace(day=1)


@login_required
@require_GET
def event_list(request):
    """The agenda of a month: the sessions of the organization's events, or of every
    event the user sees in the organization's department (« territoire »)."""
    first = _month(request.GET.get("mois", ""))
    last = first.replace(day=month_calendar.monthrange(first.year, first.month)[1])
    kind = request.GET.get("type", "")
    kind = kind if kind in EventKind.values else ""
    scope = "territoire" if request.GET.get("perimetre") == "territoire" else "organisation"
    events = selectors.events_for(request.user, start=first, end=last, kind=kind)
    organization = request.current_organization
    if scope == "organisation" and organization is not None:
        # Organised by it, or to which it is invited (itself or as a company of a club).
        events = events.filter(
            Q(organizers=organization)
            | Q(invitations__organization=organization)
            | Q(invitations__company__organization=organization)
        ).distinct()
    elif organization is not None and organization.commune_id:
        events = events.filter(commune__department_id=organization.commune.department_id)
    sessions = selectors.sessions_for(events, start=first, end=last)
    page = Paginator(sessions, PAGE_SIZE).get_page(request.GET.get("page"))
    previous = (first - timedelta(days=1)).replace(day=1)
    following = last + timedelta(days=1)
    return render(
        request,
        "events/list.html",
        {
            "title": "Agenda",
            "page": page,
            "month_label": f"{MONTHS[first.month - 1]} {first.year}",
            "previous": f"{previous:%Y-%m}",
            "following": f"{following:%Y-%m}",
            "month": f"{first:%Y-%m}",
            "kind": kind,
            "kinds": EventKind.choices,
            "scope": scope,
            "can_create": organization is not None,
        },
    )


def _partners(user):
    own = organization_ids_of(user)
    return Organization.objects.exclude(pk__in=own).order_by("name")


@login_required
@require_http_methods(["GET", "POST"])
def event_create(request):
    organization = request.current_organization
    if organization is None:
        raise PermissionDenied("Choisissez d'abord l'organisation pour laquelle vous agissez.")
    # « Programmer une nouvelle réunion » of a working group: the event is its meeting.
    group = group_to_run(request.user, request.GET["groupe"]) if "groupe" in request.GET else None
    form = EventForm(request.POST or None, partners=_partners(request.user))
    if request.method == "POST" and form.is_valid():
        try:
            if group is None:
                event = services.event_create(
                    user=request.user, organization=organization, **form.service_arguments()
                )
            else:
                event = cooperation_services.group_meeting_create(
                    group=group,
                    user=request.user,
                    organization=organization,
                    **form.service_arguments(),
                )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, f"« {event.title} » est au programme.")
            return redirect("event_detail", event_pk=event.pk)
    return render(
        request,
        "events/create.html",
        {"title": "Programmer un événement", "form": form, "group": group},
        status=400 if request.method == "POST" else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def event_edit(request, event_pk):
    """« Modifier l'événement », for its organizers: the form as the event stands; a
    refused change shows again what was typed (400)."""
    event = event_for(request.user, event_pk)
    if not is_organizer(request.user, event):
        raise PermissionDenied("Seuls les organisateurs de l'événement peuvent le modifier.")
    if event.is_cancelled:
        raise PermissionDenied("Un événement annulé ne se modifie plus.")
    form = EventEditForm(request.POST or None, event=event, initial=event_form_data(event))
    if request.method == "POST" and form.is_valid():
        try:
            services.event_update(event=event, user=request.user, **form.service_arguments())
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, "L'événement est modifié.")
            return _back(event)
    return render(
        request,
        "events/edit.html",
        {"title": f"Modifier « {event.title} »", "form": form, "event": event},
        status=400 if request.method == "POST" else 200,
    )


def _registration_rows(request, event):
    rows = list(visible_registrations(request.user, event))
    followed = followed_person_ids(request.user, [r.person_id for r in rows])
    own = set(organization_ids_of(request.user))
    return [(r, registration_label(r, followed, own)) for r in rows], followed


def _contacts(request):
    return registrable_contacts(request.current_organization)


def _persons(request):
    return registrable_persons(request.user, request.current_organization)


def _detail_context(request, event, **forms):
    organizer = is_organizer(request.user, event)
    rows, followed = _registration_rows(request, event)
    slots = list(
        event.slots.select_related(
            "company", "offer", "registration__person", "registration__organization", "introduction"
        )
    )
    own = set(organization_ids_of(request.user))
    own_person_registrations = event.registrations.filter(
        kind=RegistrantKind.PERSON,
        cancelled_at__isnull=True,
        organization_id__in=own,
        person_id__in=followed or [0],
    ).select_related("person")
    organization = request.current_organization
    club = (
        Company.objects.filter(
            pk__in=ClubMembership.objects.filter(organization=organization).values("company_id")
        ).order_by("name")
        if organization
        else Company.objects.none()
    )
    slot_rows = []
    for slot in slots:
        person_id = slot.registration.person_id if slot.registration_id else None
        slot_rows.append(
            {
                "slot": slot,
                "candidate": registration_label(slot.registration, followed, own)
                if slot.registration_id
                else "",
                "may_introduce": person_id in followed
                and slot.offer_id
                and not slot.introduction_id,
                # « Libérer le créneau »: the rule of `services.slot_release`.
                "may_release": slot.registration_id is not None
                and not slot.introduction_id
                and not event.is_cancelled
                and may_cancel_registration(request.user, slot.registration, event),
            }
        )
    # A registration whose slot led to an introduction stays: the page says so instead
    # of offering a cancellation that would be refused.
    introduced = {s.registration_id for s in slots if s.registration_id and s.introduction_id}
    open_registrations = event.registrations.filter(cancelled_at__isnull=True)
    context = {
        "title": event.title,
        "event": event,
        "organizer": organizer,
        "organizers": list(event.organizers.all()),
        "registrations": rows,
        # Every registration listed is one the reader answers for (organizers: all).
        "may_cancel_registrations": not event.is_cancelled,
        "introduced_registrations": introduced,
        "registered_count": event.registrations.filter(cancelled_at__isnull=True).count(),
        # Once registered, « M'inscrire » would only be refused: the page says so instead.
        "registered_self": event.registrations.filter(
            user=request.user, cancelled_at__isnull=True
        ).exists(),
        "sessions": selectors.upcoming_sessions(event),
        "past_sessions": selectors.past_sessions(event)[:12] if organizer else [],
        "slots": slot_rows,
        # Each outcome as the reader may read it, linked only to the pages they may open.
        "outcomes": outcome_rows(
            request.user,
            event.outcomes.select_related(
                "introduction__offer__company",
                "introduction__person",
                "introduction__introduced_by",
                "immersion__company",
                "immersion__person",
                "immersion__organization",
            ),
        )
        if organizer
        else [],
        # The company's page of the register, for who keeps relations with companies.
        "opens_companies": can(
            request.user, Capability.RELATE_WITH_COMPANIES, request.current_organization
        ),
        "documents": event.documents.all() if organizer else [],
        # The lists offer only who is not registered yet: choosing someone already there
        # could only be refused.
        "person_form": forms.get("person_form")
        or (
            PersonRegistrationForm(
                persons=_persons(request).exclude(
                    pk__in=open_registrations.filter(person__isnull=False).values("person_id")
                )
            )
            if not event.is_cancelled
            else None
        ),
        "contact_form": forms.get("contact_form")
        or (
            ContactRegistrationForm(
                contacts=_contacts(request).exclude(
                    pk__in=open_registrations.filter(contact__isnull=False).values("contact_id")
                )
            )
            if not event.is_cancelled
            else None
        ),
        "invitation_form": forms.get("invitation_form")
        or InvitationForm(organizations=_partners(request.user), companies=club),
        "slot_form": forms.get("slot_form")
        or SlotForm(
            companies=Company.objects.order_by("name") if organizer else Company.objects.none(),
            offers=JobOffer.objects.filter(state=OfferState.PUBLISHED).select_related("company")
            if organizer
            else JobOffer.objects.none(),
        ),
        "booking_form": SlotBookingForm(registrations=own_person_registrations),
        "debrief_form": forms.get("debrief_form")
        or DebriefForm(initial={"worked": event.debrief_worked, "improve": event.debrief_improve}),
        "document_form": forms.get("document_form") or DocumentForm(),
        "invitations": event.invitations.select_related("organization", "company"),
        "is_job_dating": event.kind == EventKind.JOB_DATING,
        "linkable": _linkable(request, event, followed),
    }
    return context


def _linkable(request, event, followed) -> list[tuple[str, str]]:
    """(value, label) of the introductions and immersions of the registered people the
    user follows, not yet traced back to an event: what « Rattacher » offers."""
    people = [
        pk
        for pk in event.registrations.filter(cancelled_at__isnull=True).values_list(
            "person_id", flat=True
        )
        if pk in followed
    ]
    if not people:
        return []
    introductions = Introduction.objects.filter(
        person_id__in=people, event_outcome__isnull=True
    ).select_related("person", "offer__company")
    immersions = Immersion.objects.filter(
        person_id__in=people, event_outcome__isnull=True
    ).select_related("person", "company")
    return [
        (f"introduction-{i.pk}", f"{i.person} — mise en relation avec {i.offer.company}")
        for i in introductions
    ] + [(f"immersion-{i.pk}", f"{i.person} — immersion chez {i.company}") for i in immersions]


@login_required
@require_POST
def event_outcome_link(request, event_pk):
    """Trace an introduction or an immersion of a registered person back to the event."""
    event = event_for(request.user, event_pk)
    kind, _, pk = request.POST.get("suite", "").partition("-")
    model = {"introduction": Introduction, "immersion": Immersion}.get(kind)
    if model is None or not pk.isdigit():
        messages.error(request, "Choisissez une mise en relation ou une immersion.")
        return _back(event)
    found = model.objects.filter(pk=int(pk)).first()
    if found is None:
        raise Http404("Suite introuvable.")
    try:
        services.outcome_link(event=event, user=request.user, **{kind: found})
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, "La suite est rattachée à l'événement.")
    return _back(event)


@login_required
@require_GET
def event_detail(request, event_pk):
    event = event_for(request.user, event_pk)
    return render(request, "events/detail.html", _detail_context(request, event))


def _again(request, event, **refused_form):
    """The event's page again with the refused form bound, its errors shown, what was
    typed kept."""
    return render(
        request, "events/detail.html", _detail_context(request, event, **refused_form), status=400
    )


def _back(event):
    return redirect("event_detail", event_pk=event.pk)


@login_required
@require_POST
def event_register(request, event_pk):
    """Register a followed person, oneself, or a company's contact (`?qui=`)."""
    event = event_for(request.user, event_pk)
    organization = acting_organization(request.user, request.current_organization)
    if organization is None:
        raise PermissionDenied("Choisissez d'abord l'organisation pour laquelle vous agissez.")
    who = request.POST.get("qui", "")
    forms = {}
    try:
        if who == "moi":
            services.register_self(event=event, user=request.user, organization=organization)
            messages.success(request, "Vous êtes inscrit·e.")
            return _back(event)
        if who == "personne":
            form = PersonRegistrationForm(request.POST, persons=_persons(request))
            forms["person_form"] = form
            if form.is_valid():
                person = form.cleaned_data["person"]
                services.register_person(
                    event=event, person=person, user=request.user, organization=organization
                )
                messages.success(request, f"{person} est inscrit·e.")
                return _back(event)
        elif who == "contact":
            form = ContactRegistrationForm(request.POST, contacts=_contacts(request))
            forms["contact_form"] = form
            if form.is_valid():
                contact = form.cleaned_data["contact"]
                services.register_contact(
                    event=event, contact=contact, user=request.user, organization=organization
                )
                messages.success(request, f"{contact.name} est inscrit·e.")
                return _back(event)
        else:
            raise Http404("Inscription inconnue.")
    except ValidationError as error:
        form = forms.get("person_form") or forms.get("contact_form")
        if form is None:
            messages.error(request, " ".join(error.messages))
            return _back(event)
        form.add_error(None, error)
    return _again(request, event, **forms)


@login_required
@require_http_methods(["GET", "POST"])
def event_cancel(request, event_pk):
    event = event_for(request.user, event_pk)
    if not is_organizer(request.user, event):
        raise PermissionDenied("Seuls les organisateurs de l'événement peuvent l'annuler.")
    page = ask_first(
        request,
        extra="events/_cancel_reason.html",
        title=f"Annuler « {event.title} »",
        consequence="Les inscrits et les structures qui ont inscrit quelqu'un en sont avertis "
        "par courriel, et les agendas abonnés le montrent annulé. On ne peut pas revenir "
        "en arrière.",
        button="Annuler l'événement",
        cancel_url=reverse("event_detail", args=[event.pk]),
    )
    if page is not None:
        return page
    try:
        services.event_cancel(event=event, user=request.user, reason=request.POST.get("reason", ""))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, "L'événement est annulé.")
    return _back(event)


def _session(request, event_pk, session_pk):
    event = event_for(request.user, event_pk)
    occurrence = get_object_or_404(Occurrence, pk=session_pk, event=event)
    return event, occurrence


@login_required
@require_http_methods(["GET", "POST"])
def session_cancel(request, event_pk, session_pk):
    event, occurrence = _session(request, event_pk, session_pk)
    if not is_organizer(request.user, event):
        raise PermissionDenied("Seuls les organisateurs de l'événement peuvent l'annuler.")
    page = ask_first(
        request,
        title=f"Annuler la séance du {occurrence.starts_at:%d/%m/%Y}",
        consequence="Les inscrits en sont avertis et les agendas abonnés ne la montrent plus.",
        button="Annuler la séance",
        cancel_url=reverse("event_detail", args=[event.pk]),
    )
    if page is not None:
        return page
    try:
        services.occurrence_cancel(occurrence=occurrence, user=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, "La séance est annulée.")
    return _back(event)


def _slot_time(slot) -> str:
    return f"{timezone.localtime(slot.starts_at):%H h %M}"


@login_required
@require_http_methods(["GET", "POST"])
def registration_cancel(request, event_pk, event_registration_pk):
    """« Annuler l'inscription », for the organizers or the structure that registered:
    asks first (who, which event, the slot freed), then cancels."""
    event = event_for(request.user, event_pk)
    registration = registration_for(request.user, event, event_registration_pk)
    if registration.cancelled_at:
        messages.info(request, "Cette inscription est déjà annulée.")
        return _back(event)
    followed = followed_person_ids(request.user, [registration.person_id])
    label = registration_label(registration, followed, set(organization_ids_of(request.user)))
    slots = list(registration.slots.select_related("company").order_by("starts_at", "id"))
    freed = "".join(
        f" Son créneau de {_slot_time(s)} avec {s.company.name} redevient libre." for s in slots
    )
    page = ask_first(
        request,
        title=f"Annuler l'inscription de {label}",
        consequence=f"{label} ne sera plus inscrit·e à « {event.title} » "
        f"({event.get_kind_display().lower()}).{freed} Pour revenir, il faudra l'inscrire "
        "à nouveau.",
        button="Annuler l'inscription",
        cancel_url=reverse("event_detail", args=[event.pk]),
    )
    if page is not None:
        return page
    try:
        services.registration_cancel(registration=registration, user=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, f"L'inscription de {label} est annulée.")
    return _back(event)


def _attendance_rows(request, event, occurrence):
    rows, _ = _registration_rows(request, event)
    marks = {a.registration_id: a for a in occurrence.attendance.filter(registration__isnull=False)}
    return [{"registration": r, "label": label, "mark": marks.get(r.pk)} for r, label in rows]


@login_required
@require_http_methods(["GET", "POST"])
def session_attendance(request, event_pk, session_pk):
    """The attendance list of a session, made for a phone: one tap per person."""
    event, occurrence = _session(request, event_pk, session_pk)
    if not is_organizer(request.user, event):
        raise PermissionDenied("Seuls les organisateurs tiennent la liste de présence.")
    visitor_form = VisitorForm(request.POST or None)
    if request.method == "POST" and visitor_form.is_valid():
        try:
            services.visitor_add(
                occurrence=occurrence, name=visitor_form.cleaned_data["name"], user=request.user
            )
        except ValidationError as error:
            visitor_form.add_error(None, error)
        else:
            return redirect("session_attendance", event_pk=event.pk, session_pk=occurrence.pk)
    visitors = occurrence.attendance.filter(registration__isnull=True).select_related("person")
    rows = _attendance_rows(request, event, occurrence)
    present = sum(1 for r in rows if r["mark"] and r["mark"].presence == Presence.PRESENT)
    return render(
        request,
        "events/attendance.html",
        {
            "title": f"Présences : {event.title}",
            "event": event,
            "occurrence": occurrence,
            "rows": rows,
            "present": present + len(visitors),
            "visitors": visitors,
            "visitor_form": visitor_form,
            "is_drop_in": event.kind == EventKind.DROP_IN,
            "can_walk_in": can(
                request.user, Capability.FOLLOW_PERSONS, request.current_organization
            ),
        },
        status=400 if request.method == "POST" else 200,
    )


@login_required
@require_POST
def session_mark(request, event_pk, session_pk, event_registration_pk):
    """One tap: present or absent. htmx swaps the row; without it, back to the list."""
    event, occurrence = _session(request, event_pk, session_pk)
    registration = get_object_or_404(event.registrations, pk=event_registration_pk)
    try:
        services.attendance_mark(
            occurrence=occurrence,
            registration=registration,
            presence=request.POST.get("presence", ""),
            user=request.user,
        )
    except ValidationError as error:
        if request.htmx:
            return HttpResponse(" ".join(error.messages), status=400)
        messages.error(request, " ".join(error.messages))
    if request.htmx:
        row = next(
            r
            for r in _attendance_rows(request, event, occurrence)
            if r["registration"].pk == registration.pk
        )
        return render(
            request,
            "events/_attendance_row.html",
            {"row": row, "event": event, "occurrence": occurrence},
        )
    return redirect("session_attendance", event_pk=event.pk, session_pk=occurrence.pk)


@login_required
@require_POST
def event_invite(request, event_pk):
    event = event_for(request.user, event_pk)
    organization = request.current_organization
    club = Company.objects.filter(
        pk__in=ClubMembership.objects.filter(organization=organization).values("company_id")
    )
    form = InvitationForm(request.POST, organizations=_partners(request.user), companies=club)
    if form.is_valid():
        services.invitation_create(
            event=event,
            user=request.user,
            organization=form.cleaned_data["organization"],
            company=form.cleaned_data["company"],
        )
        messages.success(request, "L'invitation est enregistrée.")
        return _back(event)
    return _again(request, event, invitation_form=form)


@login_required
@require_POST
def slot_create(request, event_pk):
    event = event_for(request.user, event_pk)
    if not is_organizer(request.user, event):
        raise PermissionDenied("Seuls les organisateurs ajoutent des créneaux.")
    form = SlotForm(
        request.POST,
        companies=Company.objects.all(),
        offers=JobOffer.objects.filter(state=OfferState.PUBLISHED),
    )
    if form.is_valid():
        day = timezone.localtime(event.starts_at).date()
        try:
            services.slot_add(
                event=event,
                company=form.cleaned_data["company"],
                offer=form.cleaned_data["offer"],
                label=form.cleaned_data["label"],
                starts_at=timezone.make_aware(
                    datetime.combine(day, form.cleaned_data["start_time"])
                ),
                user=request.user,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, "Le créneau est ajouté.")
            return _back(event)
    return _again(request, event, slot_form=form)


def _slot(request, event_pk, slot_pk):
    event = event_for(request.user, event_pk)
    return event, get_object_or_404(
        Slot.objects.select_related(
            "company", "registration__person", "registration__organization"
        ),
        pk=slot_pk,
        event=event,
    )


@login_required
@require_POST
def slot_book(request, event_pk, slot_pk):
    event, slot = _slot(request, event_pk, slot_pk)
    form = SlotBookingForm(request.POST, registrations=event.registrations.all())
    if form.is_valid():
        try:
            services.slot_book(
                slot=slot, registration=form.cleaned_data["registration"], user=request.user
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, "Le créneau est réservé.")
    else:
        messages.error(request, "Choisissez la personne inscrite.")
    return _back(event)


@login_required
@require_http_methods(["GET", "POST"])
def slot_release(request, event_pk, slot_pk):
    """« Libérer le créneau », for the organizers or the structure that booked it: asks
    first (whose slot, with which company), then frees it; the candidate stays
    registered."""
    event, slot = _slot(request, event_pk, slot_pk)
    if slot.registration_id is None:
        messages.info(request, "Ce créneau est déjà libre.")
        return _back(event)
    if not may_cancel_registration(request.user, slot.registration, event):
        raise PermissionDenied(
            "Seuls les organisateurs ou la structure qui a réservé peuvent libérer ce créneau."
        )
    followed = followed_person_ids(request.user, [slot.registration.person_id])
    label = registration_label(slot.registration, followed, set(organization_ids_of(request.user)))
    page = ask_first(
        request,
        title=f"Libérer le créneau de {_slot_time(slot)} avec {slot.company.name}",
        consequence=f"{label} n'aura plus ce créneau au job dating « {event.title} » ; il "
        "redevient libre pour une autre personne. L'inscription à l'événement reste.",
        button="Libérer le créneau",
        cancel_url=reverse("event_detail", args=[event.pk]),
    )
    if page is not None:
        return page
    try:
        services.slot_release(slot=slot, user=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, f"Le créneau de {_slot_time(slot)} est libéré.")
    return _back(event)


@login_required
@require_POST
def slot_introduce(request, event_pk, slot_pk):
    event, slot = _slot(request, event_pk, slot_pk)
    organization = acting_organization(request.user, request.current_organization)
    try:
        introduction = services.slot_introduce(
            slot=slot,
            user=request.user,
            organization=organization,
            comment=request.POST.get("comment", "")[:2000],
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request, f"{introduction.person} est présenté·e à {introduction.offer.company}."
        )
    return _back(event)


@login_required
@require_POST
def event_debrief(request, event_pk):
    event = event_for(request.user, event_pk)
    form = DebriefForm(request.POST)
    if form.is_valid():
        services.debrief_save(
            event=event,
            user=request.user,
            worked=form.cleaned_data["worked"],
            improve=form.cleaned_data["improve"],
        )
        messages.success(request, "Le bilan est enregistré.")
        return _back(event)
    return _again(request, event, debrief_form=form)


@login_required
@require_POST
def event_document_add(request, event_pk):
    event = event_for(request.user, event_pk)
    form = DocumentForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.document_add(
                event=event,
                user=request.user,
                title=form.cleaned_data["title"],
                upload=form.cleaned_data["file"],
            )
        except ValidationError as error:
            form.add_error("file", error)
        else:
            messages.success(request, "Le document est ajouté.")
            return _back(event)
    return _again(request, event, document_form=form)


@login_required
@require_GET
def event_document(request, event_pk, event_document_pk):
    event = event_for(request.user, event_pk)
    if not is_organizer(request.user, event):
        raise Http404("Document introuvable.")
    document = get_object_or_404(EventDocument, pk=event_document_pk, event=event)
    return FileResponse(
        document.file.open("rb"), as_attachment=True, filename=document.download_name
    )


# --- Calendar feeds -----------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def calendar_links(request):
    """The secret links of the user's feed and of the current organization's."""
    organization = request.current_organization
    if request.method == "POST":
        which = request.POST.get("lien")
        if which == "organisation" and organization is not None:
            owner = organization
        elif which == "personnel":
            owner = None
        else:
            messages.error(request, "Choisissez le lien à remplacer.")
            return redirect("calendar_links")
        page = ask_first(
            request,
            keep=("lien",),
            title="Remplacer le lien de l'agenda de l'organisation"
            if owner is not None
            else "Remplacer le lien de mon agenda",
            consequence="L'ancien lien ne fonctionnera plus : les applications d'agenda "
            "abonnées avec lui ne recevront plus les événements, il faudra y copier le "
            "nouveau lien.",
            button="Remplacer le lien",
            cancel_url=reverse("calendar_links"),
        )
        if page is not None:
            return page
        services.calendar_link(user=request.user, organization=owner, renew=True)
        messages.success(request, "Un nouveau lien est créé : l'ancien ne fonctionne plus.")
        return redirect("calendar_links")
    personal = services.calendar_link(user=request.user)
    shared = (
        services.calendar_link(user=request.user, organization=organization)
        if organization is not None
        else None
    )
    return render(
        request,
        "events/calendar_links.html",
        {
            "title": "Abonner un agenda",
            "personal_url": request.build_absolute_uri(
                reverse("calendar_feed", args=[personal.key])
            ),
            "organization_url": request.build_absolute_uri(
                reverse("calendar_feed", args=[shared.key])
            )
            if shared
            else "",
            "organization": organization,
        },
    )


@require_GET
def calendar_feed(request, feed_key):
    """The feed behind a secret link, for calendar applications without a token."""
    feed = (
        CalendarFeed.objects.filter(key=feed_key, revoked_at__isnull=True)
        .select_related("organization", "user")
        .first()
    )
    if feed is None:
        raise Http404("Lien d'agenda inconnu ou remplacé.")
    if feed.organization_id:
        events, name = selectors.organization_calendar(feed.organization), feed.organization.name
    else:
        if not feed.user.is_active:
            raise Http404("Lien d'agenda inconnu ou remplacé.")
        events, name = selectors.user_calendar(feed.user), "Mon agenda Parcours"
    response = HttpResponse(
        ical.calendar(events, name=name), content_type="text/calendar; charset=utf-8"
    )
    response["Content-Disposition"] = 'inline; filename="agenda.ics"'
    return response
