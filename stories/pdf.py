"""A story as a printable page (A4), sober as the site: the Republic's block and the
platform's name in the header, the title, the facts in a small table, the text, and the
line that says the first name was changed and the person agreed. The standard fonts
and `retention.pdf.printable` as for the other PDF of the platform (WinAnsi: French
accents and quotes in, anything else replaced, never an error)."""

from io import BytesIO

from django.http import HttpResponse
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.lib.units import cm
from reportlab.platypus import HRFlowable, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from retention.pdf import printable
from stories.enums import StoryState

BLUE_FRANCE = colors.HexColor("#000091")
GREY = colors.HexColor("#666666")


def _styles():
    base = getSampleStyleSheet()
    return {
        "marianne": ParagraphStyle(
            "marianne", parent=base["BodyText"], fontName="Helvetica-Bold", fontSize=9, leading=11
        ),
        "brand": ParagraphStyle(
            "brand", parent=base["BodyText"], fontName="Helvetica-Bold", fontSize=12
        ),
        "title": ParagraphStyle(
            "title",
            parent=base["Title"],
            alignment=0,
            fontSize=20,
            leading=25,
            textColor=colors.HexColor("#161616"),
        ),
        "lead": ParagraphStyle("lead", parent=base["BodyText"], fontSize=12, leading=17),
        "body": ParagraphStyle("body", parent=base["BodyText"], fontSize=11, leading=16),
        "label": ParagraphStyle(
            "label", parent=base["BodyText"], fontName="Helvetica-Bold", fontSize=10
        ),
        "note": ParagraphStyle(
            "note", parent=base["BodyText"], fontSize=8.5, leading=11, textColor=GREY
        ),
        "draft": ParagraphStyle(
            "draft",
            parent=base["BodyText"],
            fontName="Helvetica-Bold",
            textColor=colors.HexColor("#b34000"),
        ),
    }


def _facts(story, styles) -> Table:
    rows = [
        ("Métier", story.job),
        ("Secteur", story.sector),
        ("Contrat", story.get_contract_type_display() if story.contract_type else ""),
        ("Aujourd'hui", story.outcome),
    ]
    table = Table(
        [
            [
                Paragraph(printable(label), styles["label"]),
                Paragraph(printable(value), styles["body"]),
            ]
            for label, value in rows
            if value
        ],
        colWidths=[4 * cm, 12.5 * cm],
    )
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("BACKGROUND", (0, 0), (-1, -1), colors.HexColor("#f6f6f6")),
                ("LINEBEFORE", (0, 0), (0, -1), 3, BLUE_FRANCE),
                ("TOPPADDING", (0, 0), (-1, -1), 4),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
            ]
        )
    )
    return table


def story_pdf(story) -> bytes:
    styles = _styles()
    flow = [
        Paragraph("RÉPUBLIQUE<br/>FRANÇAISE", styles["marianne"]),
        Spacer(1, 0.2 * cm),
        Paragraph("Parcours — Belles histoires", styles["brand"]),
        HRFlowable(width="100%", thickness=1.5, color=BLUE_FRANCE, spaceBefore=4, spaceAfter=14),
    ]
    if story.state != StoryState.PUBLISHED:
        flow.append(
            Paragraph(
                printable(f"{story.get_state_display()} — document de travail, à ne pas diffuser."),
                styles["draft"],
            )
        )
    flow += [
        Paragraph(printable(story.title), styles["title"]),
        Paragraph(printable(f"L'histoire {story.of_first_name}"), styles["lead"]),
        Spacer(1, 0.3 * cm),
        _facts(story, styles),
        Spacer(1, 0.5 * cm),
    ]
    flow += [Paragraph(printable(part), styles["body"]) for part in story.text.split("\n\n")]
    flow += [
        Spacer(1, 0.8 * cm),
        HRFlowable(width="100%", thickness=0.5, color=GREY, spaceAfter=4),
        Paragraph(
            printable(
                f"Le prénom a été changé. Histoire racontée par {story.organization.name}, "
                "avec l'accord de la personne, qui peut le retirer à tout moment."
            ),
            styles["note"],
        ),
    ]
    buffer = BytesIO()
    SimpleDocTemplate(
        buffer,
        pagesize=A4,
        title=story.title,
        author="Parcours",
        leftMargin=2 * cm,
        rightMargin=2 * cm,
        topMargin=1.5 * cm,
        bottomMargin=1.5 * cm,
    ).build(flow)
    return buffer.getvalue()


def pdf_response(story) -> HttpResponse:
    """The PDF, shown in the browser (to print), named by the story's address."""
    response = HttpResponse(story_pdf(story), content_type="application/pdf")
    name = story.slug or f"histoire-{story.pk}"
    response["Content-Disposition"] = f'inline; filename="belle-histoire-{name}.pdf"'
    return response
