from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.urls import reverse

from access.policy import Capability, can
from audit.models import AuditEntry
from organizations.enums import KindGroup
from organizations.models import Organization
from organizations.selectors import members_of, pending_invitations_of
from organizations.territory import kind_counts, organizations_on_territory_of
from pathways.selectors import worklist_counts
from plans.selectors import overdue_actions
from referrals.selectors import awaiting_answer_counts


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
    """(what, how many, where to go) for the home page's « Aujourd'hui »: the counts of
    the worklist and of the referrals waiting, for the organizations concerned. One
    aggregate per table, whatever the size of the structure."""
    follows = can(user, Capability.FOLLOW_PERSONS, organization)
    refers = can(user, Capability.REFER_PERSONS, organization)
    items = []
    if follows or refers:
        referrals = awaiting_answer_counts(user, organization)
    if follows:
        worklist = reverse("worklist")
        counts = worklist_counts(organization, user)
        items += [
            ("PASS IAE se terminant dans les 90 jours", counts["passes_ending"], worklist),
            ("personnes sans contact depuis 30 jours", counts["without_contact"], worklist),
            ("actions en retard", overdue_actions(user).count(), worklist),
            (
                "orientations reçues en attente de réponse",
                referrals["received"],
                reverse("referral_inbox"),
            ),
        ]
    if refers:
        items.append(
            (
                "de vos orientations attendent une réponse",
                referrals["sent"],
                reverse("referral_sent_list"),
            )
        )
    return items
