"""Free-text search of offers: the words of an offer as the search reads them, and the
board's filter and order for a typed text (`jobs.search` reads the text).

An offer's words are kept in two columns written by the services that write offers
(`offer_search_columns`): its heading (title, job title, ROME family) and its whole
text (the heading, the missions, the skills, the published text).
A search finds offers whose whole text has every term; those whose title starts with
them, then whose heading has them as typed, come first."""

from django.db.models import Case, IntegerField, Q, Value, When

from jobs.search import parse
from lib.stemming import indexed


def offer_search_columns(offer) -> dict[str, str]:
    """The search columns of an offer as it stands (its job and company loaded)."""
    appellation = offer.appellation
    heading = (offer.title, appellation.name, appellation.rome.name)
    return {
        "search_head": indexed(*heading),
        "search_body": indexed(*heading, offer.tasks, offer.skills, offer.text),
    }


def index_offer(offer) -> None:
    for field, value in offer_search_columns(offer).items():
        setattr(offer, field, value)


def matching_text(offers, text: str):
    """`offers` that the typed `text` finds, annotated with `relevance`: 0 when the title
    starts with the first word typed and the heading has every word as typed (« cariste »:
    « Cariste » before « Agent de quai cariste »), 1 when the heading has them as typed, 2
    when it has them through a synonym or a typo, 3 when only the rest of the text has
    them. Unchanged when the text has nothing to search for."""
    parsed = parse(text)
    if not parsed:
        return offers
    as_typed = parsed.found_in("search_head", as_typed=True)
    first = parsed.terms[0].typed[0]
    return offers.filter(parsed.found_in("search_body")).annotate(
        relevance=Case(
            When(Q(search_head__startswith=f" {first}") & as_typed, then=Value(0)),
            When(as_typed, then=Value(1)),
            When(parsed.found_in("search_head"), then=Value(2)),
            default=Value(3),
            output_field=IntegerField(),
        )
    )
