"""HTTP hardening that applies to every page: a cap on the size of what is sent, the
browser features no page needs, and no caching of pages that carry personal data."""

from django.conf import settings
from django.http import HttpResponse, HttpResponseNotAllowed, JsonResponse
from django.template.loader import render_to_string
from django.utils.cache import add_never_cache_headers

API_PREFIX = "/api/"
_MB = 1024 * 1024


def _refusal(request, status: int, message: str, template: str) -> HttpResponse:
    if request.path_info.startswith(API_PREFIX):
        return JsonResponse({"detail": message}, status=status)
    # Rendered without the request: nothing below this middleware (session, user, context
    # processors) has run, and a refusal must not depend on it.
    body = render_to_string(template, {"message": message})
    return HttpResponse(body, status=status)


class RequestSizeLimitMiddleware:
    """Refuses a request whose declared body is over PARCOURS_MAX_REQUEST_BYTES, before
    anything reads it. Django's own limits (DATA_UPLOAD_MAX_MEMORY_SIZE) leave files out:
    without this, a 50 MB upload is received and written to disk before the form refuses it.

    A request without Content-Length is let through: Django then reads no body at all.
    The web server in front should refuse the same size (nginx `client_max_body_size`), so
    that a browser still sending a big file is answered before it is done.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        declared = request.META.get("CONTENT_LENGTH", "").strip()
        if declared:
            if not declared.isdigit():
                return _refusal(
                    request, 400, "La taille annoncée de la requête est invalide.", "400.html"
                )
            limit = settings.PARCOURS_MAX_REQUEST_BYTES
            if int(declared) > limit:
                return _refusal(
                    request,
                    413,
                    f"L'envoi dépasse la taille maximale de {limit // _MB} Mo.",
                    "413.html",
                )
        return self.get_response(request)


# The powerful features no page of the site uses: a script injected in a page cannot use
# them either.
PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in (
        "accelerometer",
        "autoplay",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "usb",
        "xr-spatial-tracking",
    )
)


class PermissionsPolicyMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        return response


class PrivateNoStoreMiddleware:
    """`Cache-Control: no-store` on every answer that may carry personal data, so that
    neither a shared computer's browser cache (back button after sign-out) nor a proxy
    keeps a copy: every answer to a signed-in user, every API answer, and every answer to a
    form sent (a public form shown again holds what the person typed). Public pages read
    anonymously (the job offers board, the legal pages) stay cacheable; static files are
    served before this middleware."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if (
            (user is not None and user.is_authenticated)
            or request.path_info.startswith(API_PREFIX)
            or request.method not in ("GET", "HEAD", "OPTIONS")
        ):
            add_never_cache_headers(response)
        return response


class MethodNotAllowedPageMiddleware:
    """Django answers a wrong method with an empty 405, which a browser shows as its own
    English error page: outside the API (which answers JSON), an empty 405 becomes the
    site's French page. Last in the list, so the page has the user and the navigation."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if (
            isinstance(response, HttpResponseNotAllowed)
            and not response.content
            and not request.path_info.startswith(API_PREFIX)
        ):
            # Imported here: the error views import this module for API_PREFIX.
            from www.views.errors import method_not_allowed

            allowed = [m.strip() for m in response.get("Allow", "").split(",") if m.strip()]
            return method_not_allowed(request, allowed)
        return response
