"""The demo territory has an event open to all: the Mission emploi de Trélazé's
information session, on the public page, with a visitor already registered online."""

from django.urls import reverse
from django.utils.html import escape

from demo.build_events import PUBLIC_VISITOR
from events.enums import EventKind, RegistrantKind
from events.models import Event, Registration
from tests.browser.conftest import demo_territory, reference_data_dir  # noqa: F401


def test_the_demo_has_an_information_session_open_to_all(client, demo_territory):  # noqa: F811
    (event,) = Event.objects.filter(is_demo=True, is_public=True)
    assert event.kind == EventKind.INFORMATION and event.organization.name.startswith("Mission")
    (registration,) = Registration.objects.filter(event=event)
    assert registration.kind == RegistrantKind.PUBLIC and registration.is_demo
    assert registration.name == PUBLIC_VISITOR
    page = client.get(reverse("public_event_list")).content.decode()
    assert escape(event.title) in page
    assert client.get(reverse("public_event", args=[event.pk])).status_code == 200
    # Who registered online is the organizers' business, not the public's.
    assert PUBLIC_VISITOR not in page
