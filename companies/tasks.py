"""The register's emails, sent by the task worker once the transaction commits.

A structure's proposal goes to the users of the company's own account, who answer it
on the company's page. The owner's answer goes back to who proposed it (or to the
whole proposing organization when they are no longer a member of it). A user who
turned the notice off in « Mon compte » gets no email; the proposal and its answer stay
on the company's page (and a waiting proposal in the employer space's « À faire »)."""

from django.conf import settings
from django.core.mail import send_mass_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django_tasks import task

from companies.enums import Notice
from companies.identity import described
from companies.models import ChangeProposal
from notifications.notices import company_notice
from notifications.selectors import opted_out_user_ids


def _emails(members, notice: str) -> list[str]:
    pairs = list(members.values_list("user_id", "user__email").order_by("pk"))
    opted_out = opted_out_user_ids(company_notice(notice), [pk for pk, _ in pairs])
    return [email for pk, email in pairs if pk not in opted_out and email]


def proposal_recipients(proposal: ChangeProposal) -> list[str]:
    members = proposal.organization.memberships.active()
    signed = members.filter(user_id=proposal.author_id)
    if proposal.author_id and signed.exists():
        members = signed
    return _emails(members, Notice.PROPOSAL_ANSWERED)


def owner_recipients(proposal: ChangeProposal) -> list[str]:
    """The users of the company's own account, who may answer the proposal."""
    owner = proposal.company.organization
    if owner is None:
        return []
    return _emails(owner.memberships.active(), Notice.PROPOSAL_WAITING)


def _send(proposal: ChangeProposal, emails, subject: str, template: str) -> int:
    if not emails:
        return 0
    body = render_to_string(
        template,
        {
            "proposal": proposal,
            "changes": described(proposal.changes),
            "link": settings.SITE_URL + reverse("company_proposals", args=[proposal.company_id]),
        },
    )
    return send_mass_mail([(subject, body, settings.DEFAULT_FROM_EMAIL, [e]) for e in emails])


def _proposal(proposal_id: int) -> ChangeProposal | None:
    return (
        ChangeProposal.objects.select_related("company__organization", "organization")
        .filter(pk=proposal_id)
        .first()
    )


@task()
def send_proposal_waiting(*, proposal_id: int) -> int:
    proposal = _proposal(proposal_id)
    if proposal is None or not proposal.is_open:
        return 0
    subject = f"{proposal.organization} propose une modification de votre fiche entreprise"
    return _send(
        proposal, owner_recipients(proposal), subject, "emails/company_proposal_waiting.txt"
    )


@task()
def send_proposal_answered(*, proposal_id: int) -> int:
    proposal = _proposal(proposal_id)
    if proposal is None or proposal.is_open:
        return 0
    subject = (
        f"{proposal.company.name} a {proposal.get_state_display().lower()} "
        "votre proposition de modification"
    )
    return _send(
        proposal, proposal_recipients(proposal), subject, "emails/company_proposal_answered.txt"
    )
