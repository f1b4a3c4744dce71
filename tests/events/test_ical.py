"""The calendar feed is RFC 5545 and a real parser reads it: recurring drop-ins as one
event with its rule, a cancelled session as an EXDATE, a cancelled event as CANCELLED
with a higher SEQUENCE.

The parser is the `icalendar` package (a test dependency), the rule engine dateutil's."""

from datetime import date

import icalendar
from dateutil import rrule

from events import ical, services
from events.selectors import organization_calendar


def _feed(organization) -> str:
    return ical.calendar(organization_calendar(organization), name="Agenda de test")


def test_lines_are_crlf_folded_at_75_octets_and_escaped():
    long = "é" * 60 + ";,\\\n" + "x" * 80
    line = ical.fold("DESCRIPTION:" + ical.escape(long))
    assert all(len(part.encode()) <= 75 for part in line.split("\r\n"))
    assert "\\;\\,\\\\\\n" in line.replace("\r\n ", "")


def test_the_feed_parses_and_carries_a_cancellation(team, events):
    session = events.drop_in.occurrences.all()[2]
    before = icalendar.Calendar.from_ical(_feed(team.organization))
    by_title = {str(e["SUMMARY"]): e for e in before.walk("VEVENT")}
    assert set(by_title) == {"Permanence emploi, mairie", "Job dating boulangerie"}
    drop_in = by_title["Permanence emploi, mairie"]
    assert drop_in["RRULE"]["FREQ"] == ["WEEKLY"] and drop_in["RRULE"]["BYDAY"] == ["TU"]
    assert drop_in["RRULE"]["UNTIL"][0].date() == date(2026, 12, 15)
    assert "EXDATE" not in drop_in
    assert str(by_title["Job dating boulangerie"]["STATUS"]) == "CONFIRMED"

    services.occurrence_cancel(occurrence=session, user=team.colleague)
    services.event_cancel(event=events.dating, user=team.colleague, reason="Report")
    after = icalendar.Calendar.from_ical(_feed(team.organization))
    by_title = {str(e["SUMMARY"]): e for e in after.walk("VEVENT")}
    exdates = by_title["Permanence emploi, mairie"]["EXDATE"]
    exdates = exdates if isinstance(exdates, list) else [exdates]
    assert [d.dt for x in exdates for d in x.dts] == [session.starts_at]
    dating = by_title["Job dating boulangerie"]
    assert str(dating["STATUS"]) == "CANCELLED" and int(dating["SEQUENCE"]) == 1
    assert str(dating["UID"]) == f"event-{events.dating.pk}@parcours.events"


def test_the_feed_is_crlf_throughout(team, events):
    feed = _feed(team.organization)
    assert feed.startswith("BEGIN:VCALENDAR\r\n") and feed.endswith("END:VCALENDAR\r\n")
    assert "\n" not in feed.replace("\r\n", "")


def test_the_rule_expands_to_the_sessions_across_the_change_of_time(team, drop_in):
    """A calendar expanding the rule finds the sessions the platform materialised, at
    9:00 on both sides of the change to winter time (25 October 2026)."""
    parsed = icalendar.Calendar.from_ical(_feed(team.organization))
    (event,) = parsed.walk("VEVENT")
    start = event.decoded("DTSTART")
    expanded = list(rrule.rrulestr(event["RRULE"].to_ical().decode(), dtstart=start))
    assert expanded == [s.starts_at for s in drop_in.occurrences.all()]
    assert {d.hour for d in expanded} == {9}
    assert parsed.walk("VTIMEZONE")[0]["TZID"] == "Europe/Paris"
