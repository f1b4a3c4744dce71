"""The error pages: what happened and where to go next, in French. Under /api/ the same
errors answer JSON like the API's own ({"detail": ...}).

The 400 and 500 pages use a standalone layout rendered without the request: they must
show even when the database, the session or a context processor is what failed."""

from django.core.exceptions import DisallowedHost
from django.http import HttpResponse, JsonResponse
from django.template.loader import render_to_string
from django.urls import Resolver404, resolve
from django.utils.http import url_has_allowed_host_and_scheme

from www.middleware import API_PREFIX


def _is_api(request) -> bool:
    return request.path_info.startswith(API_PREFIX)


def back_url(request) -> str | None:
    """The page the person came from, when it is one of ours and not this one."""
    referer = request.META.get("HTTP_REFERER", "")
    try:
        host = request.get_host()
    except DisallowedHost:
        return None
    if not referer or not url_has_allowed_host_and_scheme(
        referer, allowed_hosts={host}, require_https=request.is_secure()
    ):
        return None
    return None if referer == request.build_absolute_uri() else referer


def page_not_found(request, exception=None):
    if _is_api(request):
        return JsonResponse({"detail": "Ressource introuvable."}, status=404)
    context = {"title": "Page introuvable", "back_url": back_url(request)}
    return HttpResponse(render_to_string("404.html", context, request), status=404)


def permission_denied(request, exception=None):
    if _is_api(request):
        return JsonResponse({"detail": "Action non autorisée."}, status=403)
    context = {"title": "Accès refusé", "back_url": back_url(request)}
    return HttpResponse(render_to_string("403.html", context, request), status=403)


def form_page_url(request) -> str | None:
    """The page a POST-only address belongs to, by dropping its last segment
    (« /offres/gestion/1/presenter/ » → « /offres/gestion/1/ »), when that is a page
    of the site."""
    path = request.path_info.rstrip("/")
    if not path:
        return None
    parent = path.rsplit("/", 1)[0] + "/"
    try:
        resolve(parent)
    except Resolver404:
        return None
    return request.path.rstrip("/").rsplit("/", 1)[0] + "/"


def method_not_allowed(request, allowed_methods):
    """A POST-only address opened directly (the address bar after a form's error, a
    bookmark): say it opens from a form and lead to that form, keeping `Allow`."""
    context = {
        "title": "Cette adresse s'ouvre depuis un formulaire",
        "form_page_url": form_page_url(request),
        "back_url": back_url(request),
    }
    response = HttpResponse(render_to_string("405.html", context, request), status=405)
    response["Allow"] = ", ".join(allowed_methods)
    return response


def bad_request(request, exception=None):
    if _is_api(request):
        return JsonResponse({"detail": "Requête invalide."}, status=400)
    return HttpResponse(render_to_string("400.html", {}), status=400)


def server_error(request):
    if _is_api(request):
        return JsonResponse({"detail": "Erreur interne : réessayez plus tard."}, status=500)
    return HttpResponse(render_to_string("500.html", {}), status=500)


def csrf_failure(request, reason=""):
    """A form sent with a missing or stale CSRF token (CSRF_FAILURE_VIEW)."""
    if _is_api(request):
        return JsonResponse({"detail": "Jeton CSRF absent ou expiré."}, status=403)
    context = {"title": "Formulaire expiré"}
    return HttpResponse(render_to_string("403_csrf.html", context, request), status=403)
