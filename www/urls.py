from django.urls import include, path

from www.views import (
    account,
    choices,
    home,
    invitations,
    legal,
    organization_edit,
    organizations,
    switch,
    territories,
    territory_needs,
)

urlpatterns = [
    path("", home.home, name="home"),
    path("", include("www.urls_persons")),
    path("", include("www.urls_pathways")),
    path("", include("www.urls_employment")),
    path("", include("www.urls_exits")),
    path("", include("www.urls_barriers")),
    path("", include("www.urls_referrals")),
    path("", include("www.urls_directory")),
    path("", include("www.urls_companies")),
    path("", include("www.urls_offers")),
    path("", include("www.urls_matching")),
    path("", include("www.urls_stories")),
    path("", include("www.urls_results")),
    path("", include("www.urls_reports")),
    path("", include("www.urls_exports")),
    path("", include("www.urls_cooperation")),
    path("", include("www.urls_events")),
    path("organisation/changer/", switch.switch_organization, name="switch_organization"),
    path("organisations/<int:pk>/", organizations.organization_detail, name="organization_detail"),
    path(
        "organisations/nouvelle/", organization_edit.organization_create, name="organization_create"
    ),
    path(
        "organisations/<int:pk>/modifier/",
        organization_edit.organization_edit,
        name="organization_edit",
    ),
    path(
        "organisations/<int:pk>/journal/",
        organizations.organization_activity,
        name="organization_activity",
    ),
    path(
        "organisations/<int:pk>/invitations/",
        organizations.invitation_create,
        name="invitation_create",
    ),
    path(
        "organisations/<int:pk>/invitations/<int:invitation_pk>/annuler/",
        organizations.invitation_revoke,
        name="invitation_revoke",
    ),
    path(
        "organisations/<int:pk>/membres/<int:membership_pk>/role/",
        organizations.membership_change_role,
        name="membership_change_role",
    ),
    path(
        "organisations/<int:pk>/membres/<int:membership_pk>/retirer/",
        organizations.membership_remove,
        name="membership_remove",
    ),
    path("invitation/<str:token>/", invitations.invitation_accept, name="invitation_accept"),
    path("compte/jetons/", account.api_tokens, name="api_tokens"),
    path("compte/jetons/<int:pk>/revoquer/", account.api_token_revoke, name="api_token_revoke"),
    path("choix/communes/", choices.commune_options, name="commune_options"),
    path("mentions-legales/", legal.legal_notice, name="legal_notice"),
    path("donnees-personnelles/", legal.personal_data, name="personal_data"),
    path("accessibilite/", legal.accessibility, name="accessibility"),
    # Territory and jobs reference
    path("territoire/", territories.commune_search, name="commune_search"),
    path(
        "territoire/besoins/",
        territory_needs.territory_needs_page,
        name="territory_needs",
    ),
    path(
        "territoire/communes/autocomplete/",
        territories.commune_autocomplete,
        name="commune_autocomplete",
    ),
    path("territoire/communes/<str:code>/", territories.commune_detail, name="commune_detail"),
    path("metiers/", territories.appellation_search, name="appellation_search"),
    path(
        "metiers/autocomplete/",
        territories.appellation_autocomplete,
        name="appellation_autocomplete",
    ),
]
