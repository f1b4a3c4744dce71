"""Writes about companies: the shared register (a company, its employer group members)
and the relations an organization keeps with them (club, tags, contacts, contact log).
Each is one transaction, validates, and raises ValidationError with a French message;
every write is in the audit trail (AuditedModel)."""

from datetime import timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from access.policy import Capability, active_memberships, can
from audit.context import SYSTEM, user_of
from companies import identity
from companies.access import owns, require_identity_editor, require_owner
from companies.enums import ProposalState
from companies.models import (
    ChangeProposal,
    ChangeProposalTransition,
    ClubMembership,
    Company,
    CompanyChange,
    CompanyTag,
    Contact,
    ContactLogEntry,
    GroupMembership,
    relating_organization_ids,
)
from companies.naf import canonical_naf, is_valid_naf, naf_key
from companies.state_machine import PROPOSAL_LIFECYCLE
from jobs.models import SectorHiring
from lib.lifecycle import move
from lib.text import normalize
from organizations.siret import normalize_siret
from territories.models import Commune

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


def _check_company(company: Company) -> None:
    _check_siret_free(company)
    if (
        not company.is_employer_group
        and GroupMembership.objects.filter(group=company).active().exists()
    ):
        raise ValidationError(
            {"is_employer_group": "Retirez d'abord les entreprises utilisatrices du groupement."}
        )
    company.full_clean(exclude=["search_name"])


def _apply(company: Company, data: dict, *, user, organization, proposal=None) -> Company:
    """Change the identity fields of the locked `company` and write the register's
    history row (who, for which organization) beside the audit trail's."""
    before = identity.identity_of(company)
    _fill_company(company, data)
    _check_company(company)
    changes = identity.differences(before, identity.identity_of(company))
    company.save()
    if changes:
        CompanyChange.objects.create(
            company=company,
            by=user_of(user),
            organization=organization,
            changes=changes,
            proposal=proposal,
        )
    return company


def require_member_list_keeper(group: Company, actor) -> None:
    """Who changes an employer group's member list: the group's own users when it works
    on Parcours with an account; otherwise a structure that keeps relations with
    companies records it for the group (audited). The system (demo) acts as `SYSTEM`."""
    if actor is SYSTEM:
        return
    if actor is None or not actor.is_authenticated:
        raise PermissionDenied("Connectez-vous pour modifier les membres du groupement.")
    if group.organization_id is not None:
        if not any(m.organization_id == group.organization_id for m in active_memberships(actor)):
            raise PermissionDenied(
                "Ce groupement gère lui-même la liste de ses entreprises utilisatrices."
            )
        return
    if not relating_organization_ids(actor):
        raise PermissionDenied("Votre organisation ne tient pas le registre des entreprises.")


@transaction.atomic
def company_update(*, company: Company, data: dict, user, organization=None) -> Company:
    """Edit the company's identity: an owned company only by its own account (the
    others propose, `proposal_create`); any other by the structures, each edit in the
    register's history under its author and the organization they act for."""
    company = Company.objects.select_for_update().get(pk=company.pk)
    require_identity_editor(user, company)
    return _apply(company, data, user=user, organization=organization)


@transaction.atomic
def group_member_add(*, group: Company, member: Company, actor, since=None) -> GroupMembership:
    """`member` joins the group on `since` (unknown if empty). A company that left may
    join again: a new membership, the old one stays in the history."""
    require_member_list_keeper(group, actor)
    if not group.is_employer_group:
        raise ValidationError("Cette entreprise n'est pas un groupement d'employeurs.")
    if member.pk == group.pk:
        raise ValidationError({"member": "Un groupement ne peut pas être son propre membre."})
    if member.is_employer_group:
        raise ValidationError({"member": "Un groupement d'employeurs ne peut pas en être membre."})
    memberships = GroupMembership.objects.select_for_update().filter(group=group, member=member)
    if memberships.active().exists() or memberships.filter(left_on__isnull=True).exists():
        raise ValidationError({"member": f"« {member.name} » est déjà membre du groupement."})
    if since is not None and since > timezone.localdate():
        raise ValidationError({"since": "La date d'adhésion ne peut pas être dans le futur."})
    last_left = memberships.order_by("-left_on").values_list("left_on", flat=True).first()
    if since is not None and last_left is not None and since < last_left:
        raise ValidationError(
            {
                "since": f"« {member.name} » a quitté le groupement le {last_left:%d/%m/%Y} : "
                "la nouvelle adhésion commence ce jour-là ou après."
            }
        )
    return GroupMembership.objects.create(group=group, member=member, since=since)


