"""Reads of the ROME referential: job title autocomplete."""

from django.db.models import Case, IntegerField, Value, When
from django.db.models.functions import Length

from jobs.models import Appellation
from lib.search import query_words, word_prefix


def appellations_search(query: str, limit: int = 10) -> list[Appellation]:
    """Job titles matching every typed word (as a word start, in any order, accents and
    case ignored: "domicile aide" finds "Aide à domicile").

    Ranking: the exact title, then titles starting with the whole query, then titles
    starting with its first word, then the shortest titles (the most generic ones, "Aide
    à domicile" before "Aide à domicile auprès d'enfants")."""
    tokens = query_words(query)
    if not tokens:
        return []
    appellations = Appellation.objects.select_related("rome")
    for word in tokens:
        appellations = appellations.filter(word_prefix("search_name", word))
    text = " ".join(tokens)
    rank = Case(
        When(search_name=text, then=Value(0)),
        When(search_name__startswith=text, then=Value(1)),
        When(search_name__startswith=tokens[0], then=Value(2)),
        default=Value(3),
        output_field=IntegerField(),
    )
    return list(
        appellations.annotate(rank=rank, length=Length("search_name")).order_by(
            "rank", "length", "name"
        )[:limit]
    )
