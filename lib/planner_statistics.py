"""Finer planner statistics on the columns that scope a structure's pages.

PostgreSQL keeps the frequencies of the 100 most common values of a column. With a
thousand structures, a small one falls outside that list and is estimated at the
average: a structure of eight people is taken for one of a thousand, and the planner
walks an index of the whole platform in the hope of meeting its rows early (a person
list of 8 people read a million names). Keeping up to 10,000 values gives every
structure of a region its own, true frequency; the rest are the smallest, estimated by
their own average. SQLite has no such statistics: nothing to do there."""

TARGET = 10_000


def finer_statistics(*columns: tuple[str, str]):
    """A migration operation's function: `columns` are (table, column) pairs."""

    def apply(apps, schema_editor):
        connection = schema_editor.connection
        if connection.vendor != "postgresql":
            return
        quote = connection.ops.quote_name
        for table, column in columns:
            schema_editor.execute(
                f"ALTER TABLE {quote(table)} ALTER COLUMN {quote(column)} SET STATISTICS {TARGET}"
            )

    return apply
