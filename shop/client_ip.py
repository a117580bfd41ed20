"""Where a request comes from, as the shop's own proxies saw it.

Every limit per address (kit sign-ups, card payments, sign-in attempts)
reads it here.
"""

from django.conf import settings


def client_ip(request) -> str:
    """The reader's address: the one our own proxies saw, never one a client sent.

    Each of the PROXY_COUNT proxies in front of the shop appends the address it
    heard from to X-Forwarded-For; anything left of those is the client's say.
    """
    if settings.PROXY_COUNT:
        forwarded = request.headers.get("X-Forwarded-For", "").split(",")
        hops = [hop.strip() for hop in forwarded if hop.strip()]
        if len(hops) >= settings.PROXY_COUNT:
            return hops[-settings.PROXY_COUNT]
    return request.META.get("REMOTE_ADDR", "")
