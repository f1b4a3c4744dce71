"""Exports in the API: the same lists, filters, rows and columns as the « Exporter »
buttons. `GET /exports/{liste}.csv|xlsx` answers the file of a small export (up to
`STREAM_MAX` rows; 409 beyond); `POST` the same address starts an export of any size
as a task, whose state `GET /exports/jobs/{id}` gives, and whose file
`GET /exports/jobs/{id}/file` answers once ready. Only the author sees an export."""

from datetime import datetime

from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.urls import reverse
from ninja import Router, Schema, Status
from ninja.errors import HttpError

from access.policy import active_memberships
from api.schemas import errors
from exports import lists, services
from exports.models import LIST_FORMATS, Export, ExportState
from exports.responses import CONTENT_TYPES, file_answer

router = Router(tags=["exports"])

FILTERS_HELP = (
    " Les filtres sont ceux de la page de la liste, dans la chaîne de requête (par exemple "
    "`?etat=sent` pour les orientations reçues) ; `organization_id` choisit l'organisation "
    "pour laquelle vous exportez (la première sinon). Listes : "
)


class ExportOut(Schema):
    id: int
    list: str
    format: str
    state: str
    state_label: str
    rows_total: int
    rows_done: int
    created_at: datetime
    finished_at: datetime | None
    expires_at: datetime | None
    error: str
    file_url: str | None


def _export_out(export: Export) -> dict:
    ready = export.state == ExportState.DONE and bool(export.file)
    return {
        "id": export.pk,
        "list": export.list_name,
        "format": export.file_format,
        "state": export.state,
        "state_label": export.get_state_display(),
        "rows_total": export.rows_total,
        "rows_done": export.rows_done,
        "created_at": export.created_at,
        "finished_at": export.finished_at,
        "expires_at": export.expires_at,
        "error": export.error,
        "file_url": reverse("api-v1:export_job_file", args=[export.pk]) if ready else None,
    }


def _acting_for(user, organization_id: int | None):
    for membership in active_memberships(user):
        if organization_id is None or membership.organization_id == organization_id:
            return membership.organization
    if organization_id is not None:
        raise Http404("Organisation introuvable.")
    raise PermissionDenied("Vous n'êtes membre d'aucune organisation.")


def _parse(export_name: str) -> tuple[lists.ExportList, str]:
    name, _, file_format = export_name.rpartition(".")
    export_list = lists.list_named(name)
    if export_list is None:
        raise Http404("Liste inconnue.")
    if file_format not in LIST_FORMATS:
        raise HttpError(400, "Format inconnu : demandez .csv ou .xlsx.")
    return export_list, file_format


def _prepared(request, export_name: str, organization_id: int | None):
    export_list, file_format = _parse(export_name)
    organization = _acting_for(request.user, organization_id)
    rows = services.export_rows(
        export_list=export_list, user=request.user, organization=organization, data=request.GET
    )
    return export_list, file_format, organization, rows


@router.get(
    "/exports/{export_name}",
    response={200: None, **errors(400, 403, 404, 409)},
    url_name="export_file",
    summary="Exporter une liste (CSV ou XLSX)",
    description="Le fichier d'une liste de moins de 5 000 lignes, filtrée comme sa page."
    + FILTERS_HELP
    + ", ".join(f"`{name}`" for name in lists.LISTS)
    + ".",
)
def export_file(request, export_name: str, organization_id: int | None = None):
    export_list, file_format, organization, rows = _prepared(request, export_name, organization_id)
    total = rows.count()
    if total > services.STREAM_MAX:
        raise HttpError(
            409,
            f"Cette liste compte {total} lignes : lancez l'export en arrière-plan avec "
            f"POST /api/v1/exports/{export_name}, puis suivez-le.",
        )
    services.export_record(
        user=request.user,
        organization=organization,
        export_list=export_list,
        params=services.export_params(
            export_list=export_list,
            user=request.user,
            organization=organization,
            data=request.GET,
        ),
        file_format=file_format,
        rows_total=total,
    )
    return file_answer(export_list, lists.columns_for(export_list, organization), rows, file_format)


@router.post(
    "/exports/{export_name}",
    response={202: ExportOut, **errors(400, 403, 404)},
    url_name="export_file",
    summary="Lancer l'export d'une liste en arrière-plan",
)
def export_start(request, export_name: str, organization_id: int | None = None):
    """Prépare le fichier en arrière-plan, quelle que soit la taille de la liste ; suivez
    l'état avec `GET /exports/jobs/{id}`."""
    export_list, file_format, organization, rows = _prepared(request, export_name, organization_id)
    export = services.export_start(
        user=request.user,
        organization=organization,
        export_list=export_list,
        params=services.export_params(
            export_list=export_list,
            user=request.user,
            organization=organization,
            data=request.GET,
        ),
        file_format=file_format,
        rows_total=rows.count(),
    )
    return Status(202, _export_out(export))


def _own(request, export_id: int) -> Export:
    export = Export.objects.of_author(request.user).filter(pk=export_id).first()
    if export is None:
        raise Http404("Export introuvable.")
    return export


@router.get(
    "/exports/jobs/{export_id}",
    response={200: ExportOut, **errors(404)},
    summary="État d'un export en arrière-plan",
)
def export_job(request, export_id: int):
    return _export_out(_own(request, export_id))


@router.get(
    "/exports/jobs/{export_id}/file",
    response={200: None, **errors(404)},
    url_name="export_job_file",
    summary="Fichier d'un export terminé",
)
def export_job_file(request, export_id: int):
    export = _own(request, export_id)
    if export.state != ExportState.DONE or not export.file:
        raise Http404("Ce fichier n'est pas ou plus disponible.")
    return FileResponse(
        export.file.open("rb"),
        as_attachment=True,
        filename=services.file_name(export),
        content_type=CONTENT_TYPES[export.file_format],
    )
