"""Every report downloaded is in the audit trail, as every export is: an `Export`
record (who, for which organization, which report, its scope and period, how many
figures), kept without a file since the report is answered at once."""

from django.db import transaction
from django.utils import timezone

from exports.models import Export, ExportState
from reports.catalogue import Report


@transaction.atomic
def report_download_record(*, user, organization, report: Report, file_format: str) -> Export:
    """Record that `user`, acting for `organization`, downloaded `report`."""
    now = timezone.now()
    rows = report.rows_count
    return Export.objects.create(
        user=user,
        organization=organization,
        list_name=f"rapport-{report.template.code}",
        params={
            "perimetre": [report.scope.key],
            "du": [report.period.start.isoformat()],
            "au": [report.period.end.isoformat()],
            "parcours": [report.scope.pathway_kind] if report.scope.pathway_kind else [],
        },
        file_format=file_format,
        state=ExportState.DONE,
        streamed=True,
        rows_total=rows,
        rows_done=rows,
        created_at=now,
        finished_at=now,
    )
