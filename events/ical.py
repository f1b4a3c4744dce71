"""iCalendar feeds (RFC 5545), written by hand: lines end with CRLF, are folded at 75
octets (a continuation line starts with a space, never inside a UTF-8 character), and
text values escape backslash, semicolon, comma and newlines.

A one-off event is one VEVENT. A recurring drop-in is one VEVENT with its RRULE, and
the sessions cancelled one by one are its EXDATEs; a cancelled event keeps its UID with
STATUS:CANCELLED and a higher SEQUENCE, so a calendar that imported it updates it.

Times are wall-clock times of Europe/Paris (`DTSTART;TZID=Europe/Paris:…`, with the
zone's VTIMEZONE in the feed): a weekly rule expanded in UTC would move the 9:00
drop-in to 8:00 after the change to winter time. Stamps and UNTIL are in UTC, as the
RFC asks."""

from datetime import UTC, datetime

from django.conf import settings
from django.utils import timezone

from events.enums import EventState
from events.recurrence import Rule

PRODID = "-//Parcours//Agenda des evenements//FR"
UID_DOMAIN = "parcours.events"


def escape(text: str) -> str:
    return (
        (text or "")
        .replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
        .replace("\r", "\\n")
    )


def fold(line: str) -> str:
    """Split a content line into lines of at most 75 octets, CRLF-joined."""
    encoded = line.encode("utf-8")
    if len(encoded) <= 75:
        return line
    parts, current, limit = [], b"", 75
    for char in line:
        piece = char.encode("utf-8")
        if len(current) + len(piece) > limit:
            parts.append(current.decode("utf-8"))
            current, limit = b"", 74  # the leading space takes one octet
        current += piece
    parts.append(current.decode("utf-8"))
    return "\r\n ".join(parts)


def utc(moment: datetime) -> str:
    return f"{moment.astimezone(UTC):%Y%m%dT%H%M%SZ}"


ZONE = "Europe/Paris"
# The zone's rules since 1996 (last Sunday of March and of October), as calendars write it.
VTIMEZONE = [
    "BEGIN:VTIMEZONE",
    f"TZID:{ZONE}",
    "BEGIN:DAYLIGHT",
    "TZOFFSETFROM:+0100",
    "TZOFFSETTO:+0200",
    "TZNAME:CEST",
    "DTSTART:19700329T020000",
    "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU",
    "END:DAYLIGHT",
    "BEGIN:STANDARD",
    "TZOFFSETFROM:+0200",
    "TZOFFSETTO:+0100",
    "TZNAME:CET",
    "DTSTART:19701025T030000",
    "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU",
    "END:STANDARD",
    "END:VTIMEZONE",
]


def _paris() -> bool:
    return settings.TIME_ZONE == ZONE


def local(name: str, moment: datetime) -> str:
    """`NAME;TZID=Europe/Paris:20261020T090000`, or the UTC form under another zone."""
    if not _paris():
        return f"{name}:{utc(moment)}"
    return f"{name};TZID={ZONE}:{timezone.localtime(moment):%Y%m%dT%H%M%S}"


def _event_lines(event, occurrences, now) -> list[str]:
    # A drop-in's rule starts at its first date; the sessions before it were held under
    # an earlier rule (its dates changed since) and are not the rule's to repeat.
    first = next((o for o in occurrences if o.starts_at >= event.starts_at), None)
    first = first or (occurrences[0] if occurrences else None)
    starts_at = first.starts_at if first and event.is_recurring else event.starts_at
    ends_at = first.ends_at if first and event.is_recurring else event.ends_at
    organizers = ", ".join(o.name for o in event.organizers.all())
    description = event.description
    if organizers:
        description = f"Organisé par {organizers}.\n\n{description}".strip()
    lines = [
        "BEGIN:VEVENT",
        f"UID:event-{event.pk}@{UID_DOMAIN}",
        f"DTSTAMP:{utc(now)}",
        f"LAST-MODIFIED:{utc(event.updated_at)}",
        f"SEQUENCE:{event.sequence}",
        local("DTSTART", starts_at),
        local("DTEND", ends_at),
        f"SUMMARY:{escape(event.title)}",
        f"CATEGORIES:{escape(event.get_kind_display())}",
        "STATUS:" + ("CANCELLED" if event.state == EventState.CANCELLED else "CONFIRMED"),
    ]
    if description:
        lines.append(f"DESCRIPTION:{escape(description)}")
    if event.place:
        lines.append(f"LOCATION:{escape(event.place)}")
    if event.online_url:
        lines.append(f"URL:{event.online_url}")
    if event.is_recurring:
        rule = Rule(event.repeat_weekday, event.repeat_interval, event.repeat_until)
        lines.append(f"RRULE:{rule.rrule()}")
        for occurrence in occurrences:
            if occurrence.cancelled_at:
                lines.append(local("EXDATE", occurrence.starts_at))
    return lines


def calendar(events, *, name: str, now: datetime | None = None) -> str:
    """The feed of `events` (their organizers and occurrences prefetched)."""
    now = now or timezone.now()
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODID}",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{escape(name)}",
        f"X-WR-TIMEZONE:{settings.TIME_ZONE}",
    ]
    if _paris():
        lines += VTIMEZONE
    for event in events:
        lines += _event_lines(event, list(event.occurrences.all()), now)
        lines.append("END:VEVENT")
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + "\r\n" for line in lines)
