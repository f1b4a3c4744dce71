"""A report's file as the answer of a page or of the API: written, recorded in the
audit trail, then sent as an attachment."""

from django.http import HttpResponse

from reports.catalogue import Report
from reports.files import CONTENT_TYPES, written
from reports.services import report_download_record


def report_answer(*, user, organization, report: Report, file_format: str) -> HttpResponse:
    body = written(report, file_format)
    report_download_record(
        user=user, organization=organization, report=report, file_format=file_format
    )
    response = HttpResponse(body, content_type=CONTENT_TYPES[file_format])
    response["Content-Disposition"] = f'attachment; filename="{report.file_name(file_format)}"'
    return response
