"""A report as a file: a printable PDF (A4, sober as the site, the standard fonts as the
other PDFs of the platform) and an XLSX workbook. Both write each figure as the page
writes it (`Row.shown`), so « moins de 5 » and « pas encore de données » read the same
everywhere; the XLSX also gives the numbers as numbers beside them, for those who add
up."""

import io

import xlsxwriter
from django.utils import timezone
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.lib.units import cm
from reportlab.platypus import HRFlowable, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from indicators.catalogue import Unit
from indicators.suppression import FEWER_THAN, NO_DATA
from reports.catalogue import Report, ReportBlock
from retention.pdf import printable

BLUE_FRANCE = colors.HexColor("#000091")
GREY = colors.HexColor("#666666")
PDF = "pdf"
XLSX = "xlsx"
FORMATS = (PDF, XLSX)
CONTENT_TYPES = {
    PDF: "application/pdf",
    XLSX: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def notes(report: Report) -> list[str]:
    """What the reader must know to read the figures, as the page says it."""
    said = [f"Un chiffre sans rien pour le calculer s'écrit « {NO_DATA} », jamais zéro."]
    if report.scope.across_organizations:
        said.insert(
            0,
            "Ces chiffres additionnent les organisations du territoire et ne nomment "
            f"personne : un chiffre qui porte sur moins de 5 personnes s'écrit « {FEWER_THAN} ».",
        )
    return said


def heading(report: Report) -> list[tuple[str, str]]:
    return [
        ("Destinataire", report.template.audience),
        ("Périmètre", report.scope.label),
        ("Période", report.period.label),
        ("Période précédente", report.previous.label),
        ("Édité le", f"{timezone.localdate():%d/%m/%Y}"),
    ]


def _text(value) -> str:
    # The thousands separator of the page (a narrow no-break space) is not in the
    # standard fonts: the PDF writes a no-break space.
    return printable(str(value).replace("\u202f", "\xa0"))


def _styles():
    base = getSampleStyleSheet()
    body = base["BodyText"]
    return {
        "marianne": ParagraphStyle(
            "marianne", parent=body, fontName="Helvetica-Bold", fontSize=9, leading=11
        ),
        "brand": ParagraphStyle("brand", parent=body, fontName="Helvetica-Bold", fontSize=12),
        "title": ParagraphStyle(
            "title", parent=base["Title"], alignment=0, fontSize=18, leading=23
        ),
        "h2": ParagraphStyle("h2", parent=base["Heading2"], fontSize=13, spaceBefore=10),
        "body": ParagraphStyle("body", parent=body, fontSize=10, leading=13),
        "cell": ParagraphStyle("cell", parent=body, fontSize=9, leading=11),
        "head": ParagraphStyle(
            "head", parent=body, fontName="Helvetica-Bold", fontSize=9, leading=11
        ),
        "note": ParagraphStyle("note", parent=body, fontSize=8, leading=10, textColor=GREY),
    }


def _figures_table(block: ReportBlock, styles) -> Table:
    head = ("Indicateur", "Période", "Période précédente")
    data = [[Paragraph(_text(title), styles["head"]) for title in head]]
    for row in block.rows:
        data.append(
            [
                Paragraph(_text(value), styles["cell"])
                for value in (row.label, row.shown, row.previous_shown)
            ]
        )
    table = Table(data, colWidths=[9.5 * cm, 3.5 * cm, 3.5 * cm], repeatRows=1)
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e3e3fd")),
                ("LINEBELOW", (0, 0), (-1, -1), 0.25, colors.HexColor("#dddddd")),
                ("TOPPADDING", (0, 0), (-1, -1), 3),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
            ]
        )
    )
    return table


def _definitions(block: ReportBlock) -> list[str]:
    return list(dict.fromkeys(row.definition for row in block.rows))


