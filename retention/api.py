"""A person's data in the API, for the same people and on the same rules as the page:
a stranger gets 404, a professional who does not answer for the person's data 403."""

from ninja import Router

from api.schemas import Id, errors
from retention import services
from retention.access import personal_data_for

router = Router(tags=["persons"])


@router.get(
    "/persons/{person_id}/data",
    response={200: dict, **errors(403, 404)},
    summary="Toutes les données détenues sur une personne (droit d'accès)",
    description=(
        "Pour un administrateur (ou le référent) d'une structure qui suit la personne. "
        "Chaque appel est inscrit au journal des consultations de données sensibles."
    ),
)
def person_data(request, person_id: Id):
    person, organization = personal_data_for(request.user, person_id)
    return services.person_data_export(
        person=person, user=request.user, organization=organization, path=request.path
    )
