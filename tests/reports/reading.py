"""Reading a report back as its reader would: the PDF's text (pypdf), the XLSX's cells
(openpyxl), with every run of spaces (a line wrapped in a cell, the no-break space of
thousands) read as one space."""

import re
from io import BytesIO

from openpyxl import load_workbook
from pypdf import PdfReader


def plain(text: str) -> str:
    return " ".join(text.split())


def pdf_text(content: bytes) -> str:
    return plain(" ".join(page.extract_text() for page in PdfReader(BytesIO(content)).pages))


def xlsx_rows(content: bytes) -> list[tuple]:
    sheet = load_workbook(BytesIO(content), read_only=True).active
    return list(sheet.iter_rows(values_only=True))


def xlsx_figures(content: bytes) -> dict[str, tuple[str, str]]:
    """code → (the period's figure, the previous period's) as the sheet writes them."""
    return {
        row[0]: (row[2], row[3])
        for row in xlsx_rows(content)
        if row and isinstance(row[0], str) and re.fullmatch(r"[a-z_]+\.[\w.-]+", row[0])
    }
