from ninja import Router, Schema

router = Router(tags=["Compte"])


class MembershipOut(Schema):
    organization_id: int
    organization_name: str
    organization_kind: str
    role: str


class MeOut(Schema):
    id: int
    email: str
    first_name: str
    last_name: str
    is_platform_admin: bool
    memberships: list[MembershipOut]


@router.get("/me", response=MeOut, summary="L'utilisateur du jeton et ses organisations")
def me(request):
    user = request.user
    memberships = user.memberships.active().select_related("organization")
    return {
        "id": user.pk,
        "email": user.email,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "is_platform_admin": user.is_staff,
        "memberships": [
            {
                "organization_id": m.organization_id,
                "organization_name": m.organization.name,
                "organization_kind": m.organization.kind,
                "role": m.role,
            }
            for m in memberships
        ],
    }
