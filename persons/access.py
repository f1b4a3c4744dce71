"""How much of a person a user may see. Two levels besides nothing:

- TEAM: the holding structure, the pathway team, the accompanying organization that
  created the record. They see everything but the sensitive details, which they see
  with a logged read (see `audit.reads`).
- MILESTONES: the prescriber who referred the person (or created the record without
  accompanying): identity, pathway states, entry and exit — never notes, barriers,
  plans or documents.
"""

from persons.levels import Level
from persons.models import Person, followed_by, referred_by

__all__ = ["Level", "access_level"]


def access_level(user, person: Person) -> Level:
    if not user.is_authenticated or person.merged_into_id:
        return Level.NONE
    people = Person.objects.filter(pk=person.pk)
    if people.filter(followed_by(user)).exists():
        return Level.TEAM
    if people.filter(referred_by(user)).exists():
        return Level.MILESTONES
    return Level.NONE
