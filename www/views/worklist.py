"""« À traiter »: what needs the user's attention today in the organization they act
for: PASS IAE ending, people without contact, their overdue actions, today's
appointments, and in-job follow-up: alerts (a break, a serious difficulty), checkpoints
overdue, contracts ending; and the checks after an exit that are due."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from access.policy import Capability, require
from employment import selectors as employment_selectors
from exits import selectors as exit_selectors
from lib.counted_page import counted_page
from pathways import selectors as pathway_selectors
from plans import selectors as plan_selectors

PAGE_SIZE = 25


def _section(request, key, title, items, *, empty, by_ids=False):
    page = counted_page(items, request.GET.get(f"p_{key}"), PAGE_SIZE, by_ids=by_ids)
    return {"key": key, "title": title, "page": page, "empty": empty}


@login_required
def worklist(request):
    organization = request.current_organization
    require(request.user, Capability.FOLLOW_PERSONS, organization)
    whole_structure = request.GET.get("toute_la_structure") == "1"
    sections = [
        _section(
            request,
            "pass30",
            "PASS IAE se terminant dans les 30 jours",
            pathway_selectors.passes_ending(organization, within_days=30),
            empty="Aucun PASS IAE ne se termine dans les 30 jours.",
        ),
        _section(
            request,
            "pass90",
            "PASS IAE se terminant dans 31 à 90 jours",
            pathway_selectors.passes_ending(organization, within_days=90, after_days=31),
            empty="Aucun autre PASS IAE ne se termine dans les 90 jours.",
        ),
        _section(
            request,
            "contact",
            "Sans contact depuis 30 jours"
            + (" (toute la structure)" if whole_structure else " (dont je suis référent·e)"),
            pathway_selectors.without_contact(
                organization, request.user, whole_structure=whole_structure
            ),
            empty="Tout le monde a eu un contact ces 30 derniers jours.",
            # Most of a structure's open pathways, sorted to show 25: read by ids.
            by_ids=True,
        ),
    ]
    context = {
        "title": "À traiter",
        "organization": organization,
        "whole_structure": whole_structure,
        "pathway_sections": sections,
        "alerts": counted_page(
            employment_selectors.open_alerts(organization), request.GET.get("p_alertes"), PAGE_SIZE
        ),
        "overdue_checkpoints": counted_page(
            employment_selectors.overdue_checkpoint_sides(organization),
            request.GET.get("p_suivi"),
            PAGE_SIZE,
        ),
        "contracts_ending": counted_page(
            pathway_selectors.contracts_ending(organization, within_days=90),
            request.GET.get("p_contrats"),
            PAGE_SIZE,
        ),
        "overdue": counted_page(
            plan_selectors.overdue_actions(request.user), request.GET.get("p_actions"), PAGE_SIZE
        ),
        "today": counted_page(
            plan_selectors.appointments_today(request.user, organization),
            request.GET.get("p_rdv"),
            PAGE_SIZE,
        ),
        "post_exit_checks": counted_page(
            exit_selectors.due_checks(organization), request.GET.get("p_sortie"), PAGE_SIZE
        ),
    }
    return render(request, "worklist/worklist.html", context)
