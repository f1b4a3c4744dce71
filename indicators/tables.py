"""The rows of `indicator_table` grouped as the dashboard shows them: for each section,
its table of headline figures, then one table per breakdown (by channel, by theme…),
each drawn as a chart beside its table. The CSV of a table is the same rows."""

import csv
import io
from dataclasses import dataclass

from django.utils.text import slugify

from indicators.selectors import Row


@dataclass
class Table:
    slug: str
    title: str
    section: str
    rows: list[Row]
    chart: bool  # a breakdown: drawn as bars, this period beside the one before

    @property
    def drawable(self) -> bool:
        """A chart only when every bar is a number: a hidden or missing figure drawn as a
        bar would read as zero."""
        return self.chart and all(
            row.value is not None and row.previous_value is not None for row in self.rows
        )

    def chart_axes(self) -> tuple[list, list]:
        labels = [row.label for row in self.rows]
        scale = 100 if self.rows and self.rows[0].unit == "%" else 1
        values = [
            [round(scale * (row.value or 0), 1) for row in self.rows],
            [round(scale * (row.previous_value or 0), 1) for row in self.rows],
        ]
        return [labels], values


def tables_of(rows: list[Row]) -> list[Table]:
    tables: dict[str, Table] = {}
    for row in rows:
        title = row.breakdown or row.section.value
        slug = slugify(title)
        if slug not in tables:
            tables[slug] = Table(slug, title, row.section.value, [], bool(row.breakdown))
        tables[slug].rows.append(row)
    return list(tables.values())


def table_csv(table: Table, *, period_label: str, previous_label: str) -> str:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";")
    writer.writerow(
        ["code", "indicateur", f"période {period_label}", f"période {previous_label}", "unité"]
    )
    for row in table.rows:
        writer.writerow([row.code, row.label, row.shown, row.previous_shown, row.unit.value])
    return out.getvalue()
