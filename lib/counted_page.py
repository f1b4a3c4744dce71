"""One page of a queryset and its total from a single query.

Django's Paginator asks the database twice: `COUNT(*)` over the whole filter, then the
page. On a large structure each of those walks the same join, so a list with a count
costs two passes. Here the page's rows carry the total as a window, `COUNT(*) OVER ()`,
computed by the database during the one pass that sorts and cuts the page (SQLite ≥ 3.25
and PostgreSQL both have it). Only a page past the end (an old link, a list that shrank)
needs a second query, to find the last page."""

from django.core.paginator import Page, Paginator
from django.db.models import Count, Window

TOTAL = "counted_page_total"


class CountedPaginator(Paginator):
    """A Paginator told its total, counted some cheaper way than `COUNT(*)` over the
    queryset (`persons.selectors.persons_list_count`)."""

    def __init__(self, queryset, per_page: int, total: int):
        super().__init__(queryset, per_page)
        self.__dict__["count"] = total  # `count` is a cached_property: no COUNT query


def counted_page(
    queryset, number, per_page: int, *, by_ids: bool = False, id_field: str = "pk", rows_of=None
):
    """The page `number` (as typed in the URL: a bad value gives the first page, one past
    the end gives the last), as `Paginator.get_page` would, whose `paginator.count` came
    with the rows.

    `by_ids`: the pass that sorts and counts every row reads only their ids and the
    columns of the filter and the order, which indexes can give alone; the page's 25
    rows are read afterwards by id, in a second query. For a section where thousands of
    rows are sorted to show 25 (a large structure's people without contact: 240 to 70 ms
    at 1,000,000 people).

    `id_field`, `rows_of`: with `by_ids`, the page's rows are not the queryset's own but
    what `rows_of(ids)` gives (a dict by id) for the values of its column `id_field`
    (the persons of access ledger rows, sorted and counted there, shown by their
    pathways)."""
    try:
        number = int(number or 1)
    except (TypeError, ValueError):
        number = 1
    number = max(number, 1)
    # COUNT(*), not of a column: an index that holds the filter and the order suffices.
    windowed = queryset.annotate(**{TOTAL: Window(expression=Count("*"))})
    offset = (number - 1) * per_page
    if by_ids:
        found = list(windowed.values_list(id_field, TOTAL)[offset : offset + per_page])
        keys = [value for value, _ in found]
        by_key = rows_of(keys) if rows_of else queryset.order_by().in_bulk(keys)
        # A row gone between the two queries (a pathway just closed) is left out.
        rows = [by_key[value] for value in keys if value in by_key]
        total = found[0][1] if found else None
    else:
        rows = list(windowed[offset : offset + per_page])
        total = getattr(rows[0], TOTAL) if rows else None
    if total is None and number > 1:  # past the end: the last page, as get_page gives
        if not by_ids:
            return Paginator(queryset, per_page).get_page(number)
        last = Paginator(queryset, per_page).num_pages
        if last < number:
            return counted_page(
                queryset, last, per_page, by_ids=True, id_field=id_field, rows_of=rows_of
            )
    return Page(rows, number, CountedPaginator(queryset, per_page, total or 0))
