"""Writes about companies: the shared register (a company, its employer group members)
and the relations an organization keeps with them (club, tags, contacts, contact log).
Each is one transaction, validates, and raises ValidationError with a French message;
every write is in the audit trail (AuditedModel)."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from companies.models import (
    ClubMembership,
    Company,
    CompanyTag,
    Contact,
    ContactLogEntry,
    GroupMembership,
)
from companies.naf import canonical_naf, is_valid_naf, naf_key
from jobs.models import SectorHiring
from lib.text import normalize
from organizations.siret import normalize_siret

COMPANY_FIELDS = (
    "siret",
    "name",
    "naf_code",
    "naf_label",
    "size_band",
    "commune",
    "address",
    "website",
    "is_employer_group",
)
CONTACT_FIELDS = ("name", "role", "kind", "phone", "email")
LOG_FIELDS = ("kind", "occurred_on", "contact", "summary", "next_step", "next_step_due")


class DuplicateCompany(ValidationError):
    """The SIRET is already in the register: `company` is the existing one."""

    def __init__(self, company: Company):
        self.company = company
        super().__init__(
            {"siret": f"Ce SIRET est déjà celui de « {company.name} » dans le registre."},
        )


def naf_label_of(code: str) -> str:
    """The sector's label as the hirings referential names it, or ""."""
    row = SectorHiring.objects.filter(naf_code=naf_key(code)).values("naf_label").first()
    return row["naf_label"] if row else ""


def _fill_company(company: Company, data: dict) -> None:
    for name in COMPANY_FIELDS:
        if name in data:
            setattr(company, name, data[name])
    company.siret = normalize_siret(company.siret or "")
    company.name = (company.name or "").strip()
    if company.naf_code:
        if not is_valid_naf(company.naf_code):
            raise ValidationError(
                {"naf_code": "Le code NAF s'écrit comme « 52.10B » : 4 chiffres et une lettre."}
            )
        company.naf_code = canonical_naf(company.naf_code)
        if not company.naf_label:
            company.naf_label = naf_label_of(company.naf_code)
    company.search_name = normalize(company.name)


def _check_siret_free(company: Company) -> None:
    existing = Company.objects.filter(siret=company.siret).exclude(pk=company.pk).first()
    if existing is not None:
        raise DuplicateCompany(existing)


@transaction.atomic
def company_create(*, data: dict, is_demo: bool = False) -> Company:
    company = Company(is_demo=is_demo)
    _fill_company(company, data)
    _check_siret_free(company)
    company.full_clean(exclude=["search_name"])
    company.save()
    return company


@transaction.atomic
def company_update(*, company: Company, data: dict) -> Company:
    company = Company.objects.select_for_update().get(pk=company.pk)
    _fill_company(company, data)
    _check_siret_free(company)
    if not company.is_employer_group and GroupMembership.objects.filter(group=company).exists():
        raise ValidationError(
            {"is_employer_group": "Retirez d'abord les entreprises utilisatrices du groupement."}
        )
    company.full_clean(exclude=["search_name"])
    company.save()
    return company


@transaction.atomic
def group_member_add(*, group: Company, member: Company, since=None) -> GroupMembership:
    if not group.is_employer_group:
        raise ValidationError("Cette entreprise n'est pas un groupement d'employeurs.")
    if member.pk == group.pk:
        raise ValidationError({"member": "Un groupement ne peut pas être son propre membre."})
    if member.is_employer_group:
        raise ValidationError({"member": "Un groupement d'employeurs ne peut pas en être membre."})
    if GroupMembership.objects.filter(group=group, member=member).exists():
        raise ValidationError({"member": f"« {member.name} » est déjà membre du groupement."})
    if since is not None and since > timezone.localdate():
        raise ValidationError({"since": "La date d'adhésion ne peut pas être dans le futur."})
    return GroupMembership.objects.create(group=group, member=member, since=since)


@transaction.atomic
def group_member_remove(*, membership: GroupMembership) -> None:
    membership.delete()


# --- relations of an organization ------------------------------------------------------


@transaction.atomic
def club_join(*, organization, company: Company, since=None, engagement: str) -> ClubMembership:
    """Put the company in the organization's club, or change its engagement."""
    since = since or timezone.localdate()
    if since > timezone.localdate():
        raise ValidationError({"since": "La date d'entrée au club ne peut pas être dans le futur."})
    membership = (
        ClubMembership.objects.select_for_update()
        .filter(organization=organization, company=company)
        .first()
    ) or ClubMembership(organization=organization, company=company)
    membership.since = since
    membership.engagement = engagement
    membership.full_clean(validate_constraints=False)
    membership.save()
    return membership


