"""The two file formats, written row by row as the rows are read: memory stays flat
whatever the number of rows.

- CSV: UTF-8 with a byte order mark and `;` between cells, which Excel in French opens
  as columns with its accents right (a `,` file opens as one column there).
- XLSX: xlsxwriter in `constant_memory` mode when written to a file (each row goes to
  disk once the next starts); dates are dates, with the French format.

A text cell that starts like a formula (=, +, -, @) is written as text: in a CSV it gets
a leading apostrophe, which Excel hides, so opening an export never runs what someone
typed into a name or a note."""

import csv
import io
from collections.abc import Callable, Iterable, Iterator

import xlsxwriter

from exports.columns import Column, Kind, as_text

BOM = "\ufeff"
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# How often the progress is told (rows).
PROGRESS_EVERY = 2_000

Progress = Callable[[int], None] | None


def _safe(value: str) -> str:
    return "'" + value if value.startswith(FORMULA_STARTS) else value


def _csv_cells(columns: list[Column], row) -> list[str]:
    cells = []
    for column in columns:
        cell = as_text(column.read(row), column.kind)
        cells.append(_safe(cell) if column.kind == Kind.TEXT else cell)
    return cells


class _Line:
    """Where `csv.writer` writes one line, handed back as a string."""

    def write(self, value: str) -> str:
        return value


def csv_lines(columns: list[Column], rows: Iterable, progress: Progress = None) -> Iterator[str]:
    """The CSV, a line at a time (for a streaming response or a file)."""
    writer = csv.writer(_Line(), delimiter=";")
    yield BOM + writer.writerow([c.header for c in columns])
    done = 0
    for row in rows:
        yield writer.writerow(_csv_cells(columns, row))
        done += 1
        if progress and done % PROGRESS_EVERY == 0:
            progress(done)
    if progress:
        progress(done)


def write_csv(target, columns: list[Column], rows: Iterable, progress: Progress = None) -> int:
    """Write the CSV to a binary file object; the number of rows written."""
    done = 0

    def counted(n):
        nonlocal done
        done = n
        if progress:
            progress(n)

    for line in csv_lines(columns, rows, counted):
        target.write(line.encode("utf-8"))
    return done


def write_xlsx(
    target, columns: list[Column], rows: Iterable, progress: Progress = None, *, title: str = ""
) -> int:
    """Write the workbook to `target`: a file path (constant memory) or a BytesIO (small
    exports, in memory). The number of rows written."""
    in_memory = isinstance(target, io.BytesIO)
    workbook = xlsxwriter.Workbook(
        target,
        {"constant_memory": not in_memory, "in_memory": in_memory, "strings_to_formulas": False},
    )
    try:
        sheet = workbook.add_worksheet((title or "Export")[:31])
        bold = workbook.add_format({"bold": True})
        formats = {
            Kind.DATE: workbook.add_format({"num_format": "dd/mm/yyyy"}),
            Kind.DATETIME: workbook.add_format({"num_format": "dd/mm/yyyy hh:mm"}),
        }
        for index, column in enumerate(columns):
            sheet.write_string(0, index, column.header, bold)
            sheet.set_column(index, index, 12 if column.kind in formats else 22)
        sheet.freeze_panes(1, 0)
        done = 0
        for done, row in enumerate(rows, start=1):
            for index, column in enumerate(columns):
                value = column.read(row)
                if value is None:
                    continue
                if column.kind in formats:
                    sheet.write_datetime(done, index, value, formats[column.kind])
                elif column.kind == Kind.NUMBER:
                    sheet.write_number(done, index, value)
                else:
                    sheet.write_string(done, index, value)
            if progress and done % PROGRESS_EVERY == 0:
                progress(done)
        if progress:
            progress(done)
    finally:
        workbook.close()
    return done
