"""The periodic job: a warning to the referent 30 days before, sent once; anonymisation
only after it; a contact in between starts the two years again."""

from datetime import timedelta
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from persons.models import Person
from plans.services import note_create
from retention.models import ErasureWarning
from retention.services import retention_pending, retention_run
from scheduling.registry import PERIODIC
from tests.retention.database_text import database_text

TWO_YEARS = timedelta(days=730)


@pytest.fixture
def old_file(team, followed):
    """Sandrine's file, last touched a little over two years ago."""
    return followed.person


def test_nothing_happens_before_the_two_years_are_near(old_file):
    assert retention_run(now=timezone.now() + TWO_YEARS - timedelta(days=40)) == {
        "warned": 0,
        "anonymised": 0,
    }


def test_the_referent_is_warned_once_thirty_days_before(
    team, old_file, django_capture_on_commit_callbacks
):
    now = timezone.now() + TWO_YEARS - timedelta(days=20)

    with django_capture_on_commit_callbacks(execute=True):
        assert retention_run(now=now) == {"warned": 1, "anonymised": 0}
        assert retention_run(now=now + timedelta(days=1)) == {"warned": 0, "anonymised": 0}

    assert [m.to for m in mail.outbox] == [[team.colleague.email]]  # the referent
    assert "anonymisé" in mail.outbox[0].body and "Quintaval" in mail.outbox[0].subject
    assert ErasureWarning.objects.get().recipients == 1


def test_a_file_is_anonymised_thirty_days_after_the_warning_not_before(old_file):
    late = timezone.now() + TWO_YEARS + timedelta(days=100)
    assert retention_run(now=late) == {"warned": 1, "anonymised": 0}  # never unwarned
    assert retention_run(now=late + timedelta(days=29)) == {"warned": 0, "anonymised": 0}
    assert retention_run(now=late + timedelta(days=30)) == {"warned": 0, "anonymised": 1}
    assert Person.objects.get(pk=old_file.pk).anonymised_at is not None


def test_a_contact_after_the_warning_keeps_the_file(team, old_file, monkeypatch):
    warned_on = timezone.now() + TWO_YEARS - timedelta(days=20)
    retention_run(now=warned_on)
    monkeypatch.setattr(timezone, "now", lambda: warned_on + timedelta(days=5))
    note_create(
        person=old_file,
        text="Elle a rappelé",
        visibility="team",
        author=team.colleague,
        organization=team.organization,
    )
    monkeypatch.undo()

    assert retention_run(now=warned_on + timedelta(days=40)) == {"warned": 0, "anonymised": 0}
    assert Person.objects.get(pk=old_file.pk).anonymised_at is None
    # Two years after that contact, a new warning for the new silence.
    again = warned_on + timedelta(days=5) + TWO_YEARS - timedelta(days=10)
    assert retention_run(now=again) == {"warned": 1, "anonymised": 0}


def test_a_running_pass_iae_holds_the_file(followed):
    followed.pathway.pass_end = (timezone.now() + TWO_YEARS + timedelta(days=90)).date()
    followed.pathway.save()
    assert retention_run(now=timezone.now() + TWO_YEARS + timedelta(days=60)) == {
        "warned": 0,
        "anonymised": 0,
    }


def test_it_works_in_batches_and_resumes(team, followed):
    from persons.services import person_create

    for index in range(3):
        person_create(
            organization=team.organization,
            user=team.colleague,
            data={"first_name": f"P{index}", "last_name": "Lot"},
        )
    late = timezone.now() + TWO_YEARS + timedelta(days=1)
    assert retention_pending(late) == {"warned": 4, "anonymised": 0}
    assert retention_run(now=late, batch_size=3)["warned"] == 3
    assert retention_run(now=late, batch_size=3)["warned"] == 1
    later = late + timedelta(days=30)
    assert retention_run(now=later, batch_size=3)["anonymised"] == 3
    assert retention_run(now=later, batch_size=3)["anonymised"] == 1
    assert not Person.objects.filter(anonymised_at=None).exists()


def test_the_job_is_on_the_schedule():
    path, interval = PERIODIC["retention.run"]
    assert path == "retention.services.retention_run"
    assert interval <= timedelta(days=1)


def test_the_command_counts_without_acting_on_a_dry_run(old_file):
    out = StringIO()
    call_command("anonymise_inactive", "--dry-run", stdout=out)
    assert "À prévenir : 0" in out.getvalue()
    assert not ErasureWarning.objects.exists()


def test_an_interest_left_on_the_public_board_is_scrubbed_after_two_years(team):
    from offers.enums import OfferState
    from offers.services import interest_submit
    from tests.offers.helpers import employer_account, offer

    organization, user, own = employer_account()
    made = offer(organization, user, employer=own, state=OfferState.PUBLISHED)
    interest = interest_submit(
        offer=made, first_name="Léa", last_name="Vaubourg", email="lea@exemple.fr"
    )
    # Only the contact's digest that joins a repeat goes before (after 30 days).
    assert retention_run(now=timezone.now() + TWO_YEARS - timedelta(days=1)) == {
        "warned": 0,
        "anonymised": 0,
        "request_keys": 1,
    }

    counts = retention_run(now=timezone.now() + TWO_YEARS + timedelta(days=1))

    assert counts["interests"] == 1
    interest.refresh_from_db()
    assert (interest.last_name, interest.email) == ("Anonyme", "")
    assert made.interests.count() == 1
    text = database_text()
    assert "vaubourg" not in text and "lea@exemple.fr" not in text


def test_the_command_warns_then_anonymises_by_hand(old_file, monkeypatch):
    later = timezone.now() + TWO_YEARS + timedelta(days=1)
    monkeypatch.setattr(timezone, "now", lambda: later)
    out = StringIO()
    call_command("anonymise_inactive", "--dry-run", stdout=out)
    assert "À prévenir : 1 dossier. À anonymiser : 0" in out.getvalue()
    call_command("anonymise_inactive", stdout=out)
    assert "Prévenus : 1 dossier. Anonymisés : 0." in out.getvalue()
    monkeypatch.setattr(timezone, "now", lambda: later + timedelta(days=30))
    call_command("anonymise_inactive", stdout=out)
    assert "Prévenus : 0 dossier. Anonymisés : 1." in out.getvalue()
    assert Person.objects.get(pk=old_file.pk).anonymised_at is not None
