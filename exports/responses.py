"""The answer to a small export, the same for the pages and the API: the CSV streams
line by line; the XLSX (a few thousand rows at most here) is built in memory."""

import io

from django.http import HttpResponse, StreamingHttpResponse
from django.utils import timezone

from exports.models import ExportFormat
from exports.writers import csv_lines, write_xlsx

CONTENT_TYPES = {
    ExportFormat.CSV: "text/csv; charset=utf-8",
    ExportFormat.XLSX: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def attachment(response, name: str):
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def file_answer(export_list, columns, rows, file_format: str):
    name = f"{export_list.name}-{timezone.localdate():%Y-%m-%d}.{file_format}"
    iterator = rows.iterator(chunk_size=export_list.chunk_size)
    if file_format == ExportFormat.CSV:
        response = StreamingHttpResponse(
            csv_lines(columns, iterator), content_type=CONTENT_TYPES[ExportFormat.CSV]
        )
    else:
        buffer = io.BytesIO()
        write_xlsx(buffer, columns, iterator, title=export_list.title)
        response = HttpResponse(buffer.getvalue(), content_type=CONTENT_TYPES[ExportFormat.XLSX])
    return attachment(response, name)
