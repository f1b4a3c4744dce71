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
from offers import selectors as offer_selectors
from partner_services import selectors as service_selectors
from pathways import selectors as pathway_selectors
from plans import selectors as plan_selectors
from referrals import selectors as referral_selectors

# Ten lines a section: the page gathers some fourteen sections, each paginated, and what
# it costs to build grows with the lines it shows (a first screen of 350 lines cost
# three times the application time of the other key pages).
PAGE_SIZE = 10

# What each section shows of a row (worklist.html, _referral_sections.html,
# _employer_answers.html, exits/_worklist_checks.html), and nothing more: their
# selectors, shared with other pages and the API, follow the relations
# whole (80 to 120 columns a row), and a page of ten rows cost more in building the query
# and the objects than in reading them. A column missed here costs a query per row,
# which tests/performance/test_query_counts.py catches.
_PERSON = ("first_name", "last_name", "anonymised_at")
_USER = ("first_name", "last_name", "email")


def _of(relation: str, fields) -> list[str]:
    return [f"{relation}__{field}" for field in fields]


def _shown(queryset, *relations, fields):
    """`queryset` following `relations` only, reading `fields` only."""
    return queryset.select_related(None).select_related(*relations).only(*fields)


def _section(request, key, title, items, *, empty, by_ids=False, **page_options):
    page = counted_page(
        items, request.GET.get(f"p_{key}"), PAGE_SIZE, by_ids=by_ids, **page_options
    )
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
            _shown(
                service_selectors.to_answer(organization),
                "person",
                "service",
                fields=["created_at", "state", *_of("person", _PERSON), "service__name"],
            ),
            request.GET.get("p_services_recues"),
            PAGE_SIZE,
        ),
    }
    if follows:
        sections |= {
            "received": counted_page(
                _shown(
                    referral_selectors.awaiting_answer(
                        referral_selectors.received_referrals(user, organization)
                    ).order_by("sent_at", "pk"),
                    "person",
                    "from_organization",
                    fields=[
                        "sent_at",
                        "channel",
                        *_of("person", _PERSON),
                        "from_organization__name",
                    ],
                ),
                request.GET.get("p_orientations"),
                PAGE_SIZE,
            ),
            "waiting_on_partners": counted_page(
                _shown(
                    service_selectors.waiting_on_partners(user, organization),
                    "person",
                    "service",
                    fields=[
                        "created_at",
                        "link_sent_to",
                        *_of("person", _PERSON),
                        "service__name",
                        "service__organization_id",
                    ],
                ),
                request.GET.get("p_services_attente"),
                PAGE_SIZE,
            ),
            "partner_answers": counted_page(
                _shown(
                    service_selectors.answered_lately(user, organization),
                    "person",
                    "service",
                    fields=[
                        "answered_at",
                        "state",
                        "refusal_reason",
                        "done_on",
                        "link_sent_to",
                        "created_at",
                        "answer_comment",
                        *_of("person", _PERSON),
                        "service__name",
                        "service__organization_id",
                    ],
                ),
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
            pathway_selectors.without_contact_rows(
                organization, request.user, whole_structure=whole_structure
            ),
            empty="Tout le monde a eu un contact ces 30 derniers jours.",
            # Most of a structure's people, sorted and counted on its rows of the access
            # ledger; the page shows the pathways of the ten first.
            by_ids=True,
            id_field="person_id",
            rows_of=lambda persons: pathway_selectors.open_pathways_by_person(
                organization, persons
            ),
        ),
    ]
    context = {
        "title": "À traiter",
        "organization": organization,
        "whole_structure": whole_structure,
        "pathway_sections": sections,
        "alerts": counted_page(
            _shown(
                employment_selectors.open_alerts(organization),
                "pathway__person",
                "pathway__referent",
                fields=[
                    "raised_at",
                    "kind",
                    "detail",
                    "contract_id",
                    *_of("pathway__person", _PERSON),
                    *_of("pathway__referent", _USER),
                ],
            ),
            request.GET.get("p_alertes"),
            PAGE_SIZE,
        ),
        "overdue_checkpoints": counted_page(
            _shown(
                employment_selectors.overdue_checkpoint_sides(organization),
                "checkpoint__contract__person",
                fields=[
                    "planned_on",
                    "side",
                    "checkpoint__step",
                    *_of("checkpoint__contract__person", _PERSON),
                ],
            ),
            request.GET.get("p_suivi"),
            PAGE_SIZE,
        ),
        "contracts_ending": counted_page(
            _shown(
                pathway_selectors.contracts_ending(organization, within_days=90),
                "person",
                "company",
                "employer_organization",
                fields=[
                    "end_date",
                    "contract_type",
                    *_of("person", _PERSON),
                    "company__name",
                    "employer_organization__name",
                ],
            ),
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
            _shown(
                exit_selectors.due_checks(organization),
                "pathway__person",
                "pathway__referent",
                fields=[
                    "due_on",
                    "pathway__closed_on",
                    "pathway__exit_category",
                    *_of("pathway__person", _PERSON),
                    *_of("pathway__referent", _USER),
                ],
            ),
            request.GET.get("p_sortie"),
            PAGE_SIZE,
        ),
        "referral_sections": _referral_sections(request, organization, follows=True),
        "employer_answers": counted_page(
            _shown(
                offer_selectors.employer_answers_lately(organization),
                "person",
                "offer__company",
                fields=[
                    "answered_at",
                    "state",
                    "decline_reason",
                    "interview_on",
                    "answer_comment",
                    *_of("person", _PERSON),
                    "offer__title",
                    "offer__company__name",
                ],
            ),
            request.GET.get("p_employeurs"),
            PAGE_SIZE,
        ),
    }
    return render(request, "worklist/worklist.html", context)
