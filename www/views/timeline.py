"""The « Chronologie » tab: the person's events at the user's level, filtered by kind,
25 at a time by keyset (« plus anciens »)."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from persons.access import person_for
from persons.levels import Level
from timeline.models import EventKind
from timeline.selectors import cursor_of, parse_cursor, person_timeline

PAGE_SIZE = 25


@login_required
def person_timeline_page(request, person_pk):
    person, level = person_for(request.user, person_pk, needed=Level.MILESTONES)
    kinds = [kind for kind in request.GET.getlist("type") if kind in EventKind.values]
    before = parse_cursor(request.GET.get("avant"))
    events = person_timeline(
        request.user, person, level, kinds=kinds, before=before, limit=PAGE_SIZE + 1
    )
    has_more = len(events) > PAGE_SIZE
    events = events[:PAGE_SIZE]
    context = {
        "title": f"Chronologie de {person}",
        "person": person,
        "person_level": int(level),
        "active_tab": "timeline",
        "events": events,
        "kinds": EventKind.choices,
        "selected_kinds": kinds,
        "is_first_page": before is None,
        "older_cursor": cursor_of(events[-1]) if has_more else "",
    }
    return render(request, "timeline/person_timeline.html", context)
