"""Reads of the administrative geography: commune autocomplete and radius search."""

from dataclasses import dataclass

from django.db.models import Case, IntegerField, Q, Value, When

from lib.geo import bounding_box, haversine_km
from lib.search import query_words, word_prefix
from territories.models import Commune

# What people type for the most common words of commune names.
_ABBREVIATIONS = {"st": "saint", "ste": "sainte"}


def communes_search(query: str, limit: int = 10) -> list[Commune]:
    """Communes whose name or postal code starts with what was typed.

    Words match word starts of the name in any order, accents and case ignored ("trelaze",
    "Trélazé", "st barthelemy d anjou"); numbers match the start of a postal code ("49",
    "49800") or an exact INSEE code, and can be mixed with words ("trelaze 49"); "st" and
    "ste" also stand for "saint" and "sainte". Exact names come first, then names starting
    with the query, then the most populated."""
    tokens = query_words(query)
    if not tokens:
        return []
    name_words = [token for token in tokens if not token.isdigit()]
    numbers = [token for token in tokens if token.isdigit()]
    communes = Commune.objects.select_related("department")
    for word in name_words:
        matches = word_prefix("search_name", word)
        if word in _ABBREVIATIONS:
            matches |= word_prefix("search_name", _ABBREVIATIONS[word])
        communes = communes.filter(matches)
    for number in numbers:
        communes = communes.filter(_post_code_prefix(number) | Q(code=number))
    text = " ".join(_ABBREVIATIONS.get(word, word) for word in name_words)
    if text:
        rank = Case(
            When(search_name=text, then=Value(0)),
            When(search_name__startswith=text, then=Value(1)),
            default=Value(2),
            output_field=IntegerField(),
        )
    else:
        rank = Case(
            When(Q(code=numbers[0]) | _post_code_exact(numbers[0]), then=Value(0)),
            default=Value(1),
            output_field=IntegerField(),
        )
    return list(communes.annotate(rank=rank).order_by("rank", "-population", "name")[:limit])


def _post_code_prefix(number: str) -> Q:
    # post_codes is "49800|49000": a code starts the string or follows a "|".
    return Q(post_codes__startswith=number) | Q(post_codes__contains=f"|{number}")


def _post_code_exact(number: str) -> Q:
    return (
        Q(post_codes=number)
        | Q(post_codes__startswith=f"{number}|")
        | Q(post_codes__endswith=f"|{number}")
        | Q(post_codes__contains=f"|{number}|")
    )


def distance_km(commune_a: Commune, commune_b: Commune) -> float | None:
    """Great-circle distance between the centres, or None if one has no coordinates."""
    if None in (commune_a.latitude, commune_a.longitude, commune_b.latitude, commune_b.longitude):
        return None
    return haversine_km(
        commune_a.latitude, commune_a.longitude, commune_b.latitude, commune_b.longitude
    )


@dataclass(frozen=True)
class NearbyCommune:
    commune: Commune
    distance_km: float


def communes_within(commune: Commune, radius_km: float) -> list[NearbyCommune]:
    """The other communes whose centre is within `radius_km` of this one's, nearest first.

    The bounding box narrows the rows on the (latitude, longitude) index; the exact
    haversine distance then drops the box's corners."""
    if commune.latitude is None or commune.longitude is None:
        return []
    box = bounding_box(commune.latitude, commune.longitude, radius_km)
    in_longitudes = Q()
    for low, high in box.longitude_ranges:
        in_longitudes |= Q(longitude__gte=low, longitude__lte=high)
    candidates = (
        Commune.objects.filter(latitude__gte=box.min_latitude, latitude__lte=box.max_latitude)
        .filter(in_longitudes)
        .exclude(pk=commune.pk)
        .select_related("department")
    )
    nearby = []
    for candidate in candidates:
        distance = distance_km(commune, candidate)
        if distance is not None and distance <= radius_km:
            nearby.append(NearbyCommune(candidate, distance))
    nearby.sort(key=lambda item: (item.distance_km, item.commune.name, item.commune.code))
    return nearby
