from django.conf import settings

from access.policy import Capability, active_memberships, capabilities
from organizations.enums import KindGroup


def shell(request):
    """What the layout needs on every page: the organizations the user can act for, the
    current one, and the capabilities that drive the navigation."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {
            "shell_memberships": [],
            "current_membership": None,
            "can": {},
            "proconnect_enabled": settings.PROCONNECT_ENABLED,
        }
    current = getattr(request, "current_membership", None)
    granted = capabilities(current) if current else set()
    return {
        "shell_memberships": active_memberships(user),
        "current_membership": current,
        "can": {c.value: (c in granted) for c in Capability},
        "proconnect_enabled": settings.PROCONNECT_ENABLED,
        "employer_groups": (KindGroup.COMPANY, KindGroup.EMPLOYER_GROUP),
        # The navigation marks the current page; an error page matched no URL (None).
        "current_url_name": getattr(request.resolver_match, "url_name", None),
    }
