"""The public API, version 1. Each domain app contributes a router; this module only
assembles them and turns errors into JSON with a French message."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError

from accounts.api import router as accounts_router
from api.auth import BearerToken
from barriers.api import router as barriers_router
from companies.api import router as companies_router
from jobs.api import router as jobs_router
from lib.sensitive_words import SensitiveWordsError
from offers.api import router as offers_router
from organizations.api import router as organizations_router
from partner_services.api import router as partner_services_router
from pathways.api import router as pathways_router
from persons.api import router as persons_router
from plans.api import router as plans_router
from referrals.api import router as referrals_router
from retention.api import router as retention_router
from territories.api import router as territories_router
from timeline.api import router as timeline_router

api = NinjaAPI(
    title="API Parcours",
    version="1.0.0",
    description=(
        "API de Parcours. Authentification par jeton : `Authorization: Bearer <jeton>`. "
        "Chaque réponse est limitée à ce que l'organisation de l'utilisateur peut voir."
    ),
    auth=BearerToken(),
    urls_namespace="api-v1",
)


@api.exception_handler(AuthenticationError)
def _unauthenticated(request, exc):
    return api.create_response(
        request, {"detail": "Authentification requise : jeton absent ou invalide."}, status=401
    )


@api.exception_handler(Http404)
def _not_found(request, exc):
    return api.create_response(request, {"detail": "Ressource introuvable."}, status=404)


@api.exception_handler(PermissionDenied)
def _forbidden(request, exc):
    return api.create_response(request, {"detail": str(exc) or "Action non autorisée."}, status=403)


@api.exception_handler(ValidationError)
def _invalid(request, exc):
    return api.create_response(request, {"detail": " ".join(exc.messages)}, status=400)


@api.exception_handler(SensitiveWordsError)
def _sensitive_words(request, exc):
    """A text for an employer that speaks of the person's situation: 422, with the words
    found, until it is rewritten or confirmed (`confirm_sensitive_words`)."""
    return api.create_response(
        request,
        {
            "detail": " ".join(exc.messages),
            "sensitive_words": [
                {"words": hit.words, "category": hit.category, "label": hit.category_label}
                for hit in exc.found
            ],
        },
        status=422,
    )


@api.exception_handler(NinjaValidationError)
def _invalid_input(request, exc):
    return api.create_response(
        request, {"detail": "Données invalides.", "errors": exc.errors}, status=422
    )


@api.exception_handler(HttpError)
def _http_error(request, exc):
    return api.create_response(request, {"detail": str(exc)}, status=exc.status_code)


for router in (
    accounts_router,
    organizations_router,
    territories_router,
    jobs_router,
    persons_router,
    pathways_router,
    barriers_router,
    partner_services_router,
    plans_router,
    timeline_router,
    referrals_router,
    companies_router,
    offers_router,
    retention_router,
):
    api.add_router("", router)
