"""Sign-ups per IP address, counted in the cache."""

from django.conf import settings
from django.core.cache import cache

from content.kit.services import hash_ip

WINDOW = 3600


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
