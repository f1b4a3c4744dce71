"""The subject access export as a readable PDF: one heading per kind of data, one small
table per row. Helvetica, one of the PDF standard fonts, in WinAnsi (cp1252) encoding:
French accents, « », œ and ’ are in it; anything outside is replaced, never an error."""

import re
from io import BytesIO
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.lib.units import cm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

ISO_DATETIME = re.compile(
    r"^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?$"
)
ISO_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")


def readable_date(value):
    """The export's ISO dates (kept as such in the JSON) as a person reads them:
    « 30/11/2026 à 16 h 24 », « 30/11/2026 ». Anything else is returned as is."""
    if not isinstance(value, str):
        return value
    if match := ISO_DATETIME.match(value):
        year, month, day, hour, minute = match.groups()
        return f"{day}/{month}/{year} à {int(hour)} h {minute}"
    if match := ISO_DATE.match(value):
        year, month, day = match.groups()
        return f"{day}/{month}/{year}"
    return value


def printable(value) -> str:
    """Text the standard fonts can draw: what cp1252 lacks becomes « ? »."""
    value = readable_date(value)
    if value is None or value == "":
        return "—"
    if value is True:
        return "oui"
    if value is False:
        return "non"
    if isinstance(value, list):
        value = ", ".join(str(readable_date(v)) for v in value) or "—"
    text = str(value).encode("cp1252", errors="replace").decode("cp1252")
    return escape(text).replace("\n", "<br/>")


def _table(row: dict, labels: dict, styles) -> Table:
    cells = [
        [
            Paragraph(printable(labels.get(name, name)), styles["label"]),
            Paragraph(printable(value), styles["BodyText"]),
        ]
        for name, value in row.items()
    ]
    table = Table(cells, colWidths=[5 * cm, 12 * cm])
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LINEBELOW", (0, -1), (-1, -1), 0.5, colors.grey),
            ]
        )
    )
    return table


def subject_access_pdf(data: dict, *, person_label: str) -> bytes:
    styles = getSampleStyleSheet()
    styles.add(styles["BodyText"].clone("label", fontName="Helvetica-Bold"))
    story = [
        Paragraph(printable(f"Données détenues sur {person_label}"), styles["Title"]),
        Paragraph(
            printable(
                f"Dossier n° {data['person_id']}, export du {readable_date(data['exported_at'])} "
                "(droit d’accès, article 15 du RGPD)."
            ),
            styles["BodyText"],
        ),
    ]
    for section in data["sections"]:
        story.append(Paragraph(printable(section["title"]), styles["Heading2"]))
        if not section["rows"]:
            story.append(Paragraph("Aucune donnée.", styles["BodyText"]))
        for row in section["rows"]:
            story += [_table(row, section["labels"], styles), Spacer(1, 0.3 * cm)]
    withheld = data["withheld"]
    story += [
        Paragraph("Non exporté ici", styles["Heading2"]),
        Paragraph(
            printable(
                f"Notes privées d’autres organisations : "
                f"{withheld['private_notes_of_other_organizations']} ; événements privés "
                f"d’autres organisations : {withheld['private_events_of_other_organizations']}."
                " Chacune de ces organisations répond pour ses propres notes."
            ),
            styles["BodyText"],
        ),
    ]
    buffer = BytesIO()
    SimpleDocTemplate(
        buffer, pagesize=A4, title="Export des données personnelles", author="Parcours"
    ).build(story)
    return buffer.getvalue()
