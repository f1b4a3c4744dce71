"""Exporting a list: at once for a small one (the file streams in the answer), as a task
for a large one (the file is written in the background, with its progress, and kept
until it expires). Every export is an `Export` record, hence in the audit trail: who,
which list and filters, how many rows."""

import tempfile
from datetime import timedelta
from pathlib import Path

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files import File
from django.db import transaction
from django.http import QueryDict
from django.utils import timezone

from exports import lists
from exports.models import Export, ExportFormat, ExportState
from exports.writers import write_csv, write_xlsx

# Up to this many rows an export answers at once; beyond, it runs as a task.
STREAM_MAX = 5_000
# How long the file of a large export is kept for its author.
KEPT_FOR = timedelta(days=7)
# The query string's keys that are not filters.
NOT_FILTERS = ("page", "organization_id", "format")


def filters_of(data: QueryDict) -> dict[str, list[str]]:
    """The filters as stored on the export (a task rebuilds the query string from it)."""
    return {key: data.getlist(key) for key in data if key not in NOT_FILTERS}


def export_params(*, export_list: lists.ExportList, user, organization, data: QueryDict) -> dict:
    """The filters an export record keeps: those the list resolves (a default scope, a
    named period) when it says how, else the query's own."""
    if export_list.recorded is not None:
        return export_list.recorded(user, organization, data)
    return filters_of(data)


def query_of(params: dict[str, list[str]]) -> QueryDict:
    data = QueryDict(mutable=True)
    for key, values in params.items():
        data.setlist(key, values)
    return data


def export_rows(*, export_list: lists.ExportList, user, organization, data: QueryDict):
    """The rows `user`, acting for `organization`, may export of the list with these
    filters. PermissionDenied if the organization may not export it; ValidationError
    (in French) for a filter the page would refuse."""
    lists.authorize(export_list, user, organization)
    return export_list.rows(user, organization, data)


def _name(export_list, file_format: str) -> str:
    return f"{export_list.name}-{timezone.localdate():%Y-%m-%d}.{file_format}"


def file_name(export: Export) -> str:
    on = timezone.localtime(export.created_at)
    return f"{export.list_name}-{on:%Y-%m-%d}.{export.file_format}"


@transaction.atomic
def download_record(
    *, user, organization, list_name: str, params: dict, file_format: str, rows_total: int
) -> Export:
    """A file answered at once (a small list export, a report, a table of « Résultats »):
    recorded (and so audited: who, which list and filters, how many rows) as done,
    without a file kept."""
    now = timezone.now()
    return Export.objects.create(
        user=user,
        organization=organization,
        list_name=list_name,
        params=params,
        file_format=file_format,
        state=ExportState.DONE,
        streamed=True,
        rows_total=rows_total,
        rows_done=rows_total,
        created_at=now,
        finished_at=now,
    )


def export_record(
    *, user, organization, export_list, params: dict, file_format: str, rows_total: int
) -> Export:
    """A small export of a list answered at once."""
    return download_record(
        user=user,
        organization=organization,
        list_name=export_list.name,
        params=params,
        file_format=file_format,
        rows_total=rows_total,
    )


@transaction.atomic
def export_start(
    *, user, organization, export_list, params: dict, file_format: str, rows_total: int
) -> Export:
    """A large export: recorded, then written by the task worker once committed."""
    from exports.tasks import run_export

    if not user.is_authenticated:
        raise PermissionDenied("Un export est fait par une personne connectée.")
    export = Export.objects.create(
        user=user,
        organization=organization,
        list_name=export_list.name,
        params=params,
        file_format=file_format,
        rows_total=rows_total,
    )
    transaction.on_commit(lambda: run_export.enqueue(export_id=export.pk))
    return export


def _progress(export: Export):
    def told(done: int) -> None:
        # Only the counter, without the trail (`Export.audit_exclude`): the page's bar
        # reads it while the task writes.
        Export.objects.filter(pk=export.pk).update(rows_done=done)

    return told


def _said(error) -> str:
    if isinstance(error, ValidationError):
        return " ".join(error.messages)
    return str(error) or "Cette liste ne peut plus être exportée."


def export_run(*, export_id: int) -> int:
    """Write the file of a large export: the rows are read again, for its author as
    they are now (an author who has left the organization exports nothing). The number
    of rows written."""
    export = Export.objects.select_related("user", "organization").filter(pk=export_id).first()
    if export is None or export.state != ExportState.PENDING:
        return 0
    export.state = ExportState.RUNNING
    export.save()
    export_list = lists.list_named(export.list_name)
    try:
        if export_list is None or export.user is None:
            raise PermissionDenied("Cette liste ne peut plus être exportée.")
        rows = export_rows(
            export_list=export_list,
            user=export.user,
            organization=export.organization,
            data=query_of(export.params),
        )
        columns = lists.columns_for(export_list, export.organization)
        iterator = rows.iterator(chunk_size=export_list.chunk_size)
        with tempfile.TemporaryDirectory(prefix="export-") as folder:
            path = Path(folder) / _name(export_list, export.file_format)
            if export.file_format == ExportFormat.XLSX:
                done = write_xlsx(
                    str(path), columns, iterator, _progress(export), title=export_list.title
                )
            else:
                with path.open("wb") as target:
                    done = write_csv(target, columns, iterator, _progress(export))
            with path.open("rb") as written:
                export.file.save(path.name, File(written), save=False)
    except Exception as error:  # noqa: BLE001 — the page must say it failed, whatever failed
        export.refresh_from_db(fields=["rows_done"])
        export.state = ExportState.FAILED
        told = isinstance(error, PermissionDenied | ValidationError)
        export.error = _said(error)[:255] if told else "L'export n'a pas pu être écrit."
        export.finished_at = timezone.now()
        export.save()
        if not told:
            raise
        return 0
    now = timezone.now()
    export.state = ExportState.DONE
    export.rows_total = done
    export.rows_done = done
    export.finished_at = now
    export.expires_at = now + KEPT_FOR
    export.save()
    return done


def exports_purge(*, now) -> dict:
    """Delete the files of the exports past their date (a periodic job): the record
    stays, as the trail of who exported what."""
    expired = 0
    for export in Export.objects.filter(state=ExportState.DONE, expires_at__lte=now):
        if export.file:
            export.file.delete(save=False)
        export.state = ExportState.EXPIRED
        export.save()
        expired += 1
    return {"expired": expired}
