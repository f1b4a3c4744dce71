from access.policy import active_memberships

SESSION_KEY = "current_organization_id"


class CurrentOrganizationMiddleware:
    """Puts the organization the user is acting for on `request.current_membership`.
    The choice lives in the session; it falls back to the user's first organization."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.current_membership = None
        request.current_organization = None
        if request.user.is_authenticated:
            memberships = active_memberships(request.user)
            wanted = request.session.get(SESSION_KEY)
            chosen = next((m for m in memberships if m.organization_id == wanted), None)
            chosen = chosen or (memberships[0] if memberships else None)
            if chosen:
                request.current_membership = chosen
                request.current_organization = chosen.organization
        return self.get_response(request)
