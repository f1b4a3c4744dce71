"""The relations an organization keeps with a company: its club, its tags, its contacts
and the log of its exchanges (with next steps); and « Entreprises à contacter ». Only the
organization's members see them (`visible_to`)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from companies import selectors, services
from companies.forms import ClubForm, ContactForm, LogEntryForm, TagForm
from companies.models import CompanyTag, Contact, ContactLogEntry
from lib.confirmation import confirmation_page, confirmed
from www.views.companies import access_company, detail_context, page_of, relating_organization


def _back(company):
    return redirect("company_detail", company_pk=company.pk)


def _detail_with_errors(request, organization, company, **bound):
    context = detail_context(request, organization, company, **bound)
    return render(request, "companies/detail.html", context, status=400)


@login_required
@require_POST
def company_club(request, company_pk):
    """Join the club, or change the engagement."""
    organization = relating_organization(request)
    company = access_company(request, company_pk)
    form = ClubForm(request.POST)
    if form.is_valid():
        try:
            services.club_join(
                organization=organization,
                company=company,
                engagement=form.cleaned_data["engagement"],
                since=form.cleaned_data["since"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, f"« {company.name} » est dans votre club.")
            return _back(company)
    return _detail_with_errors(request, organization, company, club_form=form)


@login_required
@require_http_methods(["GET", "POST"])
def company_club_leave(request, company_pk):
    organization = relating_organization(request)
    company = access_company(request, company_pk)
    if not confirmed(request):
        return confirmation_page(
            request,
            title=f"Retirer « {company.name} » de votre club ?",
            consequence="Sa date d'entrée au club et son engagement seront perdus : "
            "la remettre au club repartira d'aujourd'hui.",
            button="Retirer du club",
            cancel_url=reverse("company_detail", args=[company.pk]),
        )
    try:
        services.club_leave(organization=organization, company=company)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, f"« {company.name} » n'est plus dans votre club.")
    return _back(company)


@login_required
@require_POST
def company_tag_add(request, company_pk):
    organization = relating_organization(request)
    company = access_company(request, company_pk)
    form = TagForm(request.POST)
    if form.is_valid():
        try:
            services.tag_add(
                organization=organization, company=company, label=form.cleaned_data["label"]
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            return _back(company)
    return _detail_with_errors(request, organization, company, tag_form=form)


@login_required
@require_http_methods(["GET", "POST"])
def company_tag_remove(request, company_pk, tag_pk):
    organization = relating_organization(request)
    company = access_company(request, company_pk)
    tag = get_object_or_404(
        CompanyTag.objects.visible_to(request.user).of(organization), company=company, pk=tag_pk
    )
    if not confirmed(request):
        return confirmation_page(
            request,
            title=f"Retirer l'étiquette « {tag.label} » de {company.name} ?",
            consequence="L'étiquette est retirée pour toute votre organisation.",
            button="Retirer l'étiquette",
            cancel_url=reverse("company_detail", args=[company.pk]),
        )
    services.tag_remove(tag=tag)
    messages.success(request, f"Étiquette « {tag.label} » retirée.")
    return _back(company)


def _contact_form_page(request, company, form, contact, *, status=200):
    return render(
        request,
        "companies/contact_edit.html",
        {
            "title": f"Modifier {contact.name}" if contact else f"Nouveau contact chez {company}",
            "company": company,
            "contact": contact,
            "form": form,
        },
        status=status,
    )


@login_required
@require_http_methods(["GET", "POST"])
def contact_create(request, company_pk):
    organization = relating_organization(request)
    company = access_company(request, company_pk)
    form = ContactForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            contact = services.contact_create(
                organization=organization, company=company, data=form.cleaned_data
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, f"Contact « {contact.name} » ajouté.")
            return _back(company)
    status = 400 if request.method == "POST" else 200
    return _contact_form_page(request, company, form, None, status=status)


def _access_contact(request, organization, company, contact_pk) -> Contact:
    return get_object_or_404(
        Contact.objects.visible_to(request.user).of(organization),
        company=company,
        pk=contact_pk,
    )


@login_required
@require_http_methods(["GET", "POST"])
def contact_edit(request, company_pk, contact_pk):
    organization = relating_organization(request)
    company = access_company(request, company_pk)
    contact = _access_contact(request, organization, company, contact_pk)
    form = ContactForm(request.POST or None, instance=contact)
    if request.method == "POST" and form.is_valid():
        try:
            services.contact_update(contact=contact, data=form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, "Contact mis à jour.")
            return _back(company)
    status = 400 if request.method == "POST" else 200
    return _contact_form_page(request, company, form, contact, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def contact_delete(request, company_pk, contact_pk):
    organization = relating_organization(request)
    company = access_company(request, company_pk)
    contact = _access_contact(request, organization, company, contact_pk)
    if not confirmed(request):
        return confirmation_page(
            request,
            title=f"Supprimer le contact « {contact.name} » ?",
            consequence="Ses coordonnées sont effacées pour toute votre organisation ; "
            "les échanges notés avec ce contact restent, sans son nom.",
            button="Supprimer le contact",
            cancel_url=reverse("company_detail", args=[company.pk]),
        )
    services.contact_delete(contact=contact)
    messages.success(request, f"Contact « {contact.name} » supprimé.")
    return _back(company)


def _contacts(request, organization, company):
    return Contact.objects.visible_to(request.user).of(organization).filter(company=company)


@login_required
@require_POST
def log_entry_create(request, company_pk):
    organization = relating_organization(request)
    company = access_company(request, company_pk)
    form = LogEntryForm(request.POST, contacts=_contacts(request, organization, company))
    if form.is_valid():
        try:
            services.log_entry_create(
                organization=organization,
                company=company,
                user=request.user,
                data=form.cleaned_data,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, "Échange noté.")
            return _back(company)
    return _detail_with_errors(request, organization, company, log_form=form)


def _access_entry(request, organization, company, log_pk) -> ContactLogEntry:
    return get_object_or_404(
        ContactLogEntry.objects.visible_to(request.user).of(organization).select_related("contact"),
        company=company,
        pk=log_pk,
    )


@login_required
@require_http_methods(["GET", "POST"])
def log_entry_edit(request, company_pk, log_pk):
    organization = relating_organization(request)
    company = access_company(request, company_pk)
    entry = _access_entry(request, organization, company, log_pk)
    form = LogEntryForm(
        request.POST or None, instance=entry, contacts=_contacts(request, organization, company)
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.log_entry_update(entry=entry, data=form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, "Échange mis à jour.")
            return _back(company)
    return render(
        request,
        "companies/log_edit.html",
        {"title": "Modifier un échange", "company": company, "entry": entry, "form": form},
        status=400 if request.method == "POST" else 200,
    )


@login_required
@require_POST
def log_entry_done(request, company_pk, log_pk):
    """Mark the next step done; htmx gets the entry back, others the page they came from."""
    organization = relating_organization(request)
    company = access_company(request, company_pk)
    entry = _access_entry(request, organization, company, log_pk)
    try:
        services.next_step_done(entry=entry)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    if request.htmx:
        return render(request, "companies/_log_entry.html", {"entry": entry, "company": company})
    if request.POST.get("depuis") == "a-contacter":
        return redirect("companies_to_contact")
    return _back(company)


@login_required
@require_GET
def companies_to_contact(request):
    """Next steps due, then the companies of the territory worth calling, with why."""
    organization = relating_organization(request)
    mine = request.GET.get("etapes") != "organisation"
    steps = selectors.next_steps(request.user, organization, mine=mine)
    pool = selectors.pool_of(request.user, organization)
    suggestions = selectors.companies_to_approach(request.user, organization, pool)
    return render(
        request,
        "companies/to_contact.html",
        {
            "title": "Entreprises à contacter",
            "organization": organization,
            "mine": mine,
            "steps": page_of(request, steps, "p_etapes"),
            "suggestions": page_of(request, suggestions),
        },
    )
