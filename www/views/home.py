from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.urls import reverse

from access.policy import Capability, can
from audit.models import AuditEntry
from indicators.selectors import today_counts
from organizations.enums import KindGroup
from organizations.models import Organization
from organizations.selectors import members_of, pending_invitations_of
from organizations.territory import kind_counts, organizations_on_territory_of


@login_required
def home(request):
    """One page, with what each role needs first: the team and its activity for
    members, pending invitations for admins, the territory for coordinators, the
    platform for platform admins."""
    user = request.user
    organization = request.current_organization
    context = {"title": "Accueil", "organization": organization}
    if user.is_staff:
        context["platform"] = {
            "organizations": Organization.objects.count(),
            "users": get_user_model().objects.filter(is_active=True).count(),
            "kinds": kind_counts(Organization.objects.all()),
            "activity": AuditEntry.objects.visible_to(user).select_related("content_type")[:8],
        }
    if organization is not None:
        members = members_of(organization)
        context.update(
            members=members[:12],
            member_count=members.count(),
            is_admin=can(user, Capability.MANAGE_MEMBERS, organization),
            invitations=pending_invitations_of(organization)[:5],
            activity=AuditEntry.objects.visible_to(user)
            .filter(organization=organization)
            .select_related("content_type")[:10],
        )
        context["today"] = _today(user, organization)
        if organization.kind_group == KindGroup.COORDINATOR:
            neighbours = organizations_on_territory_of(organization)
            context["territory"] = {
                "count": neighbours.count(),
                "kinds": kind_counts(neighbours),
            }
    return render(request, "home.html", context)


def _today(user, organization) -> list[tuple[str, int, str]]:
    """(what, how many, where to go) for the home page's « Aujourd'hui »: the figures of
    `indicators.selectors.today_counts`, each with the list it comes from."""
    counts = today_counts(user, organization)
    worklist = reverse("worklist")
    places = [
        ("passes_ending", "PASS IAE se terminant dans les 90 jours", worklist),
        ("without_contact", "personnes sans contact depuis 30 jours", worklist),
        ("overdue_actions", "actions en retard", worklist),
        (
            "referrals_received",
            "orientations reçues en attente de réponse",
            reverse("referral_inbox"),
        ),
        (
            "referrals_sent",
            "de vos orientations attendent une réponse",
            reverse("referral_sent_list"),
        ),
    ]
    return [(label, counts[key], url) for key, label, url in places if key in counts]
