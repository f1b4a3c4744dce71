"""Rows straight into a table, for the benchmarks' populations of millions: `COPY` on
PostgreSQL, one `executemany` on SQLite, the table's indexes kept. The ORM's
`bulk_create` builds a model instance per row and costs minutes at this scale.

The caller gives the columns that vary, row by row, with ids it chose (so that it can
refer to them without reading them back); every other column takes the model's default,
computed once. Datetimes are given naive, in UTC, as Django stores them."""

from collections.abc import Iterable

from django.core.management.color import no_style
from django.db import connection, models


def next_id(model: type[models.Model]) -> int:
    """The first id after those in the table: ids the caller can hand out itself."""
    last = model.objects.order_by("-pk").values_list("pk", flat=True).first()
    return (last or 0) + 1


def insert(model: type[models.Model], columns: list[str], rows: Iterable[tuple]) -> int:
    """Insert `rows` (tuples of `columns`' values, the id first) into `model`'s table; the
    other columns take their default. Returns the number of rows."""
    fields = {field.attname: field for field in model._meta.concrete_fields}
    unknown = [column for column in columns if column not in fields]
    if unknown:
        raise ValueError(f"{model.__name__} has no column {', '.join(unknown)}")
    template = model()
    rest = [name for name in fields if name not in columns]
    defaults = tuple(
        fields[name].get_db_prep_save(fields[name].pre_save(template, add=True), connection)
        for name in rest
    )
    names = [fields[name].column for name in (*columns, *rest)]
    table = connection.ops.quote_name(model._meta.db_table)
    quoted = ", ".join(connection.ops.quote_name(name) for name in names)
    count = 0

    def full_rows():
        nonlocal count
        for row in rows:
            count += 1
            yield row + defaults

    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {table} ({quoted}) FROM STDIN") as copy:
                for row in full_rows():
                    copy.write_row(row)
        else:
            marks = ", ".join(["%s"] * len(names))
            cursor.cursor.executemany(
                f"INSERT INTO {table} ({quoted}) VALUES ({marks})", full_rows()
            )
    return count


def reset_sequences(*model_classes: type[models.Model]) -> None:
    """After ids chosen by hand, PostgreSQL's sequences must be moved past them (SQLite's
    AUTOINCREMENT follows by itself)."""
    statements = connection.ops.sequence_reset_sql(no_style(), list(model_classes))
    with connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)
