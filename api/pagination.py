from django.conf import settings
from django.core.paginator import Paginator
from ninja import Field, Schema
from ninja.pagination import PaginationBase

# Far beyond any list of the platform; a bigger page number is a client's mistake.
MAX_PAGE = 100_000


class PageNumber(PaginationBase):
    """`?page=N` pages of API_PAGE_SIZE items, with the total count so a client knows
    when to stop."""

    class Input(Schema):
        page: int = Field(1, ge=1, le=MAX_PAGE, description="Numéro de page, à partir de 1")

    class Output(Schema):
        count: int
        page: int
        pages: int
        items: list

    items_attribute = "items"

    def paginate_queryset(self, queryset, pagination: Input, **params):
        size = settings.API_PAGE_SIZE
        count = queryset.count()
        offset = (pagination.page - 1) * size
        return {
            "count": count,
            "page": pagination.page,
            "pages": max(1, -(-count // size)),
            # Past the end, no query: the database need not handle a huge offset.
            "items": list(queryset[offset : offset + size]) if offset < count else [],
        }


def page_of_cards(rows, page: int, card) -> dict:
    """A page of `rows` in PageNumber's shape, each row turned into the dict `card`
    builds: for the answers written field by field (an employer's view of a person), that
    the paginator cannot take as they are."""
    found = Paginator(rows, settings.API_PAGE_SIZE)
    current = found.get_page(page)
    return {
        "count": found.count,
        "page": current.number,
        "pages": found.num_pages,
        "items": [card(row) for row in current],
    }
