from django.shortcuts import get_object_or_404
from ninja import Router, Schema
from ninja.pagination import paginate

from access.policy import active_memberships
from api.pagination import PageNumber
from api.schemas import Id, errors
from organizations.selectors import organizations_for

router = Router(tags=["Organisations"])


class OrganizationOut(Schema):
    id: int
    name: str
    kind: str
    kind_label: str
    siret: str
    commune_code: str
    commune_name: str
    address: str
    role: str | None

    @staticmethod
    def resolve_kind_label(obj):
        return obj.get_kind_display()

    @staticmethod
    def resolve_commune_code(obj):
        return obj.commune_id

    @staticmethod
    def resolve_commune_name(obj):
        return obj.commune.name

    @staticmethod
    def resolve_role(obj, context):
        user = context["request"].user
        membership = next(
            (m for m in active_memberships(user) if m.organization_id == obj.pk), None
        )
        return membership.role if membership else None


@router.get(
    "/organizations",
    response=list[OrganizationOut],
    summary="Les organisations de l'utilisateur",
)
@paginate(PageNumber)
def list_organizations(request):
    return organizations_for(request.user)


@router.get("/organizations/{organization_id}", response={200: OrganizationOut, **errors(404)})
def get_organization(request, organization_id: Id):
    return get_object_or_404(organizations_for(request.user), pk=organization_id)
