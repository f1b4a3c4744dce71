from audit.models import SensitiveRead


def log_sensitive_read(*, user, person, what: str, organization=None, path: str = "") -> None:
    """Record that `user` saw `what` about `person`. Called by the views and endpoints
    that show sensitive data, before they answer."""
    # A long service name or address must not make the read fail (PostgreSQL refuses a
    # value longer than the column): the start names what was read well enough.
    limit = SensitiveRead._meta.get_field("what").max_length
    if len(what) > limit:
        what = what[: limit - 1] + "…"
    SensitiveRead.objects.create(
        user=user if user.is_authenticated else None,
        organization=organization,
        person=person,
        what=what,
        path=path[:255],
    )
