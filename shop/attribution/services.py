"""Keeping what led to a sign-up or an order, and only for those."""

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from shop.attribution.models import (
    BasketAttribution,
    OrderAttribution,
    SignupAttribution,
)
from shop.attribution.touches import UTM_FIELDS, Touch

TOUCH_FIELDS = (
    "article",
    "article_read_at",
    "page",
    "referrer_domain",
    *UTM_FIELDS,
)


def _copy(source, target) -> None:
    for name in TOUCH_FIELDS:
        setattr(target, name, getattr(source, name))


@transaction.atomic
def basket_attribute(*, basket, touch: Touch) -> BasketAttribution | None:
    """The basket's last touch: a newer article, page or landing replaces the
    one kept; an addition that knows nothing new leaves it as it was."""
    if not touch:
        return None
    kept = BasketAttribution.objects.select_for_update().filter(basket=basket).first()
    kept = kept or BasketAttribution(basket=basket)
    if touch.article is not None:
        kept.article, kept.article_read_at = touch.article, touch.article_read_at
    if touch.page or touch.article is not None:
        kept.page = touch.page
    if touch.referrer_domain or any(touch.utm.values()):
        kept.referrer_domain = touch.referrer_domain
        for name, value in touch.utm.items():
            setattr(kept, name, value)
    kept.full_clean(exclude=["basket"])
    kept.save()
    return kept


def order_attribute(*, order) -> OrderAttribution:
    """Every order gets its record, taken from its basket's touch (an order
    with none is direct). Runs inside the order's own transaction."""
    attribution = OrderAttribution(order=order)
    kept = BasketAttribution.objects.filter(basket_id=order.basket_id).first()
    if kept is not None:
        _copy(kept, attribution)
        kept.delete()
    attribution.full_clean(exclude=["order"])
    attribution.save()
    return attribution


def signup_attribute(*, subscriber, touch: Touch) -> SignupAttribution:
    """The touch that led to this sign-up (a new one, or one after leaving)."""
    attribution = SignupAttribution.objects.filter(subscriber=subscriber).first()
    attribution = attribution or SignupAttribution(subscriber=subscriber)
    for name, value in touch.as_fields().items():
        setattr(attribution, name, value)
    attribution.full_clean(exclude=["subscriber"])
    attribution.save()
    return attribution


def basket_attributions_prune(*, now=None) -> int:
    """Forget the touches of baskets that were never bought: a basket left for
    ``ATTRIBUTION_BASKET_DAYS`` keeps nothing about how it was found."""
    now = now or timezone.now()
    cutoff = now - timedelta(days=settings.ATTRIBUTION_BASKET_DAYS)
    deleted, _ = BasketAttribution.objects.filter(created_at__lt=cutoff).delete()
    return deleted
