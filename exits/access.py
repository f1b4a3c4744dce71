"""The one way pages and API handlers fetch and authorise a post-exit check: through its
pathway (`pathways.access.pathway_to_manage`: the person at Level.TEAM, 404 otherwise;
the holding structure only, 403 otherwise)."""

from django.http import Http404

from exits.models import PostExitCheck
from pathways.access import pathway_to_manage

NOT_FOUND = "Suivi après sortie introuvable."


def check_to_manage(user, pk, *, person_pk=None):
    """(person, level, check) for reading or recording the check `pk`."""
    try:
        pk = int(pk)
    except (TypeError, ValueError):
        raise Http404(NOT_FOUND) from None
    check = PostExitCheck.objects.filter(pk=pk).first()
    if check is None:
        raise Http404(NOT_FOUND)
    person, level, pathway = pathway_to_manage(user, check.pathway_id, person_pk=person_pk)
    check.pathway = pathway
    return person, level, check
