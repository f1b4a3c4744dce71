"""The reports funders and councils ask for, each a chosen subset of the rows of
« Résultats » for a scope and a period. Their numbers are the dashboard's numbers: a
report picks rows of `indicators.selectors.indicator_table` and never counts anything
itself, so « moins de 5 » and « pas encore de données » read as on the page.

    report = report_of(REPORTS["conseil"], scope, period)
    for block in report.blocks: block.title, block.rows

The files (PDF, XLSX) are written by `reports.files`."""

from dataclasses import dataclass, field
from datetime import date

from indicators.periods import Period
from indicators.scopes import Scope
from indicators.selectors import Row, indicator_table
from pathways.enums import ExitCategory
from persons.enums import ContractType


@dataclass(frozen=True)
class Block:
    """One table of a report. `codes` are indicator codes; one ending with « . » takes
    every indicator whose code starts with it, in the page's order (a breakdown whose
    parts come from the reference data, such as barrier themes)."""

    title: str
    codes: tuple[str, ...]


@dataclass(frozen=True)
class ReportTemplate:
    code: str
    title: str
    audience: str
    purpose: str
    blocks: tuple[Block, ...]


def _each(prefix: str, values) -> tuple[str, ...]:
    return tuple(f"{prefix}{value}" for value in values)


PLACEMENTS = "Placements par type de contrat"

COUNCIL = ReportTemplate(
    "conseil",
    "Rapport au conseil municipal ou communautaire",
    "Conseil municipal ou communautaire",
    "Les embauches des personnes accompagnées, par type de contrat, et l'activité du club "
    "d'entreprises sur la période (un trimestre, le plus souvent).",
    (
        Block(PLACEMENTS, ("placements.total", *_each("placements.", ContractType.values))),
        Block(
            "De la mise en relation à l'embauche",
            ("funnel.introductions", "funnel.interviews", "funnel.hires"),
        ),
        Block(
            "L'activité du club d'entreprises",
            (
                "employers.companies_contacted",
                "employers.contacts",
                "employers.club_size",
                "offers.published",
                "offers.filled",
                "immersions.started",
                "immersions.hired",
            ),
        ),
    ),
)

ANNUAL = ReportTemplate(
    "activite-annuelle",
    "Rapport d'activité annuel",
    "Financeurs (communauté de communes, département, région)",
    "Les personnes reçues, leurs parcours et leurs sorties, les freins levés et les "
    "partenaires mobilisés sur la période (une année, le plus souvent).",
    (
        Block("Personnes reçues", ("people.accompanied", "people.new", "people.active")),
        Block("Nouvelles personnes par canal d'entrée", ("people.channel.",)),
        Block("Parcours", ("people.kind.", "people.state.")),
        Block(
            "Sorties",
            ("exits.total", *_each("exits.", ExitCategory.values), "exits.dynamic_rate"),
        ),
        Block(
            "Freins levés",
            (
                "barriers.identified",
                "barriers.lifted",
                "barriers.median_days_to_lift",
                "barriers.lifted.",
            ),
        ),
        Block(
            "Partenaires mobilisés",
            (
                "referrals.received",
                "barriers.service_referrals_sent",
                "barriers.service_referrals_done",
                "employers.companies_contacted",
            ),
        ),
    ),
)

DYNAMIC_EXITS = ReportTemplate(
    "sorties-dynamiques",
    "Taux de sortie dynamique",
    "Financeurs de l'insertion par l'activité économique",
    "Le taux de sorties dynamiques d'une structure d'insertion par l'activité économique "
    "et ses composantes : sorties en emploi durable, en emploi de transition et positives, "
    "rapportées aux sorties comptabilisées ; puis le maintien dans l'emploi.",
    (
        Block("Taux de sorties dynamiques", ("exits.dynamic_rate",)),
        Block("Sorties par catégorie", ("exits.total", *_each("exits.", ExitCategory.values))),
        Block(
            "Après la sortie",
            ("retention.", "post_exit.checks", "post_exit.in_employment_rate"),
        ),
    ),
)

REPORTS = {report.code: report for report in (COUNCIL, ANNUAL, DYNAMIC_EXITS)}


def report_named(code: str) -> ReportTemplate | None:
    return REPORTS.get(code)


def download_title(list_name: str) -> str | None:
    """The title of the report an export record names (`rapport-<code>`), for the
    history of exports; None for a list."""
    prefix, _, code = list_name.partition("-")
    template = REPORTS.get(code) if prefix == "rapport" else None
    return f"Rapport : {template.title}" if template else None


@dataclass
class ReportBlock:
    title: str
    rows: list[Row]


@dataclass
class Report:
    template: ReportTemplate
    scope: Scope
    period: Period
    blocks: list[ReportBlock] = field(default_factory=list)

    @property
    def previous(self) -> Period:
        return self.period.previous()

    @property
    def rows_count(self) -> int:
        return sum(len(block.rows) for block in self.blocks)

    def block(self, title: str) -> ReportBlock:
        return next(block for block in self.blocks if block.title == title)

    def file_name(self, extension: str) -> str:
        return (
            f"rapport-{self.template.code}-{self.period.start:%Y-%m-%d}-"
            f"{self.period.end:%Y-%m-%d}.{extension}"
        )


def _picked(codes: tuple[str, ...], rows: list[Row]) -> list[Row]:
    by_code = {row.code: row for row in rows}
    picked: dict[str, Row] = {}
    for code in codes:
        if code.endswith("."):
            picked.update((row.code, row) for row in rows if row.code.startswith(code))
        elif code in by_code:
            picked[code] = by_code[code]
    return list(picked.values())


def report_of(
    template: ReportTemplate, scope: Scope, period: Period, *, today: date | None = None
) -> Report:
    """The report of `scope` over `period`: its blocks, each the page's rows for its
    codes. The caller has read the scope through `indicators.scopes.scope_for` (404
    otherwise)."""
    rows = indicator_table(scope, period, today=today)
    report = Report(template, scope, period)
    for block in template.blocks:
        report.blocks.append(ReportBlock(block.title, _picked(block.codes, rows)))
    return report
