from django.urls import path

from www.views import (
    companies,
    companies_proposals,
    companies_relations,
    immersions,
    immersions_host,
)

urlpatterns = [
    path("entreprises/", companies.company_list, name="company_list"),
    path("entreprises/nouvelle/", companies.company_create, name="company_create"),
    path(
        "entreprises/a-contacter/",
        companies_relations.companies_to_contact,
        name="companies_to_contact",
    ),
    path("entreprises/choix/naf/", companies.company_naf_options, name="company_naf_options"),
    path("entreprises/<int:company_pk>/", companies.company_detail, name="company_detail"),
    path("entreprises/<int:company_pk>/modifier/", companies.company_edit, name="company_edit"),
    path(
        "entreprises/<int:company_pk>/proposer/",
        companies_proposals.company_proposal_create,
        name="company_proposal_create",
    ),
    path(
        "entreprises/<int:company_pk>/propositions/",
        companies_proposals.company_proposals,
        name="company_proposals",
    ),
    path(
        "entreprises/<int:company_pk>/propositions/<int:proposal_pk>/",
        companies_proposals.company_proposal_detail,
        name="company_proposal_detail",
    ),
    path(
        "entreprises/<int:company_pk>/membres/",
        companies.company_member_add,
        name="company_member_add",
    ),
    path(
        "entreprises/<int:company_pk>/membres/<int:group_membership_pk>/retirer/",
        companies.company_member_remove,
        name="company_member_remove",
    ),
    path(
        "entreprises/<int:company_pk>/club/", companies_relations.company_club, name="company_club"
    ),
    path(
        "entreprises/<int:company_pk>/club/quitter/",
        companies_relations.company_club_leave,
        name="company_club_leave",
    ),
    path(
        "entreprises/<int:company_pk>/etiquettes/",
        companies_relations.company_tag_add,
        name="company_tag_add",
    ),
    path(
        "entreprises/<int:company_pk>/etiquettes/<int:tag_pk>/retirer/",
        companies_relations.company_tag_remove,
        name="company_tag_remove",
    ),
    path(
        "entreprises/<int:company_pk>/contacts/nouveau/",
        companies_relations.contact_create,
        name="company_contact_create",
    ),
    path(
        "entreprises/<int:company_pk>/contacts/<int:contact_pk>/modifier/",
        companies_relations.contact_edit,
        name="company_contact_edit",
    ),
    path(
        "entreprises/<int:company_pk>/contacts/<int:contact_pk>/supprimer/",
        companies_relations.contact_delete,
        name="company_contact_delete",
    ),
    path(
        "entreprises/<int:company_pk>/echanges/",
        companies_relations.log_entry_create,
        name="company_log_create",
    ),
    path(
        "entreprises/<int:company_pk>/echanges/<int:log_pk>/modifier/",
        companies_relations.log_entry_edit,
        name="company_log_edit",
    ),
    path(
        "entreprises/<int:company_pk>/echanges/<int:log_pk>/fait/",
        companies_relations.log_entry_done,
        name="company_log_done",
    ),
    path(
        "personnes/<int:person_pk>/immersions/",
        immersions.person_immersions,
        name="person_immersions",
    ),
    path(
        "personnes/<int:person_pk>/immersions/<int:immersion_pk>/",
        immersions.immersion_edit,
        name="immersion_edit",
    ),
    # The host's side, in the employer space.
    path("employeur/immersions/", immersions_host.host_immersions, name="host_immersions"),
    path(
        "employeur/immersions/<int:immersion_pk>/",
        immersions_host.host_immersion_detail,
        name="host_immersion_detail",
    ),
]
