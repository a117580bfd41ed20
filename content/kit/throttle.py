"""Sign-ups per IP address, counted in the database (shop.limits), so the
limit is one for every web process and holds while the cache is down."""

from django.conf import settings

from content.kit.services import hash_ip
from shop.limits import services as limits

WINDOW = 3600


def claim_allowed(ip: str) -> bool:
    """Count this claim; False once the address made too many this hour."""
    return limits.hit(
        key=f"kit:claims:{hash_ip(ip)}",
        limit=settings.KIT_CLAIMS_PER_IP_PER_HOUR,
        window=WINDOW,
    )
