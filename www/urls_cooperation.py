"""Working together: working groups and their action sheets, partnerships (/cooperation/)."""

from django.urls import path

from www.views import cooperation, partnerships

G = "cooperation/groupes/<int:group_pk>/"
F = "cooperation/fiches/<int:sheet_pk>/"
P = "cooperation/partenariats/<int:partnership_pk>/"

urlpatterns = [
    path("cooperation/", cooperation.cooperation_home, name="cooperation"),
    path("cooperation/groupes/", cooperation.group_list, name="group_list"),
    path("cooperation/groupes/nouveau/", cooperation.group_create, name="group_create"),
    path(G, cooperation.group_detail, name="group_detail"),
    path(G + "modifier/", cooperation.group_edit, name="group_edit"),
    path(G + "reunions/", cooperation.group_meeting_add, name="group_meeting_add"),
    path(
        G + "reunions/<int:event_pk>/retirer/",
        cooperation.group_meeting_remove,
        name="group_meeting_remove",
    ),
    path(G + "personnes/", cooperation.group_member_add, name="group_member_add"),
    path(
        G + "personnes/<int:group_member_pk>/retirer/",
        cooperation.group_member_remove,
        name="group_member_remove",
    ),
    path(G + "fiches/", cooperation.sheet_board, name="sheet_board"),
    path(G + "fiches/nouvelle/", cooperation.sheet_create, name="sheet_create"),
    path(F, cooperation.sheet_detail, name="sheet_detail"),
    path(F + "etat/", cooperation.sheet_move, name="sheet_move"),
    path(F + "actions/", cooperation.sheet_action_add, name="sheet_action_add"),
    path(
        "cooperation/actions/<int:sheet_action_pk>/statut/",
        cooperation.sheet_action_status,
        name="sheet_action_status",
    ),
    path("cooperation/partenariats/", partnerships.partnership_list, name="partnership_list"),
    path(
        "cooperation/partenariats/nouveau/",
        partnerships.partnership_create,
        name="partnership_create",
    ),
    path(P, partnerships.partnership_detail, name="partnership_detail"),
    path(P + "phase/", partnerships.partnership_advance, name="partnership_advance"),
    path(P + "suivi/", partnerships.partnership_edit, name="partnership_edit"),
    path(
        P + "documents/",
        partnerships.partnership_document_upload,
        name="partnership_document_upload",
    ),
    path(
        P + "documents/<int:partnership_document_pk>/",
        partnerships.partnership_document_download,
        name="partnership_document_download",
    ),
]
