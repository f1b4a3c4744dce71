from audit.models import SensitiveRead


def log_sensitive_read(*, user, person, what: str, organization=None, path: str = "") -> None:
    """Record that `user` saw `what` about `person`. Called by the views and endpoints
    that show sensitive data, before they answer."""
    SensitiveRead.objects.create(
        user=user if user.is_authenticated else None,
        organization=organization,
        person=person,
        what=what,
        path=path[:255],
    )
