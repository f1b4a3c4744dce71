"""Fetch a person and authorise the request in one step, for every person page."""

from django.core.exceptions import PermissionDenied
from django.http import Http404

from persons.access import Level, access_level
from persons.models import Person


def access_person(request, pk: int, *, needed: Level = Level.TEAM) -> tuple[Person, Level]:
    """The person and the user's level on them. A stranger gets a 404 (the person's
    existence is not revealed); someone who sees less than `needed` gets a 403."""
    person = Person.objects.visible_to(request.user).filter(pk=pk).first()
    if person is None:
        raise Http404("Personne introuvable.")
    level = access_level(request.user, person)
    if level < needed:
        raise PermissionDenied("Votre place auprès de cette personne ne donne pas accès à ceci.")
    return person, level
