"""Pathway, action plan, timeline and worklist pages."""

from django.urls import path

from www.views import my_actions, pathway_corrections, pathways, plans, timeline, worklist

P = "personnes/<int:person_pk>/"
PW = P + "parcours/<int:pathway_pk>/"

urlpatterns = [
    # Pathways
    path(P + "parcours/", pathways.person_pathways, name="person_pathways"),
    path(P + "parcours/ouvrir/", pathways.pathway_open, name="pathway_open"),
    path(PW + "etape/", pathways.pathway_transition, name="pathway_transition"),
    path(PW + "pass-iae/", pathways.pathway_pass, name="pathway_pass"),
    path(PW + "pass-iae/changements/", pathways.pathway_pass_change, name="pathway_pass_change"),
    path(PW + "referent/", pathways.pathway_referent, name="pathway_referent"),
    path(PW + "equipe/", pathways.pathway_team_add, name="pathway_team_add"),
    path(
        PW + "equipe/<int:member_pk>/retirer/",
        pathways.pathway_team_remove,
        name="pathway_team_remove",
    ),
    path(PW + "type/", pathway_corrections.pathway_kind_correct, name="pathway_kind_correct"),
    path(
        PW + "relais-iae/",
        pathway_corrections.pathway_sas_handover,
        name="pathway_sas_handover",
    ),
    path(P + "eligibilite/", pathways.eligibility_diagnose, name="eligibility_diagnose"),
    # Action plan
    path(P + "plan/", plans.person_plan, name="person_plan"),
    path(P + "plan/objectifs/", plans.objective_create, name="objective_create"),
    path(
        P + "plan/objectifs/<int:objective_pk>/statut/",
        plans.objective_status,
        name="objective_status",
    ),
    path(P + "plan/actions/", plans.action_create, name="action_create"),
    path(P + "plan/actions/<int:action_pk>/statut/", plans.action_status, name="action_status"),
    path(P + "plan/rendez-vous/", plans.appointment_create, name="appointment_create"),
    path(
        P + "plan/rendez-vous/<int:appointment_pk>/presence/",
        plans.appointment_attendance,
        name="appointment_attendance",
    ),
    path(P + "plan/notes/", plans.note_create, name="note_create"),
    path(P + "plan/documents/", plans.document_upload, name="document_upload"),
    path(
        P + "plan/documents/<int:document_pk>/",
        plans.document_download,
        name="document_download",
    ),
    # The actions a user carries, whatever their organization (« Mes actions »)
    path("mes-actions/", my_actions.my_actions, name="my_actions"),
    path("mes-actions/<int:action_pk>/faite/", my_actions.my_action_done, name="my_action_done"),
    # Timeline
    path(P + "chronologie/", timeline.person_timeline_page, name="person_timeline"),
    # Worklist
    path("a-traiter/", worklist.worklist, name="worklist"),
]
