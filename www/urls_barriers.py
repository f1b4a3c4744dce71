"""Barrier and partner service pages."""

from django.urls import path

from www.views import barriers, partner_services, service_referral_link

urlpatterns = [
    path("personnes/<int:person_pk>/freins/", barriers.person_barriers, name="person_barriers"),
    path("personnes/<int:person_pk>/freins/ajouter/", barriers.barrier_add, name="barrier_add"),
    path(
        "personnes/<int:person_pk>/freins/<int:barrier_pk>/etat/",
        barriers.barrier_status,
        name="barrier_status",
    ),
    path(
        "personnes/<int:person_pk>/consultations/",
        barriers.person_sensitive_reads,
        name="person_sensitive_reads",
    ),
    path(
        "personnes/<int:person_pk>/services/<int:service_pk>/orienter/",
        partner_services.service_referral_create,
        name="service_referral_create",
    ),
    path("freins/choix/", barriers.barrier_item_options, name="barrier_item_options"),
    path("services/", partner_services.service_search, name="service_search"),
    path("services/nouveau/", partner_services.service_create, name="service_create"),
    path("services/<int:service_pk>/", partner_services.service_detail, name="service_detail"),
    path("services/<int:service_pk>/modifier/", partner_services.service_edit, name="service_edit"),
    path(
        "services/orientations/",
        partner_services.service_referral_inbox,
        name="service_referral_inbox",
    ),
    path(
        "services/orientations/<int:service_referral_pk>/",
        partner_services.service_referral_detail,
        name="service_referral_detail",
    ),
    # The link emailed to a service without an account (no sign-in).
    path(
        "partenaire/orientation/<str:token>/",
        service_referral_link.service_referral_link,
        name="service_referral_link",
    ),
    path(
        "services/orientations/<int:service_referral_pk>/decision/",
        partner_services.service_referral_transition,
        name="service_referral_transition",
    ),
]
