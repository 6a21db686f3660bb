"""The client's address, for login throttling (django-axes)."""

from django.conf import settings


def client_ip(request) -> str:
    """``REMOTE_ADDR``, or behind ``WARTA_TRUSTED_PROXIES`` proxies the address
    the outermost of them received the request from (``X-Forwarded-For`` holds
    one address per proxy, the client's first; entries before the last N may be
    forged by the client and are never used)."""
    count = settings.WARTA_TRUSTED_PROXIES
    remote = request.META.get("REMOTE_ADDR", "")
    if count <= 0:
        return remote
    forwarded = [
        part.strip()
        for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
        if part.strip()
    ]
    if len(forwarded) < count:
        return remote
    return forwarded[-count]
