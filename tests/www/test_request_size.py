"""A request declaring a body over PARCOURS_MAX_REQUEST_BYTES is refused before anything
reads it, with a French page (JSON under /api/)."""

import io
import json

import pytest
from django.http import HttpResponse
from django.test import RequestFactory, override_settings
from django.urls import reverse

from plans.models import Document
from www.middleware import RequestSizeLimitMiddleware

pytestmark = pytest.mark.django_db

LIMIT = 10 * 1024 * 1024


class _NeverRead(io.RawIOBase):
    def read(self, *args):
        raise AssertionError("the body of a refused request must not be read")

    readline = read


def _middleware(*, reads_body=True):
    def view(request):
        if reads_body:
            request.POST  # what CSRF and every form do  # noqa: B018
        return HttpResponse("lu")

    return RequestSizeLimitMiddleware(view)


def _post(path, declared, body=None):
    stream = _NeverRead() if body is None else io.BytesIO(body)
    environ = {
        "CONTENT_TYPE": "application/x-www-form-urlencoded",
        "CONTENT_LENGTH": declared,
        "wsgi.input": stream,
    }
    return RequestFactory().generic("POST", path, **environ)


def test_it_refuses_a_body_over_the_limit_without_reading_it():
    response = _middleware()(_post("/personnes/1/plan/documents/", str(50 * 1024 * 1024)))
    assert response.status_code == 413
    body = response.content.decode()
    assert "<h1>Envoi trop volumineux</h1>" in body
    assert "L&#x27;envoi dépasse la taille maximale de 10 Mo." in body


def test_it_answers_json_under_the_api():
    response = _middleware()(_post("/api/v1/persons", str(LIMIT + 1)))
    assert response.status_code == 413
    assert json.loads(response.content) == {
        "detail": "L'envoi dépasse la taille maximale de 10 Mo."
    }


def test_the_guard_is_real_a_body_is_read_below_the_limit():
    assert _middleware()(_post("/", "3", b"a=1")).content == b"lu"
    with pytest.raises(AssertionError, match="must not be read"):
        _middleware()(_post("/", "3"))


def test_it_lets_through_a_body_at_the_limit_and_a_request_without_length():
    assert _middleware(reads_body=False)(_post("/", str(LIMIT))).status_code == 200
    # Without Content-Length Django reads no body at all: nothing to protect.
    assert _middleware()(_post("/", "")).status_code == 200


@pytest.mark.parametrize("declared", ["beaucoup", "-1", "1e9"])
def test_it_refuses_a_length_that_is_not_a_number(declared):
    response = _middleware()(_post("/", declared))
    assert response.status_code == 400
    assert "La taille annoncée de la requête est invalide." in response.content.decode()


@override_settings(PARCOURS_MAX_REQUEST_BYTES=1024 * 1024)
def test_a_big_upload_through_the_site_stores_nothing(client, team, followed):
    client.force_login(team.colleague)
    url = reverse("document_upload", kwargs={"person_pk": followed.person.pk})
    response = client.post(url, {"kind": "cv"}, CONTENT_LENGTH=str(2 * 1024 * 1024))
    assert response.status_code == 413
    assert "L&#x27;envoi dépasse la taille maximale de 1 Mo." in response.content.decode()
    assert not Document.objects.exists()