def report_pdf(report: Report) -> bytes:
    styles = _styles()
    flow = [
        Paragraph("RÉPUBLIQUE<br/>FRANÇAISE", styles["marianne"]),
        Spacer(1, 0.2 * cm),
        Paragraph("Parcours — Résultats", styles["brand"]),
        HRFlowable(width="100%", thickness=1.5, color=BLUE_FRANCE, spaceBefore=4, spaceAfter=12),
        Paragraph(_text(report.template.title), styles["title"]),
    ]
    for label, value in heading(report):
        flow.append(Paragraph(f"<b>{_text(label)}</b> : {_text(value)}", styles["body"]))
    flow += [Spacer(1, 0.2 * cm), Paragraph(_text(report.template.purpose), styles["body"])]
    for block in report.blocks:
        flow += [Paragraph(_text(block.title), styles["h2"]), _figures_table(block, styles)]
        flow += [Paragraph(_text(text), styles["note"]) for text in _definitions(block)]
    flow += [Spacer(1, 0.5 * cm), HRFlowable(width="100%", thickness=0.5, color=GREY)]
    flow += [Paragraph(_text(text), styles["note"]) for text in notes(report)]
    buffer = io.BytesIO()
    SimpleDocTemplate(
        buffer,
        pagesize=A4,
        title=f"{report.template.title} — {report.scope.label}",
        author="Parcours",
        leftMargin=2 * cm,
        rightMargin=2 * cm,
        topMargin=1.5 * cm,
        bottomMargin=1.5 * cm,
    ).build(flow)
    return buffer.getvalue()


def _number(value, unit: Unit):
    """The value as a spreadsheet number (a rate as a fraction, formatted as a percent)."""
    if value is None:
        return None
    return float(value) if unit in (Unit.RATE, Unit.DAYS) else int(value)


def report_xlsx(report: Report) -> bytes:
    """One sheet: the heading lines, then each block's table (code, indicator, the
    period's and the previous period's figure as the page writes them, the same as
    numbers, the unit, the definition), then the notes."""
    buffer = io.BytesIO()
    # strings_to_formulas off: a label is never run as a formula.
    workbook = xlsxwriter.Workbook(buffer, {"in_memory": True, "strings_to_formulas": False})
    try:
        sheet = workbook.add_worksheet("Rapport")
        bold = workbook.add_format({"bold": True})
        title = workbook.add_format({"bold": True, "font_size": 14})
        percent = workbook.add_format({"num_format": "0%"})
        sheet.set_column(0, 0, 30)
        sheet.set_column(1, 1, 45)
        sheet.set_column(2, 5, 18)
        sheet.set_column(6, 6, 60)
        sheet.write_string(0, 0, report.template.title, title)
        line = 1
        for label, value in heading(report):
            sheet.write_string(line, 0, label, bold)
            sheet.write_string(line, 1, value)
            line += 1
        headers = (
            "code",
            "indicateur",
            f"période {report.period.label}",
            f"période {report.previous.label}",
            "valeur (nombre)",
            "valeur précédente (nombre)",
            "définition",
        )
        for block in report.blocks:
            line += 1
            sheet.write_string(line, 0, block.title, bold)
            line += 1
            for index, header in enumerate(headers):
                sheet.write_string(line, index, header, bold)
            for row in block.rows:
                line += 1
                for index, text in enumerate((row.code, row.label, row.shown, row.previous_shown)):
                    sheet.write_string(line, index, text)
                number_format = percent if row.unit == Unit.RATE else None
                for index, value in ((4, row.value), (5, row.previous_value)):
                    number = _number(value, row.unit)
                    if number is not None:
                        sheet.write_number(line, index, number, number_format)
                sheet.write_string(line, 6, row.definition)
        line += 1
        for text in notes(report):
            line += 1
            sheet.write_string(line, 0, text)
    finally:
        workbook.close()
    return buffer.getvalue()


def written(report: Report, file_format: str) -> bytes:
    return report_pdf(report) if file_format == PDF else report_xlsx(report)
