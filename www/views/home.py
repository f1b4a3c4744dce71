from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from audit.models import AuditEntry
from organizations.selectors import members_of, pending_invitations_of


@login_required
def home(request):
    organization = request.current_organization
    context = {"title": "Accueil", "organization": organization}
    if organization is not None:
        context.update(
            members=members_of(organization)[:12],
            member_count=members_of(organization).count(),
            invitations=pending_invitations_of(organization)[:5],
            activity=AuditEntry.objects.visible_to(request.user)
            .filter(organization=organization)
            .select_related("content_type")[:10],
        )
    return render(request, "home.html", context)
