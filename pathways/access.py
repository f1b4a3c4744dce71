"""The one way pages, API handlers and services fetch and authorise a pathway to change
it: the person at Level.TEAM (`persons.access.person_for`: 404 if the user may not see
them), and the user acting for the structure that holds the pathway, in an organization
that follows people (403 otherwise: a partner on the team reads, it does not steer)."""

from django.core.exceptions import PermissionDenied
from django.http import Http404

from access.policy import Capability, can
from pathways.models import Pathway
from persons.access import Level, person_for

NOT_THE_HOLDER = "Seule la structure qui porte ce parcours peut le modifier."


def require_pathway_manager(*, pathway: Pathway, actor) -> None:
    """For the services: the actor manages the pathway (PermissionDenied otherwise)."""
    if actor is None or not can(actor, Capability.FOLLOW_PERSONS, pathway.organization):
        raise PermissionDenied(NOT_THE_HOLDER)


def pathway_to_manage(user, pk, *, person_pk=None):
    """(person, level, pathway) for changing the pathway `pk` (of the person `person_pk`
    when the address names one)."""
    try:
        pk = int(pk)
        person_pk = None if person_pk is None else int(person_pk)
    except (TypeError, ValueError):
        raise Http404("Parcours introuvable.") from None
    pathway = Pathway.objects.select_related("organization", "person").filter(pk=pk).first()
    if pathway is None or (person_pk is not None and pathway.person_id != person_pk):
        raise Http404("Parcours introuvable.")
    person, level = person_for(user, pathway.person_id, needed=Level.TEAM)
    require_pathway_manager(pathway=pathway, actor=user)
    return person, level, pathway
