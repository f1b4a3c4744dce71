"""Exports of the lists (« Exporter » on each list page): a small export answers the file
at once; a large one runs as a task, and its page shows the progress (htmx refreshes it)
and then the download link. An export is its author's alone: anyone else gets 404."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET

from exports import lists, services
from exports.models import LIST_FORMATS, Export, ExportState
from exports.responses import CONTENT_TYPES, file_answer
from reports.catalogue import download_title

HISTORY_SIZE = 30


@login_required
@require_GET
def export_list(request, list_name: str, file_format: str):
    export_list = lists.list_named(list_name)
    if export_list is None or file_format not in LIST_FORMATS:
        raise Http404("Cette liste n'existe pas.")
    organization = request.current_organization
    try:
        rows = services.export_rows(
            export_list=export_list, user=request.user, organization=organization, data=request.GET
        )
    except ValidationError as error:
        return render(
            request,
            "exports/refused.html",
            {"title": "Export impossible", "export_list": export_list, "errors": error.messages},
            status=400,
        )
    total = rows.count()
    params = services.export_params(
        export_list=export_list, user=request.user, organization=organization, data=request.GET
    )
    arguments = {
        "user": request.user,
        "organization": organization,
        "export_list": export_list,
        "params": params,
        "file_format": file_format,
        "rows_total": total,
    }
    if total > services.STREAM_MAX:
        export = services.export_start(**arguments)
        return redirect("export_detail", export_pk=export.pk)
    services.export_record(**arguments)
    columns = lists.columns_for(export_list, organization)
    return file_answer(export_list, columns, rows, file_format)


def _own_export(request, pk) -> Export:
    return get_object_or_404(Export.objects.of_author(request.user), pk=pk)


@login_required
@require_GET
def export_detail(request, export_pk: int):
    export = _own_export(request, export_pk)
    export_list = lists.list_named(export.list_name)
    context = {
        "title": f"Export « {export_list.title if export_list else export.list_name} »",
        "export": export,
        "export_list": export_list,
    }
    if request.htmx:
        return render(request, "exports/_progress.html", context)
    return render(request, "exports/detail.html", context)


@login_required
@require_GET
def export_download(request, export_pk: int):
    export = _own_export(request, export_pk)
    if export.state != ExportState.DONE or not export.file:
        raise Http404("Ce fichier n'est pas ou plus disponible.")
    return FileResponse(
        export.file.open("rb"),
        as_attachment=True,
        filename=services.file_name(export),
        content_type=CONTENT_TYPES[export.file_format],
    )


@login_required
@require_GET
def export_history(request):
    exports = list(
        Export.objects.of_author(request.user).order_by("-created_at", "-id")[:HISTORY_SIZE]
    )
    for export in exports:
        named = lists.list_named(export.list_name)
        title = named.title if named else download_title(export.list_name)
        export.list_title = title or export.list_name
    return render(request, "exports/history.html", {"title": "Mes exports", "exports": exports})
