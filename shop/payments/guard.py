"""The card-testing guard: how many card payments are tried, and declined,
per basket, per address and across the shop each hour.

Someone testing stolen cards tries many cards, most declined, often from one
address or one basket. A real buyer with one declined card and then a good
one is far below every limit. Counted in the database (shop.limits), so the
limits hold for every web process and while the cache is down.
"""

import logging
from datetime import timedelta

from django.conf import settings
from django.utils.crypto import salted_hmac

from shop.limits import services as limits
from shop.payments.models import BlockedCardAttempt

logger = logging.getLogger(__name__)

HOUR = timedelta(hours=1)
Reason = BlockedCardAttempt.Reason


def _scopes(*, basket, ip):
    ip_hash = _hash_ip(ip)
    return [
        (
            Reason.BASKET,
            f"basket:{basket.pk}",
            settings.CARD_ATTEMPTS_PER_BASKET_PER_HOUR,
            settings.CARD_DECLINES_PER_BASKET_PER_HOUR,
        ),
        (
            Reason.ADDRESS,
            f"ip:{ip_hash}",
            settings.CARD_ATTEMPTS_PER_IP_PER_HOUR,
            settings.CARD_DECLINES_PER_IP_PER_HOUR,
        ),
        (Reason.SHOP, "shop", None, settings.CARD_DECLINES_PER_HOUR),
    ]


def card_attempt_allowed(*, basket, ip) -> bool:
    """Count one card payment about to be tried; False (and recorded for
    staff) when this basket, this address or the shop has had too many
    tries or declined cards this hour."""
    for reason, scope, attempts, declines in _scopes(basket=basket, ip=ip):
        # The attempt is counted first: that UPDATE holds the basket's and the
        # address's row until this payment's transaction ends, so tries from
        # one basket or address run one after another, and each reads the
        # declines the one before it counted (on PostgreSQL as on SQLite).
        over_attempts = attempts is not None and not limits.hit(
            key=f"card:attempts:{scope}", limit=attempts, window=HOUR
        )
        if over_attempts or limits.exhausted(
            key=f"card:declines:{scope}", limit=declines
        ):
            BlockedCardAttempt.objects.create(
                reason=reason, ip_hash=_hash_ip(ip), basket_id=basket.pk
            )
            logger.warning(
                "card payment refused by the card-testing guard",
                extra={"reason": reason, "basket": basket.pk},
            )
            return False
    return True


def card_declined(*, basket, ip) -> None:
    """Count a declined card against the basket, the address and the shop."""
    for __, scope, __, declines in _scopes(basket=basket, ip=ip):
        limits.hit(key=f"card:declines:{scope}", limit=declines, window=HOUR)


def _hash_ip(ip: str) -> str:
    if not ip:
        return ""
    return salted_hmac("payments.ip", ip, algorithm="sha256").hexdigest()
