"""Who may download which report: whoever may read its scope on « Résultats »
(`indicators.scopes.scope_for`, 404 otherwise), for the page and the API alike. An
unknown report or format is not told apart from a missing one: 404."""

from django.http import Http404

from reports.catalogue import ReportTemplate, report_named
from reports.files import FORMATS

UNKNOWN = "Ce rapport n'existe pas : demandez conseil, activite-annuelle ou sorties-dynamiques."


def template_for(code: str, file_format: str) -> ReportTemplate:
    template = report_named(code)
    if template is None or file_format not in FORMATS:
        raise Http404(UNKNOWN)
    return template
