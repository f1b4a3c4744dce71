"""Route arguments of the export pages and endpoints: a large export of the team's
people, written by the team's colleague (its file is the colleague's alone)."""

from exports import lists, services
from exports.models import ExportFormat


def samples(team, followed):
    export = services.export_start(
        user=team.colleague,
        organization=team.organization,
        export_list=lists.list_named("personnes"),
        params={},
        file_format=ExportFormat.CSV,
        rows_total=1,
    )
    arguments = {
        "list_name": "personnes",
        "file_format": "csv",
        "export_name": "personnes.csv",
        "export_pk": export.pk,
        "export_id": export.pk,
    }
    return [], arguments
