"""Event pages: the agenda, an event, its sessions' attendance, the calendar links,
and the public pages of the events open to all."""

from django.urls import path

from www.views import events, events_public

E = "agenda/<int:event_pk>/"
S = E + "seances/<int:session_pk>/"

urlpatterns = [
    path("agenda/", events.event_list, name="event_list"),
    path("agenda/nouveau/", events.event_create, name="event_create"),
    path("agenda/abonnement/", events.calendar_links, name="calendar_links"),
    path("agenda/flux/<str:feed_key>.ics", events.calendar_feed, name="calendar_feed"),
    path(E, events.event_detail, name="event_detail"),
    path(E + "modifier/", events.event_edit, name="event_edit"),
    path(E + "inscrire/", events.event_register, name="event_register"),
    path(E + "inviter/", events.event_invite, name="event_invite"),
    path(E + "annuler/", events.event_cancel, name="event_cancel"),
    path(E + "bilan/", events.event_debrief, name="event_debrief"),
    path(E + "suites/", events.event_outcome_link, name="event_outcome_link"),
    path(E + "documents/", events.event_document_add, name="event_document_add"),
    path(E + "documents/<int:event_document_pk>/", events.event_document, name="event_document"),
    path(
        E + "inscriptions/<int:event_registration_pk>/annuler/",
        events.registration_cancel,
        name="registration_cancel",
    ),
    path(E + "creneaux/", events.slot_create, name="slot_create"),
    path(E + "creneaux/<int:slot_pk>/reserver/", events.slot_book, name="slot_book"),
    path(E + "creneaux/<int:slot_pk>/liberer/", events.slot_release, name="slot_release"),
    path(
        E + "creneaux/<int:slot_pk>/mise-en-relation/",
        events.slot_introduce,
        name="slot_introduce",
    ),
    path(S + "presences/", events.session_attendance, name="session_attendance"),
    path(S + "annuler/", events.session_cancel, name="session_cancel"),
    path(
        S + "presences/<int:event_registration_pk>/",
        events.session_mark,
        name="session_mark",
    ),
    path("evenements/", events_public.public_event_list, name="public_event_list"),
    path("evenements/<int:event_pk>/", events_public.public_event, name="public_event"),
    path(
        "evenements/<int:event_pk>/merci/",
        events_public.public_event_thanks,
        name="public_event_thanks",
    ),
]
