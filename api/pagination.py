from django.conf import settings
from ninja import Field, Schema
from ninja.pagination import PaginationBase


class PageNumber(PaginationBase):
    """`?page=N` pages of API_PAGE_SIZE items, with the total count so a client knows
    when to stop."""

    class Input(Schema):
        page: int = Field(1, ge=1, description="Numéro de page, à partir de 1")

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
            "items": list(queryset[offset : offset + size]),
        }
