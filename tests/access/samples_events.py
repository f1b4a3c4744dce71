"""Route arguments of the event pages and endpoints: a drop-in and a job dating of the
team's structure (not open to the public), the followed person registered and marked
present, a visitor written at the door, a slot, a document; the secret calendar link
is an unknown key (a known one is the key to its feed, like an emailed link)."""

from datetime import datetime, time, timedelta

from django.utils import timezone

from companies.models import Company
from events import services
from events.enums import EventKind, Presence
from tests.events.conftest import dating_day
from tests.factories.files import pdf_upload


def _at(day, hour):
    return timezone.make_aware(datetime.combine(day, time(hour)))


def samples(team, followed):
    day = timezone.localdate() + timedelta(days=3)
    drop_in = services.event_create(
        user=team.colleague,
        organization=team.organization,
        kind=EventKind.DROP_IN,
        title="Permanence titre-secret-evenement",
        description="Salle description-secrete-evenement",
        starts_at=_at(day, 9),
        ends_at=_at(day, 12),
        address="Mairie",
        repeat_weekday=day.weekday(),
        repeat_until=day + timedelta(days=28),
    )
    registration = services.register_person(
        event=drop_in, person=followed.person, user=team.colleague, organization=team.organization
    )
    session = drop_in.occurrences.first()
    services.attendance_mark(
        occurrence=session,
        registration=registration,
        presence=Presence.PRESENT,
        user=team.colleague,
    )
    services.visitor_add(occurrence=session, name="visiteur-secret-evenement", user=team.colleague)
    services.debrief_save(
        event=drop_in, user=team.colleague, worked="bilan-secret-evenement", improve=""
    )
    document = services.document_add(
        event=drop_in, user=team.colleague, title="programme", upload=pdf_upload("programme.pdf")
    )
    dating = services.event_create(
        user=team.colleague,
        organization=team.organization,
        kind=EventKind.JOB_DATING,
        title="Job dating du chantier",
        starts_at=_at(dating_day(), 14),
        ends_at=_at(dating_day(), 17),
        address="Mairie",
    )
    company = Company.objects.create(
        siret="73282932000074", name="Fournil des essais", commune_id=team.organization.commune_id
    )
    slot = services.slot_add(
        event=dating, company=company, starts_at=_at(dating_day(), 14), user=team.colleague
    )
    markers = [
        "titre-secret-evenement",
        "description-secrete-evenement",
        "visiteur-secret-evenement",
        "bilan-secret-evenement",
    ]
    arguments = {
        "event_pk": drop_in.pk,
        "event_id": drop_in.pk,
        "session_pk": session.pk,
        "session_id": session.pk,
        "slot_pk": slot.pk,
        "slot_id": slot.pk,
        "event_registration_pk": registration.pk,
        "registration_id": registration.pk,
        "event_document_pk": document.pk,
        "feed_key": "cle-inconnue",
    }
    return markers, arguments


# The bodies the walks send to the event routes that write: the team's person and
# registration, so a walker reaches the route's checks, not only the refusal of an
# empty body.
API_BODIES = {
    "event_register": lambda arguments: {"person_id": arguments["person_id"]},
    "session_mark": lambda arguments: {
        "registration_id": arguments["event_registration_pk"],
        "presence": "absent",
    },
}
