"""Sign-ups per IP address, counted in the cache."""

from django.conf import settings
from django.core.cache import cache

from content.kit.services import hash_ip

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
    key = f"kit:claims:{hash_ip(ip)}"
    cache.add(key, 0, timeout=WINDOW)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=WINDOW)
        count = 1
    return count <= settings.KIT_CLAIMS_PER_IP_PER_HOUR