@transaction.atomic
def club_leave(*, organization, company: Company) -> None:
    membership = ClubMembership.objects.filter(organization=organization, company=company).first()
    if membership is None:
        raise ValidationError("Cette entreprise n'est pas dans votre club.")
    membership.delete()


@transaction.atomic
def tag_add(*, organization, company: Company, label: str) -> CompanyTag:
    label = " ".join((label or "").split()).lower()
    if not label:
        raise ValidationError({"label": "Écrivez l'étiquette."})
    if len(label) > 50:
        raise ValidationError({"label": "Une étiquette fait 50 caractères au plus."})
    existing = CompanyTag.objects.filter(organization=organization, company=company, label=label)
    if existing.exists():
        raise ValidationError({"label": f"L'étiquette « {label} » est déjà posée."})
    return CompanyTag.objects.create(organization=organization, company=company, label=label)


@transaction.atomic
def tag_remove(*, tag: CompanyTag) -> None:
    tag.delete()


def _check_contact_reachable(data: dict) -> None:
    if not (data.get("phone") or "").strip() and not (data.get("email") or "").strip():
        raise ValidationError("Indiquez au moins un téléphone ou une adresse électronique.")


@transaction.atomic
def contact_create(*, organization, company: Company, data: dict) -> Contact:
    _check_contact_reachable(data)
    contact = Contact(
        organization=organization,
        company=company,
        **{name: data[name] for name in CONTACT_FIELDS if name in data},
    )
    contact.name = contact.name.strip()
    contact.full_clean()
    contact.save()
    return contact


@transaction.atomic
def contact_update(*, contact: Contact, data: dict) -> Contact:
    merged = {name: data.get(name, getattr(contact, name)) for name in CONTACT_FIELDS}
    _check_contact_reachable(merged)
    for name, value in merged.items():
        setattr(contact, name, value)
    contact.name = contact.name.strip()
    contact.full_clean()
    contact.save()
    return contact


@transaction.atomic
def contact_delete(*, contact: Contact) -> None:
    contact.delete()


def _check_log_entry(entry: ContactLogEntry) -> None:
    errors = {}
    if not (entry.summary or "").strip():
        errors["summary"] = "Notez ce qui s'est dit."
    if entry.occurred_on and entry.occurred_on > timezone.localdate():
        errors["occurred_on"] = "Un échange se note une fois qu'il a eu lieu : date dans le futur."
    if entry.next_step_due and not (entry.next_step or "").strip():
        errors["next_step"] = "Décrivez la prochaine étape prévue pour cette date."
    if entry.next_step_due and entry.occurred_on and entry.next_step_due < entry.occurred_on:
        errors["next_step_due"] = "La prochaine étape ne peut pas précéder l'échange."
    if entry.contact_id and (
        entry.contact.company_id != entry.company_id
        or entry.contact.organization_id != entry.organization_id
    ):
        errors["contact"] = "Ce contact n'est pas un de vos contacts dans cette entreprise."
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def log_entry_create(*, organization, company: Company, user, data: dict) -> ContactLogEntry:
    """Note an exchange with the company, and the next step agreed if any."""
    entry = ContactLogEntry(
        organization=organization,
        company=company,
        by=user,
        **{name: data[name] for name in LOG_FIELDS if name in data and data[name] is not None},
    )
    _check_log_entry(entry)
    entry.full_clean()
    entry.save()
    return entry


@transaction.atomic
def log_entry_update(*, entry: ContactLogEntry, data: dict) -> ContactLogEntry:
    entry = ContactLogEntry.objects.select_for_update().get(pk=entry.pk)
    for name in LOG_FIELDS:
        if name in data:
            setattr(entry, name, data[name])
    if "next_step_done" in data:
        entry.next_step_done = bool(data["next_step_done"])
    entry.next_step = entry.next_step or ""
    _check_log_entry(entry)
    entry.full_clean()
    entry.save()
    return entry


@transaction.atomic
def next_step_done(*, entry: ContactLogEntry) -> ContactLogEntry:
    if not entry.next_step:
        raise ValidationError("Cet échange n'a pas de prochaine étape.")
    entry.next_step_done = True
    entry.save()
    return entry
