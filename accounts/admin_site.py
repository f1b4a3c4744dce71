"""The platform admin (`/admin-plateforme/`) opens users, API tokens and organizations:
it signs in through the site's own sign-in (allauth: throttle, second factor), never a
password form of its own, and only a session that passed the second factor gets in."""

from urllib.parse import urlencode

from django.contrib import admin
from django.contrib.auth import REDIRECT_FIELD_NAME
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme

from accounts.mfa import has_totp, session_passed_mfa


class PlatformAdminSite(admin.AdminSite):
    site_header = "Administration de Parcours"
    site_title = "Administration de Parcours"

    def has_permission(self, request) -> bool:
        return super().has_permission(request) and session_passed_mfa(request)

    def login(self, request, extra_context=None):
        """Send to the site's sign-in, or to the second factor for a staff member whose
        session has not passed it; anyone else signed in is refused."""
        next_url = request.GET.get(REDIRECT_FIELD_NAME, "")
        if not url_has_allowed_host_and_scheme(
            next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        ):
            next_url = reverse("admin:index", current_app=self.name)
        query = urlencode({REDIRECT_FIELD_NAME: next_url})
        user = request.user
        if not user.is_authenticated:
            return redirect(f"{reverse('account_login')}?{query}")
        if not (user.is_active and user.is_staff):
            raise PermissionDenied
        if not has_totp(user):
            return redirect("mfa_activate_totp")
        if session_passed_mfa(request):
            return redirect(next_url)
        return redirect(f"{reverse('mfa_reauthenticate')}?{query}")
