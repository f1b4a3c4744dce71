"""The register's emails, sent by the task worker once the transaction commits.

The owner's answer to a proposed change goes back to who proposed it (or to the whole
proposing organization when they are no longer a member of it). A user who turned the
notice off in « Mon compte » gets no email; the answer stays on the company's page."""

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


def proposal_recipients(proposal: ChangeProposal) -> list[str]:
    members = proposal.organization.memberships.active()
    signed = members.filter(user_id=proposal.author_id)
    if proposal.author_id and signed.exists():
        members = signed
    pairs = list(members.values_list("user_id", "user__email").order_by("pk"))
    opted_out = opted_out_user_ids(
        company_notice(Notice.PROPOSAL_ANSWERED), [pk for pk, _ in pairs]
    )
    return [email for pk, email in pairs if pk not in opted_out]


@task()
def send_proposal_answered(*, proposal_id: int) -> int:
    proposal = (
        ChangeProposal.objects.select_related("company", "organization")
        .filter(pk=proposal_id)
        .first()
    )
    if proposal is None or proposal.is_open:
        return 0
    emails = proposal_recipients(proposal)
    if not emails:
        return 0
    subject = (
        f"{proposal.company.name} a {proposal.get_state_display().lower()} "
        "votre proposition de modification"
    )
    body = render_to_string(
        "emails/company_proposal_answered.txt",
        {
            "proposal": proposal,
            "changes": described(proposal.changes),
            "link": settings.SITE_URL + reverse("company_proposals", args=[proposal.company_id]),
        },
    )
    return send_mass_mail([(subject, body, settings.DEFAULT_FROM_EMAIL, [e]) for e in emails])
