"""Employers: the companies the scope's organizations work with, their offers and the
immersions they arranged."""

from django.db.models import Count, Q

from companies.models import ClubMembership, ContactLogEntry
from immersions.enums import Outcome
from immersions.models import Immersion
from indicators.bounds import at_instants, on_dates, spanning, suffixed
from indicators.catalogue import Figure, Indicator, Section, Unit
from offers.enums import OfferState
from offers.models import JobOffer, OfferTransition

E = Section.EMPLOYERS


def indicators() -> list[Indicator]:
    return [
        Indicator(
            "employers.companies_contacted",
            E,
            "Entreprises contactées",
            "Entreprises avec au moins un échange noté au journal pendant la période.",
            Unit.PLAIN,
        ),
        Indicator(
            "employers.contacts",
            E,
            "Échanges avec les entreprises",
            "Échanges notés au journal des contacts pendant la période.",
            Unit.PLAIN,
        ),
        Indicator(
            "employers.club_size",
            E,
            "Entreprises du club",
            "Entreprises membres du club au dernier jour de la période.",
            Unit.PLAIN,
        ),
        Indicator(
            "offers.published",
            E,
            "Offres publiées",
            "Offres portées ou rédigées par l'organisation publiées pendant la période.",
            Unit.PLAIN,
        ),
        Indicator(
            "offers.filled",
            E,
            "Offres pourvues",
            "Offres passées à « pourvue » pendant la période.",
            Unit.PLAIN,
        ),
        Indicator(
            "offers.paused",
            E,
            "Offres mises en pause",
            "Offres mises en pause pendant la période.",
            Unit.PLAIN,
        ),
        Indicator(
            "immersions.started",
            E,
            "Immersions (PMSMP)",
            "Immersions commencées pendant la période.",
            Unit.COUNT,
        ),
        Indicator(
            "immersions.hired",
            E,
            "Immersions suivies d'une embauche",
            "Immersions commencées pendant la période dont le bilan dit « embauche ».",
            Unit.COUNT,
        ),
    ]


def offers_of(scope):
    ids = scope.organization_ids
    return JobOffer.objects.filter(
        Q(organization_id__in=ids) | Q(written_by_organization_id__in=ids)
    ).order_by()


def _each(periods, make) -> dict:
    """{name__index: aggregate} of `make(period)`'s {name: aggregate}, for each period."""
    return {
        suffixed(name, index): aggregate
        for index, period in enumerate(periods)
        for name, aggregate in make(period).items()
    }


def compute(scope, periods) -> list[dict[str, Figure]]:
    """For each period, one query per table: the contact log, the club, the offers
    published, their moves, the immersions."""
    ids = scope.organization_ids
    span = spanning(periods)
    contacts = (
        ContactLogEntry.objects.filter(organization_id__in=ids)
        .filter(on_dates("occurred_on", span))
        .order_by()
        .aggregate(
            **_each(
                periods,
                lambda p: {
                    "companies": Count(
                        "company_id", distinct=True, filter=on_dates("occurred_on", p)
                    ),
                    "contacts": Count("pk", filter=on_dates("occurred_on", p)),
                },
            )
        )
    )
    club = (
        ClubMembership.objects.filter(organization_id__in=ids, since__lte=span.end)
        .order_by()
        .aggregate(
            **_each(
                periods,
                lambda p: {"club": Count("company_id", distinct=True, filter=Q(since__lte=p.end))},
            )
        )
    )
    offers = offers_of(scope)
    published = offers.filter(at_instants("published_at", span)).aggregate(
        **_each(
            periods, lambda p: {"published": Count("pk", filter=at_instants("published_at", p))}
        )
    )
    moves = (
        OfferTransition.objects.filter(
            at_instants("at", span),
            to_state__in=(OfferState.FILLED, OfferState.PAUSED),
            offer__in=offers,
        )
        .order_by()
        .aggregate(
            **_each(
                periods,
                lambda p: {
                    state: Count(
                        "offer_id",
                        distinct=True,
                        filter=at_instants("at", p) & Q(to_state=state),
                    )
                    for state in (OfferState.FILLED, OfferState.PAUSED)
                },
            )
        )
    )
    immersions = (
        Immersion.objects.filter(organization_id__in=ids)
        .filter(on_dates("start_on", span))
        .order_by()
        .aggregate(
            **_each(
                periods,
                lambda p: {
                    "started": Count("pk", filter=on_dates("start_on", p)),
                    "hired": Count("pk", filter=on_dates("start_on", p) & Q(outcome=Outcome.HIRED)),
                },
            )
        )
    )
    results = []
    for i in range(len(periods)):
        results.append(
            {
                "employers.companies_contacted": Figure(contacts[suffixed("companies", i)]),
                "employers.contacts": Figure(contacts[suffixed("contacts", i)]),
                "employers.club_size": Figure(club[suffixed("club", i)]),
                "offers.published": Figure(published[suffixed("published", i)]),
                "offers.filled": Figure(moves[suffixed(OfferState.FILLED, i)]),
                "offers.paused": Figure(moves[suffixed(OfferState.PAUSED, i)]),
                "immersions.started": Figure.count(immersions[suffixed("started", i)]),
                "immersions.hired": Figure.count(immersions[suffixed("hired", i)]),
            }
        )
    return results
