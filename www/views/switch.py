from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from access.policy import active_memberships
from organizations.middleware import SESSION_KEY


@login_required
@require_POST
def switch_organization(request):
    try:
        wanted = int(request.POST.get("organization", ""))
    except ValueError:
        wanted = None
    membership = next(
        (m for m in active_memberships(request.user) if m.organization_id == wanted), None
    )
    if membership is None:
        messages.error(request, "Vous n'êtes pas membre de cette organisation.")
    else:
        request.session[SESSION_KEY] = membership.organization_id
        messages.success(request, f"Vous agissez maintenant pour {membership.organization}.")
    target = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(target, {request.get_host()}):
        target = "home"
    return redirect(target)
