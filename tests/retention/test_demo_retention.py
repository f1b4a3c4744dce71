"""The demo territory, two years and two months later: every file is anonymised
everywhere, and the figures by category have not moved."""

from collections import Counter
from datetime import timedelta

from django.core import mail
from django.utils import timezone

from barriers.models import PersonBarrier
from offers.models import Introduction
from pathways.models import Pathway
from persons.models import Person
from referrals.models import Referral
from retention.models import Anonymisation, ErasureWarning
from retention.services import retention_run
from tests.browser.conftest import demo_territory, reference_data_dir  # noqa: F401
from tests.retention.database_text import database_text


def _figures() -> dict:
    contracts = Counter(
        value
        for values in Person.objects.values_list("wanted_contract_types", flat=True)
        for value in values
    )
    return {
        "people": Person.objects.count(),
        "pathways by state": Counter(Pathway.objects.values_list("kind", "state")),
        "exits by category": Counter(Pathway.objects.values_list("exit_category", "exit_reason")),
        "referrals by state": Counter(Referral.objects.values_list("channel", "state")),
        "introductions by state": Counter(Introduction.objects.values_list("state", flat=True)),
        "barriers by theme": Counter(
            PersonBarrier.objects.values_list("item__theme__code", "status")
        ),
        "contract types": contracts,
    }


def _secrets_of(people) -> list[str]:
    """Full names (a last name alone is also a street, a commune, a counsellor's name),
    phone numbers and email addresses."""
    secrets = []
    for person in people:
        secrets += [
            f"{person.first_name} {person.last_name}",
            f"{person.last_name} {person.first_name}",
        ]
        secrets += [value for value in (person.phone, person.email) if value]
    return secrets


def test_two_years_later_the_demo_files_are_anonymised_and_the_figures_unchanged(
    demo_territory,  # noqa: F811
):
    people = list(Person.objects.filter(merged_into=None))
    assert len(people) >= 10
    secrets = _secrets_of(people)
    text = database_text()
    assert all(f"{p.first_name} {p.last_name}".casefold() in text for p in people)
    before = _figures()
    later = timezone.now() + timedelta(days=730 + 60)

    warned = retention_run(now=later, batch_size=1000)
    assert warned == {"warned": len(people), "anonymised": 0}
    assert len(mail.outbox) >= 1
    assert retention_run(now=later + timedelta(days=1), batch_size=1000) == {
        "warned": 0,
        "anonymised": 0,
    }  # once

    done = retention_run(now=later + timedelta(days=31), batch_size=1000)

    assert done == {"warned": 0, "anonymised": len(people)}
    assert Anonymisation.objects.count() == len(people) == ErasureWarning.objects.count()
    assert not Person.objects.filter(anonymised_at=None).exists()
    text = database_text()
    found = [secret for secret in secrets if secret.casefold() in text]
    assert found == []
    assert _figures() == before
    assert retention_run(now=later + timedelta(days=60), batch_size=1000) == {
        "warned": 0,
        "anonymised": 0,
    }
