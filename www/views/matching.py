"""The rankings in the pages: the people a structure follows ranked for an offer, with
a shortlist compared side by side and presented to the employer in one action; the
offers ranked for a person. Who may ask and what they read come from `matching.access`
and `matching.selectors`, as in the API: the page and the API show the same pairs."""

from dataclasses import dataclass
from typing import NamedTuple

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from matching import selectors
from matching.access import offer_to_rank, person_to_rank
from matching.forms import CandidateFilterForm, OfferRankingFilterForm, ShortlistIntroductionForm
from matching.labels import BADGE_CLASSES, COMPONENT_LABELS, badge_text
from matching.shortlist import shortlist, shortlist_add, shortlist_clear, shortlist_remove
from offers import services
from offers.models import JobOffer
from persons.models import Person

# The page ranks as many as the API gives at most, in pages of PAGE_SIZE.
RANKED = 200
PAGE_SIZE = 20


@dataclass(frozen=True)
class Shown:
    """A ranked pair as a row of the pages."""

    pair: object
    badge: str
    badge_class: str
    components: list  # (label, score, explanation)
    distance_km: float | None
    person: Person | None = None
    offer: JobOffer | None = None
    not_public_yet: bool = False


def _shown(row) -> Shown:
    pair = row.pair
    return Shown(
        pair=pair,
        badge=badge_text(pair, selectors.HIDDEN),
        badge_class=BADGE_CLASSES[pair.feasibility],
        components=[(COMPONENT_LABELS[c.name], c.score, c.explanation) for c in pair.components],
        distance_km=row.distance_km,
        person=getattr(row, "person", None),
        offer=getattr(row, "offer", None),
        not_public_yet=getattr(row, "not_public_yet", False),
    )


def _filters_query(request) -> str:
    """The filters of the page, to keep them across pages and after a shortlist change."""
    kept = request.GET.copy()
    kept.pop("page", None)
    return kept.urlencode()


def _shortlisted_people(request, offer) -> list[Person]:
    ids = shortlist(request.session, offer)
    people = Person.objects.followed_by(request.user).in_bulk(ids)
    return [people[i] for i in ids if i in people]


class RankedPage(NamedTuple):
    page: object  # the paginator's page of pairs
    seen: list  # its pairs as the user may see them (sensitive reads logged)
    capped: bool  # the ranking stopped at RANKED: there may be more
    status: int  # 400 when a filter was refused


def _ranked_page(request, form, organization, rank) -> RankedPage:
    """Both rankings read the same way: the filters (none until the form is sent), the
    ranking, one page of it, and that page as the user may see it."""
    valid = form.is_valid() or not form.is_bound
    pairs = []
    if valid:
        pairs = rank(form.filters() if form.is_bound else selectors.Filters())
    page = Paginator(pairs, PAGE_SIZE).get_page(request.GET.get("page"))
    seen = selectors.as_seen(request.user, list(page.object_list), organization, request.path)
    return RankedPage(page, seen, len(pairs) == RANKED, 200 if valid else 400)


# --- candidates for an offer ------------------------------------------------------------


@login_required
@require_GET
def offer_candidates(request, ranked_offer_pk):
    offer, organization = offer_to_rank(request.user, ranked_offer_pk, request.current_organization)
    form = CandidateFilterForm(request.GET or None)
    ranked = _ranked_page(
        request,
        form,
        organization,
        lambda filters: selectors.ranked_candidates(
            request.user, offer, limit=RANKED, filters=filters
        ),
    )
    shortlisted = _shortlisted_people(request, offer)
    return render(
        request,
        "matching/candidates.html",
        {
            "title": f"Candidats possibles : {offer.title}",
            "offer": offer,
            "manages": JobOffer.objects.managed_by(request.user).filter(pk=offer.pk).exists(),
            "form": form,
            "page": ranked.page,
            "rows": [_shown(r) for r in selectors.candidate_rows(ranked.seen, offer)],
            "ranked_all": ranked.capped,
            "ranked_max": RANKED,
            "shortlist": shortlisted,
            "shortlist_ids": {p.pk for p in shortlisted},
            "shortlist_max": services.SHORTLIST_MAX,
            "query": _filters_query(request),
        },
        status=ranked.status,
    )


def _back_to_candidates(offer, query: str):
    # Only the filters travel: the path is ours, whatever was posted.
    kept = QueryDict(query).urlencode()
    url = reverse("offer_candidates", args=[offer.pk])
    return redirect(f"{url}?{kept}" if kept else url)


