"""The person's data export and erasure pages take only the person: their marker is a
note of the team, which the export would carry, and a read of sensitive data, which it
lists."""

from audit.reads import log_sensitive_read
from plans.services import note_create


def samples(team, followed):
    note_create(
        person=followed.person,
        text="Note-de-l-export-secrète",
        visibility="team",
        author=team.colleague,
        organization=team.organization,
    )
    log_sensitive_read(
        user=team.colleague,
        person=followed.person,
        what="Lecture-sensible-secrète",
        organization=team.organization,
    )
    return (["Note-de-l-export-secrète", "Lecture-sensible-secrète"], {})
