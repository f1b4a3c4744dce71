"""Reads about stories: whether a pathway has one to tell and the facts a draft starts
from, a structure's stories, the public site's."""

from employment.enums import ContractState
from pathways.enums import ExitCategory
from stories.models import Story

# The exits worth telling: a job, or a step towards one (training, another SIAE).
TOLD_EXITS = (ExitCategory.DURABLE, ExitCategory.TRANSITION, ExitCategory.POSITIVE)


def has_a_story_to_tell(pathway, contracts=None) -> bool:
    """A pathway that led somewhere: a contract signed, or a positive exit."""
    if pathway.exit_category in TOLD_EXITS:
        return True
    if contracts is not None:
        return bool(contracts)
    return pathway.contracts.exists()


def draft_facts(pathway) -> dict:
    """What a draft may start from: the job, its sector, the contract type and where the
    person stands, from the latest contract and the exit. Nothing else of the file
    (no barrier, no note, no name) ever reaches the form."""
    contract = (
        pathway.contracts.select_related("offer__appellation", "company", "employer_organization")
        .exclude(state=ContractState.BROKEN)
        .first()
    )
    facts = {"job": "", "sector": "", "contract_type": "", "outcome": ""}
    if contract is not None:
        if contract.offer_id and contract.offer.appellation_id:
            facts["job"] = contract.offer.appellation.name[:120]
        if contract.company_id:
            facts["sector"] = contract.company.naf_label[:120]
        facts["contract_type"] = contract.contract_type
        facts["outcome"] = f"En {contract.get_contract_type_display()} depuis le " + (
            f"{contract.start_date:%d/%m/%Y}"
        )
    if pathway.exit_category and not facts["outcome"]:
        facts["outcome"] = pathway.get_exit_reason_display() or pathway.get_exit_category_display()
    return facts


def stories_by_pathway(pathway_ids) -> dict[int, list[Story]]:
    """The stories of several pathways, by pathway (a person's pathways tab), in one
    query."""
    stories: dict[int, list[Story]] = {}
    for story in Story.objects.filter(pathway_id__in=pathway_ids) if pathway_ids else ():
        stories.setdefault(story.pathway_id, []).append(story)
    return stories


def stories_of(organization, *, state: str = ""):
    stories = Story.objects.filter(organization=organization).select_related("created_by")
    return stories.filter(state=state) if state else stories


def public_stories():
    return Story.objects.public().select_related("organization").order_by("-published_at", "-id")


def public_story(slug: str) -> Story | None:
    return public_stories().filter(slug=slug).first()
