"""The public API, version 1. Each domain app contributes a router; this module only
assembles them and turns errors into JSON with a French message, including an unknown
route (404) and a wrong method (405) under /api/v1/."""

from functools import wraps

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.urls import re_path
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError

from accounts.api import router as accounts_router
from api.auth import BearerToken
from api.errors import field_errors, json_error
from api.schemas import ErrorOut, InvalidOut
from barriers.api import router as barriers_router
from companies.api import router as companies_router
from cooperation.api import router as cooperation_router
from employment.api import router as employment_router
from events.api import router as events_router
from exits.api import router as exits_router
from exports.api import router as exports_router
from immersions.api import router as immersions_router
from indicators.api import router as indicators_router
from jobs.api import router as jobs_router
from lib.sensitive_words import SensitiveWordsError
from matching.api import router as matching_router
from matching.territory_api import router as territory_needs_router
from offers.api import router as offers_router
from organizations.api import router as organizations_router
from partner_services.api import router as partner_services_router
from pathways.api import router as pathways_router
from persons.api import router as persons_router
from plans.api import router as plans_router
from referrals.api import router as referrals_router
from reports.api import router as reports_router
from retention.api import router as retention_router
from stories.api import router as stories_router
from territories.api import router as territories_router
from timeline.api import router as timeline_router


def _json_method_not_allowed(view):
    """ninja answers a wrong method with a plain-text 405: the same status in JSON."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        if response.status_code == 405 and not response.get("Content-Type", "").startswith(
            "application/json"
        ):
            return json_error(
                405, f"Méthode {request.method} non permise ici.", Allow=response["Allow"]
            )
        return response

    return wrapper


def _unknown_route(request, *args, **kwargs):
    return json_error(404, "Adresse inconnue dans l'API : voir /api/v1/docs.")


class ParcoursAPI(NinjaAPI):
    def _get_urls(self):
        urls = super()._get_urls()
        for pattern in urls:
            pattern.callback = _json_method_not_allowed(pattern.callback)
        return [*urls, re_path(r"^.*$", _unknown_route, name="unknown-route")]

    def document_framework_errors(self) -> None:
        """Every operation documents the refusals the framework itself answers: 401
        without a valid token, 422 when a parameter or the body does not validate."""
        for bound_router in self._get_bound_routers():
            for path_view in bound_router.path_operations.values():
                for operation in path_view.operations:
                    if operation.auth_callbacks:
                        operation.response_models.setdefault(
                            401, operation._create_response_model(ErrorOut)
                        )
                    if operation.models:
                        operation.response_models.setdefault(
                            422, operation._create_response_model(InvalidOut)
                        )


api = ParcoursAPI(
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


def _field_name(loc: list) -> str:
    # ("body", "payload", "to_state") → "to_state"; ("query", "page") → "page"
    return ".".join(map(str, loc[2:] if loc[:1] == ["body"] else loc[1:])) or str(loc[0])


@api.exception_handler(NinjaValidationError)
def _invalid_input(request, exc):
    errors = field_errors(exc.errors)
    detail = " ".join(f"{_field_name(e['loc'])} : {e['msg']}" for e in errors)
    return api.create_response(
        request, {"detail": f"Données invalides. {detail}".strip(), "errors": errors}, status=422
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
    immersions_router,
    offers_router,
    matching_router,
    territory_needs_router,
    retention_router,
    employment_router,
    stories_router,
    exits_router,
    indicators_router,
    exports_router,
    reports_router,
    cooperation_router,
    events_router,
):
    api.add_router("", router)

api.document_framework_errors()
