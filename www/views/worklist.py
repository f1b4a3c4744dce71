"""« À traiter »: what needs the user's attention today in the organization they act
for: PASS IAE ending, people without contact, their overdue actions, today's
appointments, and in-job follow-up: alerts (a break, a serious difficulty), checkpoints
overdue, contracts ending; and the checks after an exit that are due."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from access.policy import Capability, can, require
from employment import selectors as employment_selectors
from exits import selectors as exit_selectors
from lib.counted_page import counted_page
from partner_services import selectors as service_selectors
from pathways import selectors as pathway_selectors
from plans import selectors as plan_selectors
from referrals import selectors as referral_selectors

PAGE_SIZE = 25


def _section(request, key, title, items, *, empty, by_ids=False):
    page = counted_page(items, request.GET.get(f"p_{key}"), PAGE_SIZE, by_ids=by_ids)
    return {"key": key, "title": title, "page": page, "empty": empty}


def _referral_sections(request, organization, *, follows: bool) -> dict:
    """The referrals to act on, one query each (rows and count together): those the
    structure received, its service referrals waiting for the partner and the partners'
    answers of the last days (of the persons it follows, from the access ledger), and
    the referrals its own services must answer."""
    user = request.user
    sections = {
        "follows": follows,
        "to_answer": counted_page(
            service_selectors.to_answer(organization),
            request.GET.get("p_services_recues"),
            PAGE_SIZE,
        ),
    }
    if follows:
        sections |= {
            "received": counted_page(
                referral_selectors.awaiting_answer(
                    referral_selectors.received_referrals(user, organization)
                ).order_by("sent_at", "pk"),
                request.GET.get("p_orientations"),
                PAGE_SIZE,
            ),
            "waiting_on_partners": counted_page(
                service_selectors.waiting_on_partners(user, organization),
                request.GET.get("p_services_attente"),
                PAGE_SIZE,
            ),
            "partner_answers": counted_page(
                service_selectors.answered_lately(user, organization),
                request.GET.get("p_services_reponses"),
                PAGE_SIZE,
            ),
        }
    return sections


@login_required
def worklist(request):
    organization = request.current_organization
    if not can(request.user, Capability.FOLLOW_PERSONS, organization) and can(
        request.user, Capability.ANSWER_SERVICE_REFERRALS, organization
    ):
        return render(
            request,
            "worklist/partner.html",
            {
                "title": "À traiter",
                "organization": organization,
                "referral_sections": _referral_sections(request, organization, follows=False),
            },
        )
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
        "referral_sections": _referral_sections(request, organization, follows=True),
    }
    return render(request, "worklist/worklist.html", context)
