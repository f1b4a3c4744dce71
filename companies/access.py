"""Who may change a company's identity, and who sees and decides a proposed change.

A company or employer group with its own account (`Company.organization`) owns its
identity fields: only the members of that organization edit them; the structures
propose a change (`ChangeProposal`) that the owner accepts or refuses. A company without
an account stays open to the structures that relate with companies, each edit in the
register's history with its author."""

from django.core.exceptions import PermissionDenied
from django.http import Http404

from access.policy import active_memberships
from audit.context import SYSTEM
from companies.models import ChangeProposal, Company

OWNED = (
    "« {company} » gère elle-même sa fiche sur Parcours : seule l'entreprise la modifie. "
    "Proposez-lui la modification."
)
NOT_THE_OWNER = "Seule l'entreprise, sur son compte Parcours, répond à cette proposition."
PROPOSAL_NOT_FOUND = "Proposition introuvable."


def owns(user, company: Company) -> bool:
    """Whether the user is an active member of the company's own account."""
    if company.organization_id is None or not getattr(user, "is_authenticated", False):
        return False
    return any(m.organization_id == company.organization_id for m in active_memberships(user))


def may_edit_identity(user, company: Company) -> bool:
    return company.organization_id is None or user is SYSTEM or owns(user, company)


def require_identity_editor(user, company: Company) -> None:
    """For the services: an owned company's identity is its owner's (403 otherwise)."""
    if not may_edit_identity(user, company):
        raise PermissionDenied(OWNED.format(company=company.name))


def require_owner(user, company: Company) -> None:
    if not owns(user, company):
        raise PermissionDenied(NOT_THE_OWNER)


def proposal_for(user, company: Company, pk) -> ChangeProposal:
    """A proposal about `company` that the user's organizations made or own (404)."""
    proposal = (
        ChangeProposal.objects.visible_to(user)
        .select_related("company__organization", "organization", "author", "decided_by")
        .filter(company=company, pk=pk)
        .first()
    )
    if proposal is None:
        raise Http404(PROPOSAL_NOT_FOUND)
    return proposal
