"""Referral pages."""

from django.urls import path

from www.views import (
    referrals,
    referrals_answer,
    referrals_entry,
    referrals_notifications,
    referrals_public,
    visits,
)

R = "orientations/<int:referral_pk>/"

urlpatterns = [
    # Inbox, answers and follow-up
    path("orientations/recues/", referrals.referral_inbox, name="referral_inbox"),
    path("orientations/recues/actions/", referrals.referral_inbox_bulk, name="referral_inbox_bulk"),
    path("orientations/envoyees/", referrals.referral_sent_list, name="referral_sent_list"),
    path(R, referrals_answer.referral_detail, name="referral_detail"),
    path(R + "accepter/", referrals_answer.referral_accept, name="referral_accept"),
    path(R + "refuser/", referrals_answer.referral_refuse, name="referral_refuse"),
    path(R + "reorienter/", referrals_answer.referral_redirect, name="referral_redirect"),
    path(R + "retirer/", referrals_answer.referral_withdraw, name="referral_withdraw"),
    path(
        "compte/notifications/",
        referrals_notifications.notification_preferences,
        name="notification_preferences",
    ),
    # Sending and other ways in
    path(
        "personnes/<int:person_pk>/orienter/",
        referrals_entry.referral_create,
        name="referral_create",
    ),
    path("permanence/", referrals_entry.walk_in, name="walk_in"),
    path("permanence/passage/", visits.visit_count, name="visit_count"),
    path("reperage/", referrals_entry.outreach, name="outreach"),
    path("candidater/", referrals_public.self_referral, name="self_referral"),
    path("candidater/merci/", referrals_public.self_referral_thanks, name="self_referral_thanks"),
    path("candidater/<int:pk>/", referrals_public.self_referral_form, name="self_referral_form"),
]
