"""What follows a hire: the steps run, in order, inside the transaction that records
« embauché·e » on an introduction (`offers.services.introduction_answer`), so a hire and
all that follows from it are written together or not at all.

The first step moves the person's pathway to « en emploi ». The contract and the in-job
follow-up (built later) add theirs to AFTER_HIRE: a plain list, read in order, with no
signal and no discovery, so that what a hire does can be read here in one place. A step
takes the introduction (its offer, company and person loaded) and the user or
`audit.context.SYSTEM` that recorded the hire; it raises a ValidationError to refuse the
hire as a whole.

Which pathway: the open one of the structure that introduced the person. A person
followed by several structures keeps the other pathways as they are (their holders see
the hire on the timeline and decide); a person introduced by a structure that holds no
pathway for them (a prescriber) has none moved."""

from collections.abc import Callable

from pathways.models import Pathway
from pathways.services import pathway_enter_employment


def pathway_of(introduction):
    return (
        Pathway.objects.open()
        .filter(person=introduction.person, organization=introduction.introduced_by)
        .order_by("-started_on", "-id")
        .first()
    )


def move_pathway_to_employment(introduction, actor) -> None:
    pathway = pathway_of(introduction)
    if pathway is None:
        return
    offer = introduction.offer
    pathway_enter_employment(
        pathway=pathway,
        actor=actor,
        comment=f"Embauche par {offer.company} (offre « {offer.title} »)",
    )


AFTER_HIRE: list[Callable] = [move_pathway_to_employment]


def after_hire(introduction, actor) -> None:
    for step in AFTER_HIRE:
        step(introduction, actor)
