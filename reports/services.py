"""Every report downloaded is in the audit trail, as every export is: an `Export`
record (who, for which organization, which report, its scope and period, how many
figures), kept without a file since the report is answered at once."""

from exports.models import Export
from exports.services import download_record
from indicators.forms import filters_of_choice
from reports.catalogue import Report


def report_download_record(*, user, organization, report: Report, file_format: str) -> Export:
    """Record that `user`, acting for `organization`, downloaded `report`."""
    return download_record(
        user=user,
        organization=organization,
        list_name=f"rapport-{report.template.code}",
        params=filters_of_choice(report.scope, report.period),
        file_format=file_format,
        rows_total=report.rows_count,
    )
