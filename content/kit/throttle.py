"""Sign-ups per IP address, counted in the database (shop.limits), so the
limit is one for every web process and holds while the cache is down."""

from django.conf import settings

from content.kit.services import hash_ip
from shop.limits import services as limits

WINDOW = 3600


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


def claim_allowed(ip: str) -> bool:
    """Count this claim; False once the address made too many this hour."""
    return limits.hit(
        key=f"kit:claims:{hash_ip(ip)}",
        limit=settings.KIT_CLAIMS_PER_IP_PER_HOUR,
        window=WINDOW,
    )
