"""The site's URLs plus views that fail on purpose, for the error page tests."""

from django.core.exceptions import PermissionDenied, SuspiciousOperation
from django.db import DatabaseError
from django.http import HttpResponse
from django.urls import path
from django.views.decorators.http import require_POST

from config.urls import handler400, handler403, handler404, handler500
from config.urls import urlpatterns as site


def _boom(request):
    raise DatabaseError("la base ne répond plus")


def _forbidden(request):
    raise PermissionDenied


def _suspicious(request):
    raise SuspiciousOperation("en-tête invalide")


@require_POST
def _post_only(request):
    return HttpResponse("envoyé")


urlpatterns = [
    path("essai/post-seulement/", _post_only),
    path("essai/boum/", _boom),
    path("essai/interdit/", _forbidden),
    path("essai/suspect/", _suspicious),
    path("api/v1/essai/boum/", _boom),
    *site,
]

__all__ = ["handler400", "handler403", "handler404", "handler500", "urlpatterns"]
