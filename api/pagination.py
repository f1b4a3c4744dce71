from django.conf import settings
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
