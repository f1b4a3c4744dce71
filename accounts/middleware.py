from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse

from accounts.mfa import has_totp, mfa_required

# What an admin without TOTP may still reach: enrolling, signing out, the legal pages.
_ALLOWED_PREFIXES = (
    "/comptes/2fa/",
    "/comptes/logout/",
    "/static/",
    "/mentions-legales",
    "/donnees-personnelles",
    "/accessibilite",
    "/api/",
)


class RequireMfaMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if (
            request.user.is_authenticated
            and not request.path.startswith(_ALLOWED_PREFIXES)
            and mfa_required(request.user)
            and not has_totp(request.user)
        ):
            messages.warning(
                request,
                "Votre rôle d'administrateur exige la double authentification : "
                "activez-la pour continuer.",
            )
            return redirect(reverse("mfa_activate_totp"))
        return self.get_response(request)
