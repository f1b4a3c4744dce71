"""Trigram indexes (pg_trgm) for the search columns on PostgreSQL: they answer the
`LIKE '% word%'` patterns of `jobs.search` without reading every row. SQLite has no
such index: the same patterns scan the column there, which the sizes it serves allow.

Migration operations, not model indexes: Django would try to build them on SQLite."""

from django.db import migrations


def trigram_index(table: str, column: str, name: str) -> migrations.RunPython:
    def create(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {name} ON {table} USING gin ({column} gin_trgm_ops)"
        )

    def drop(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(f"DROP INDEX IF EXISTS {name}")

    return migrations.RunPython(create, drop, elidable=False)
