"""The site's `date` filter writes the formats of the lists itself: the text must be
Django's, to the character, whatever the date."""

from datetime import UTC, date, datetime

import pytest
from django.template import engines
from django.template.defaultfilters import date as django_date
from django.utils import timezone
from hypothesis import given
from hypothesis import strategies as st

from www.templatetags.dates import date as site_date

FORMATS = ["d/m/Y", "j F Y", "d/m/Y H:i", "j F Y à H:i", None]


@given(st.dates(), st.sampled_from(["d/m/Y", "j F Y", None]))
def test_a_date_reads_as_with_django(value, format_string):
    assert site_date(value, format_string) == django_date(value, format_string)


@given(st.datetimes(), st.sampled_from(FORMATS))
def test_a_date_and_time_reads_as_with_django(value, format_string):
    assert site_date(value, format_string) == django_date(value, format_string)


@pytest.mark.parametrize("value", [None, "", "pas une date"])
def test_what_is_not_a_date_reads_as_with_django(value):
    for format_string in FORMATS:
        assert site_date(value, format_string) == django_date(value, format_string)


def test_templates_use_it_in_local_time(settings):
    settings.TIME_ZONE = "Europe/Paris"
    template = engines["django"].from_string('{{ at|date:"d/m/Y H:i" }} {{ day|date:"j F Y" }}')
    with timezone.override("Europe/Paris"):
        text = template.render(
            {"at": datetime(2026, 7, 14, 22, 30, tzinfo=UTC), "day": date(2026, 8, 2)}
        )
    assert text == "15/07/2026 00:30 2 août 2026"
