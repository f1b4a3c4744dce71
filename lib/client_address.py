"""The visitor's address, as every rate limit of the site reads it.

Behind N reverse proxies that each append to X-Forwarded-For, the client's address is
the Nth entry from the right: entries further left were written by the client itself
and prove nothing. With no proxy (N = 0, the default) the socket's address is the only
one to trust. `TRUSTED_PROXY_COUNT` says how many proxies there are."""

import ipaddress

from django.conf import settings


def _valid(candidate: str) -> str | None:
    candidate = candidate.strip()
    if candidate.startswith("[") and "]" in candidate:  # [::1]:port
        candidate = candidate[1 : candidate.index("]")]
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:
        return None


def client_address(request) -> str:
    remote = request.META.get("REMOTE_ADDR", "")
    proxies = getattr(settings, "TRUSTED_PROXY_COUNT", 0)
    if proxies > 0:
        header = request.headers.get("X-Forwarded-For", "")
        forwarded = header.split(",") if header.strip() else []
        # A shorter header did not go through every proxy (someone reached an inner one
        # directly): only the socket's address is sure then.
        if len(forwarded) >= proxies:
            found = _valid(forwarded[-proxies])
            if found:
                return found
    return _valid(remote) or remote or "unknown"


def address_block(address: str) -> str:
    """What a limit counts per address: an IPv4 address, or the /64 network of an IPv6
    one (a single subscriber holds a whole /64 and could otherwise rotate through it)."""
    try:
        parsed = ipaddress.ip_address(address)
    except ValueError:
        return address
    if parsed.version == 6:
        return str(ipaddress.ip_network(f"{parsed}/64", strict=False).network_address)
    return address