@login_required
@require_POST
def shortlist_change(request, ranked_offer_pk):
    """Add a person to the offer's shortlist, or take them out. Answers htmx with the
    row's button and the shortlist; a plain form comes back to the page it left."""
    offer, _ = offer_to_rank(request.user, ranked_offer_pk, request.current_organization)
    try:
        person_pk = int(request.POST.get("person", ""))
    except ValueError:
        person_pk = None
    person = (
        Person.objects.followed_by(request.user).filter(pk=person_pk).first() if person_pk else None
    )
    if person is None:
        raise Http404("Personne introuvable.")
    error = ""
    if request.POST.get("action") == "remove":
        shortlist_remove(request.session, offer, person.pk)
    else:
        try:
            shortlist_add(request.session, offer, person.pk)
        except ValidationError as refused:
            error = " ".join(refused.messages)
    if request.htmx:
        shortlisted = _shortlisted_people(request, offer)
        return render(
            request,
            "matching/_shortlist_change.html",
            {
                "offer": offer,
                "person": person,
                "shortlist": shortlisted,
                "shortlist_ids": {p.pk for p in shortlisted},
                "shortlist_max": services.SHORTLIST_MAX,
                "shortlist_error": error,
                "query": request.POST.get("retour", ""),
            },
        )
    if error:
        messages.error(request, error)
    return _back_to_candidates(offer, request.POST.get("retour", ""))


def _comparison(request, offer, organization) -> dict:
    shortlisted = _shortlisted_people(request, offer)
    pairs = selectors.shortlisted_pairs(request.user, offer, [p.pk for p in shortlisted])
    seen = selectors.as_seen(request.user, pairs, organization, request.path)
    columns = [_shown(r) for r in selectors.candidate_rows(seen, offer)]
    ranked = {c.person.pk for c in columns}
    rows = [
        (label, [column.components[i] for column in columns])
        for i, label in enumerate(COMPONENT_LABELS.values())
    ]
    return {
        "title": f"Comparer la sélection : {offer.title}",
        "offer": offer,
        "shortlist": shortlisted,
        "columns": columns,
        "rows": rows if columns else [],
        "unranked": [p for p in shortlisted if p.pk not in ranked],
        "shortlist_max": services.SHORTLIST_MAX,
    }


@login_required
@require_GET
def shortlist_compare(request, ranked_offer_pk):
    offer, organization = offer_to_rank(request.user, ranked_offer_pk, request.current_organization)
    context = _comparison(request, offer, organization)
    context["form"] = ShortlistIntroductionForm()
    return render(request, "matching/compare.html", context)


@login_required
@require_POST
def shortlist_introduce(request, ranked_offer_pk):
    """« Présenter la sélection à l'employeur »: every shortlisted person, or none."""
    offer, organization = offer_to_rank(request.user, ranked_offer_pk, request.current_organization)
    form = ShortlistIntroductionForm(request.POST)
    ids = shortlist(request.session, offer)
    # Those the user no longer follows are named by the service's refusal.
    found = Person.objects.visible_to(request.user).in_bulk(ids)
    people = [found[i] for i in ids if i in found]
    if form.is_valid():
        try:
            made = services.introductions_create_many(
                offer=offer,
                persons=people,
                organization=organization,
                user=request.user,
                comment=form.cleaned_data["comment"],
                confirm_sensitive_words=form.cleaned_data["confirm_sensitive_words"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            shortlist_clear(request.session, offer)
            names = ", ".join(str(i.person) for i in made)
            messages.success(request, f"Présenté·es à {offer.company} : {names}.")
            return redirect("offer_candidates", ranked_offer_pk=offer.pk)
    context = _comparison(request, offer, organization)
    context["form"] = form
    return render(request, "matching/compare.html", context, status=400)


# --- offers for a person ---------------------------------------------------------------


@login_required
@require_GET
def person_offers(request, person_pk):
    person, organization = person_to_rank(request.user, person_pk, request.current_organization)
    form = OfferRankingFilterForm(request.GET or None)
    ranked = _ranked_page(
        request,
        form,
        organization,
        lambda filters: selectors.ranked_offers(
            request.user, person, organization=organization, limit=RANKED, filters=filters
        ),
    )
    return render(
        request,
        "matching/person_offers.html",
        {
            "title": f"Offres qui correspondent à {person}",
            "person": person,
            "form": form,
            "page": ranked.page,
            "rows": [_shown(r) for r in selectors.offer_rows(ranked.seen, person)],
            "ranked_all": ranked.capped,
            "ranked_max": RANKED,
        },
        status=ranked.status,
    )
