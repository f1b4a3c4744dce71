"""Pages as users get them, for the benchmarks: the Django test Client on the real URLs,
signed in as a counsellor acting for one organization, with the settings of production
(`python -m bench` sets DJANGO_DEBUG=false): every middleware, the session, the
template, the audit of sensitive reads."""

from django.test import Client

from organizations.middleware import SESSION_KEY


def signed_in(user, organization) -> Client:
    client = Client()
    client.force_login(user)
    session = client.session
    session[SESSION_KEY] = organization.pk
    session.save()
    return client


def page(client: Client, path: str, params: dict | None = None) -> bytes:
    """The page's HTML; anything but a 200 stops the benchmark: a redirect or an error
    page would be measured instead of the page."""
    # secure: production redirects plain HTTP to HTTPS (SECURE_SSL_REDIRECT).
    response = client.get(path, params or {}, secure=True)
    if response.status_code != 200:
        raise RuntimeError(f"{path} {params or ''}: {response.status_code} au lieu de 200")
    return response.content
