"""After the event and around it: the organizers write the debrief and add documents,
which a registered professional of another structure may neither change nor download;
the secret links of the calendar feeds are renewed, and the old link answers no more."""

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from events import services
from events.models import CalendarFeed, EventDocument
from tests.factories.files import PDF, pdf_upload, upload


@pytest.fixture
def registered(team, dating):
    """The stranger's structure is invited to the job dating and she registered herself:
    she sees the event, she does not organise it."""
    services.invitation_create(event=dating, user=team.colleague, organization=team.other)
    services.register_self(event=dating, user=team.stranger, organization=team.other)
    return team.stranger


# --- Debrief ------------------------------------------------------------------------


def test_the_organizer_writes_the_debrief(client, team, dating):
    client.force_login(team.colleague)
    url = reverse("event_debrief", args=[dating.pk])
    response = client.post(url, {"worked": "  Douze candidats reçus. ", "improve": "Plus de place"})
    assert response.status_code == 302
    dating.refresh_from_db()
    assert dating.debrief_worked == "Douze candidats reçus."
    assert dating.debrief_improve == "Plus de place"
    assert "Douze candidats reçus." in client.get(response.url).content.decode()


def test_a_registered_professional_may_not_write_the_debrief(client, dating, registered):
    client.force_login(registered)
    assert client.get(reverse("event_detail", args=[dating.pk])).status_code == 200
    response = client.post(reverse("event_debrief", args=[dating.pk]), {"worked": "Réécrit"})
    assert response.status_code == 403
    dating.refresh_from_db()
    assert dating.debrief_worked == ""


def test_a_debrief_too_long_is_refused_and_kept_on_the_page(client, team, dating):
    client.force_login(team.colleague)
    response = client.post(reverse("event_debrief", args=[dating.pk]), {"worked": "x" * 5001})
    assert response.status_code == 400
    dating.refresh_from_db()
    assert dating.debrief_worked == ""


# --- Documents ----------------------------------------------------------------------


def _add(client, event, upload, title="Programme"):
    return client.post(
        reverse("event_document_add", args=[event.pk]), {"title": title, "file": upload}
    )


def test_the_organizer_adds_a_document_and_downloads_it(client, team, dating):
    client.force_login(team.colleague)
    assert _add(client, dating, pdf_upload("programme.pdf")).status_code == 302
    document = EventDocument.objects.get(event=dating)
    assert document.title == "Programme" and document.content_type == "application/pdf"
    assert document.uploaded_by == team.colleague
    download = client.get(reverse("event_document", args=[dating.pk, document.pk]))
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == PDF
    # The title names the file, with the extension of what was sent: it opens.
    assert 'filename="Programme.pdf"' in download["Content-Disposition"]


def test_a_file_that_is_not_what_it_says_is_refused(client, team, dating):
    client.force_login(team.colleague)
    response = _add(client, dating, upload("programme.pdf", b"MZ\x90\x00 programme"))
    assert response.status_code == 400
    assert not EventDocument.objects.exists()


def test_a_registered_professional_neither_adds_nor_downloads_a_document(
    client, team, dating, registered
):
    document = services.document_add(
        event=dating, user=team.colleague, title="Liste d'émargement", upload=pdf_upload()
    )
    client.force_login(registered)
    assert _add(client, dating, pdf_upload("photo.pdf")).status_code == 403
    assert EventDocument.objects.count() == 1
    download = client.get(reverse("event_document", args=[dating.pk, document.pk]))
    assert download.status_code == 404


def test_a_document_is_read_only_through_its_own_event(client, team, dating, drop_in):
    document = services.document_add(
        event=dating, user=team.colleague, title="Programme", upload=pdf_upload()
    )
    client.force_login(team.colleague)
    other_event = reverse("event_document", args=[drop_in.pk, document.pk])
    assert client.get(other_event).status_code == 404


def test_the_service_refuses_a_document_from_a_non_organizer(team, dating, registered):
    with pytest.raises(PermissionDenied):
        services.document_add(event=dating, user=registered, title="x", upload=pdf_upload())
    with pytest.raises(PermissionDenied):
        services.debrief_save(event=dating, user=registered, worked="x", improve="")


# --- Secret calendar links ----------------------------------------------------------


def test_renewing_a_link_revokes_the_old_one(team):
    old = services.calendar_link(user=team.colleague)
    assert services.calendar_link(user=team.colleague) == old  # made once
    new = services.calendar_link(user=team.colleague, renew=True)
    old.refresh_from_db()
    assert new.key != old.key and old.revoked_at is not None and new.revoked_at is None
    assert services.calendar_link(user=team.colleague) == new
    # The organization's link is another one, untouched.
    shared = services.calendar_link(user=team.colleague, organization=team.organization)
    assert shared.revoked_at is None and shared.key not in (old.key, new.key)


def test_only_a_member_renews_an_organizations_link(team):
    shared = services.calendar_link(user=team.colleague, organization=team.organization)
    with pytest.raises(PermissionDenied):
        services.calendar_link(user=team.stranger, organization=team.organization, renew=True)
    shared.refresh_from_db()
    assert shared.revoked_at is None


def _feed(client, key):
    return client.get(reverse("calendar_feed", args=[key]))


@pytest.mark.parametrize(
    ("which", "owner"), [("personnel", "user"), ("organisation", "organization")]
)
def test_the_page_renews_a_link_and_the_old_one_answers_404(client, team, dating, which, owner):
    client.force_login(team.colleague)
    page = reverse("calendar_links")
    assert client.get(page).status_code == 200
    mine = CalendarFeed.objects.get(revoked_at__isnull=True, **{f"{owner}__isnull": False})
    assert _feed(client, mine.key).status_code == 200
    asked = client.post(page, {"lien": which})
    assert asked.status_code == 200 and "Cette action est définitive" in asked.content.decode()
    assert _feed(client, mine.key).status_code == 200  # asked, not done yet
    response = client.post(page, {"lien": which, "confirmation": "oui"})
    assert response.status_code == 302
    renewed = CalendarFeed.objects.get(revoked_at__isnull=True, **{f"{owner}__isnull": False})
    assert renewed.key != mine.key
    assert _feed(client, mine.key).status_code == 404
    feed = _feed(client, renewed.key)
    assert feed.status_code == 200 and feed["Content-Type"].startswith("text/calendar")
    assert "Job dating boulangerie" in feed.content.decode()
    shown = client.get(page).content.decode()
    assert renewed.key in shown and mine.key not in shown
    # The other link stays as it was.
    assert CalendarFeed.objects.filter(revoked_at__isnull=True).count() == 2


def test_an_unknown_choice_renews_nothing_and_says_so(client, team):
    client.force_login(team.colleague)
    page = reverse("calendar_links")
    client.get(page)
    before = set(CalendarFeed.objects.values_list("key", flat=True))
    response = client.post(page, {"lien": "autre", "confirmation": "oui"}, follow=True)
    assert set(CalendarFeed.objects.values_list("key", flat=True)) == before
    assert "Un nouveau lien est créé" not in response.content.decode()
    assert "Choisissez le lien à remplacer." in response.content.decode()
