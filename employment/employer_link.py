"""The link emailed to the employer's contact for the employer's side of one checkpoint
(`lib.signed_links`, as the introductions' link): it opens that side only, stops
working after EMPLOYER_LINK_DAYS, and is replaced by the next sending (the old link then
reads as expired).

Reading a token tells three cases apart, and no more: not ours (the page answers 404,
the same for all), ours but expired or replaced (a page that says so and names the
structure to contact), and valid. Once the side is answered, the valid link shows the
answer and takes no other."""

from dataclasses import dataclass
from datetime import datetime

from employment.enums import Channel, Side
from employment.followup import EMPLOYER_LINK_DAYS
from employment.models import CheckpointSide
from lib.signed_links import SignedLink

LINK = SignedLink(
    salt="employment.employer-link", days=EMPLOYER_LINK_DAYS, key="side", sent_field="link_sent_at"
)


@dataclass(frozen=True)
class LinkRead:
    side: CheckpointSide
    expired: bool


def token_for(side: CheckpointSide) -> str:
    return LINK.token_for(side)


def expires_at(side: CheckpointSide) -> datetime:
    return LINK.expiry_of(side)


def read(token: str) -> LinkRead | None:
    """The employer's side the token names and whether the link still works; None when
    the token is not one of ours."""
    sides = CheckpointSide.objects.select_related(
        "checkpoint__contract__person",
        "checkpoint__contract__pathway__organization",
        "checkpoint__contract__company",
        "checkpoint__contract__employer_organization",
        "checkpoint__contract__offer",
    ).filter(side=Side.EMPLOYER)
    opened = LINK.open(token, sides)
    return LinkRead(*opened) if opened else None


def employer_card(side: CheckpointSide) -> dict:
    """What the link's page (and its API) show the employer, field by field: the
    employee's first name and initial, the job, the step; the employer's own answer once
    given by the link. Never the team's notes on the side, nor anything of the person's
    file (barriers, health, plan, contact details)."""
    contract = side.checkpoint.contract
    structure = contract.pathway.organization
    by_link = side.done_on is not None and side.channel == Channel.LINK
    return {
        "employee": contract.person.display_name_for_employer,
        "job": contract.offer.title if contract.offer_id else contract.get_contract_type_display(),
        "contract_type": contract.get_contract_type_display(),
        "employer": str(contract.employer),
        "start_date": contract.start_date,
        "step": side.checkpoint.step,
        "step_label": side.checkpoint.get_step_display(),
        "planned_on": side.planned_on,
        "structure": structure.name,
        "structure_phone": structure.phone,
        "structure_email": structure.email,
        "answered_on": side.done_on,
        "answered_by_link": by_link,
        "how_it_goes": side.how_it_goes if by_link else "",
        "how_it_goes_label": side.get_how_it_goes_display() if by_link else "",
        "issues": list(side.issues) if by_link else [],
        "issue_labels": side.issue_labels if by_link else [],
        "serious": side.serious if by_link else False,
        "comment": side.comment if by_link else "",
    }