@transaction.atomic
def group_member_leave(*, membership: GroupMembership, actor, on=None) -> GroupMembership:
    """The member leaves the group on `on` (today if empty): the membership is kept with
    its leave date, and from that day the group no longer sees the member's offers."""
    membership = GroupMembership.objects.select_for_update().get(pk=membership.pk)
    group = Company.objects.get(pk=membership.group_id)
    require_member_list_keeper(group, actor)
    if membership.left_on is not None:
        raise ValidationError(
            f"Cette entreprise a déjà quitté le groupement le {membership.left_on:%d/%m/%Y}."
        )
    on = on or timezone.localdate()
    if membership.since is not None and on < membership.since:
        raise ValidationError(
            {
                "left_on": "La date de sortie ne peut pas précéder la date d'adhésion "
                f"({membership.since:%d/%m/%Y})."
            }
        )
    if on > timezone.localdate() + timedelta(days=366):
        raise ValidationError({"left_on": "La date de sortie est à plus d'un an : vérifiez-la."})
    membership.left_on = on
    membership.save()
    return membership


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


# --- changes proposed to a company that owns its record --------------------------------


def _commune_of(code):
    return Commune.objects.filter(pk=code).first() if code else None


def _proposed_values(changes: dict) -> dict:
    """The proposal's new values as `_fill_company` takes them."""
    data = {name: values[1] for name, values in changes.items()}
    if "commune" in data:
        data["commune"] = _commune_of(data["commune"])
    return data


@transaction.atomic
def proposal_create(
    *, company: Company, organization, user, data: dict, comment: str = ""
) -> ChangeProposal:
    """A structure proposes new identity values to a company that has its own account;
    nothing changes until the owner accepts (its users are told by email). The values
    are checked now, as an edit would be, so the owner only ever decides on a change
    the register can take."""
    if company.organization_id is None:
        raise ValidationError(
            "Cette entreprise n'a pas de compte sur Parcours : modifiez directement sa fiche."
        )
    if owns(user, company):
        raise ValidationError("C'est votre entreprise : modifiez directement sa fiche.")
    if not can(user, Capability.RELATE_WITH_COMPANIES, organization):
        raise PermissionDenied("Votre organisation ne gère pas de relations avec les entreprises.")
    comment = (comment or "").strip()
    if len(comment) > 500:
        raise ValidationError({"comment": "Le message tient en 500 caractères au plus."})
    candidate = Company.objects.get(pk=company.pk)
    before = identity.identity_of(candidate)
    _fill_company(candidate, data)
    _check_company(candidate)
    changes = identity.differences(before, identity.identity_of(candidate))
    if not changes:
        raise ValidationError("Aucune modification : ce sont déjà les valeurs de la fiche.")
    proposal = ChangeProposal.objects.create(
        company=company,
        organization=organization,
        author=user_of(user),
        changes=changes,
        comment=comment,
    )
    ChangeProposalTransition.record(proposal, to_state=ProposalState.PROPOSED, user=user)
    _tell_the_owner(proposal)
    return proposal


def _locked_proposal(proposal: ChangeProposal) -> ChangeProposal:
    # The row alone: PostgreSQL refuses FOR UPDATE over the outer join to a company
    # without an account; what it points to is read after, under the lock.
    return ChangeProposal.objects.select_for_update().get(pk=proposal.pk)


def _tell_the_owner(proposal: ChangeProposal) -> None:
    from companies.tasks import send_proposal_waiting

    pk = proposal.pk
    transaction.on_commit(lambda: send_proposal_waiting.enqueue(proposal_id=pk))


def _tell_the_author(proposal: ChangeProposal) -> None:
    from companies.tasks import send_proposal_answered

    pk = proposal.pk
    transaction.on_commit(lambda: send_proposal_answered.enqueue(proposal_id=pk))


@transaction.atomic
def proposal_accept(*, proposal: ChangeProposal, user) -> ChangeProposal:
    """The owner accepts: the proposed values are applied to the register, with its
    history and audit rows, and the proposal moves to « acceptée », all or nothing."""
    require_owner(user, proposal.company)
    proposal = _locked_proposal(proposal)
    PROPOSAL_LIFECYCLE.check(proposal.state, ProposalState.ACCEPTED)
    company = Company.objects.select_for_update().get(pk=proposal.company_id)
    _apply(
        company,
        _proposed_values(proposal.changes),
        user=user,
        organization=company.organization,
        proposal=proposal,
    )
    move(
        proposal,
        ProposalState.ACCEPTED,
        log=ChangeProposalTransition,
        user=user,
        changes={"decided_at": timezone.now(), "decided_by": user_of(user)},
    )
    _tell_the_author(proposal)
    return proposal


@transaction.atomic
def proposal_refuse(*, proposal: ChangeProposal, user, reason: str) -> ChangeProposal:
    """The owner refuses, saying why; the register keeps its values."""
    require_owner(user, proposal.company)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": "Dites à la structure pourquoi vous refusez."})
    if len(reason) > 500:
        raise ValidationError({"reason": "Le motif tient en 500 caractères au plus."})
    proposal = _locked_proposal(proposal)
    move(
        proposal,
        ProposalState.REFUSED,
        log=ChangeProposalTransition,
        user=user,
        comment=reason,
        changes={"decided_at": timezone.now(), "decided_by": user_of(user), "reason": reason},
    )
    _tell_the_author(proposal)
    return proposal
