"""Three months of demo readers, sign-ups and orders, so "What's working"
shows something on a fresh ``make run``.

Loaded once (an order numbered ``DEMO-...`` means it is there); drawn from a
fixed seed, so every machine gets the same figures. Demo buyers and readers
have addresses at example.invalid and are sent nothing: the orders are placed
as fulfilment places them, without the receipt.
"""

import random
from datetime import timedelta

from django.db import transaction
from django.utils import timezone
from oscar.core.loading import get_model

from content.articles.models import Article
from content.kit.consent import CONSENT_VERSION
from content.kit.models import Subscriber
from shop.attribution.models import (
    ArticleDailyViews,
    OrderAttribution,
    SignupAttribution,
)
from shop.demo.orders import place_demo_order

Order = get_model("order", "Order")
Product = get_model("catalogue", "Product")

DAYS = 90
PREFIX = "DEMO-"
# Where demo readers came from: (utm_source, utm_medium, utm_campaign, referrer).
SOURCES = (
    ("newsletter", "email", "weekly-note", ""),
    ("pinterest", "social", "spring-habits", "pinterest.com"),
    ("", "", "", "google.com"),
    ("", "", "", "duckduckgo.com"),
    ("", "", "", ""),
)


def load_activity() -> int:
    """Add the demo activity once; the number of demo orders placed."""
    if Order.objects.filter(number__startswith=PREFIX).exists():
        return 0
    articles = list(Article.objects.published().order_by("pk"))
    products = [p for p in Product.objects.order_by("pk") if p.stockrecords.exists()]
    if not articles or not products:
        return 0
    rng = random.Random(15)
    now = timezone.now()
    with transaction.atomic():
        _views(rng, articles, now)
        _signups(rng, articles, now)
        return _orders(rng, articles, products, now)


def reader_touch(rng, articles, *, sources=SOURCES) -> dict:
    """Where a demo reader came from, as an attribution row's fields."""
    source, medium, campaign, referrer = rng.choice(sources)
    # Most readers who act read an article first; the best ones bring more.
    article = rng.choices([*articles, None], weights=[*range(len(articles), 0, -1), 2])
    return {
        "article": article[0],
        "utm_source": source,
        "utm_medium": medium,
        "utm_campaign": campaign,
        "referrer_domain": referrer,
    }


def _views(rng, articles, now):
    today = timezone.localdate(now)
    ArticleDailyViews.objects.bulk_create(
        [
            ArticleDailyViews(
                article=article,
                day=today - timedelta(days=day),
                views=rng.randint(10, 60) * (len(articles) - rank),
            )
            for rank, article in enumerate(articles)
            for day in range(DAYS)
        ],
        ignore_conflicts=True,
    )


def _signups(rng, articles, now):
    for number in range(120):
        touch = reader_touch(rng, articles)
        created = now - timedelta(days=rng.uniform(0, DAYS))
        confirmed = rng.random() < 0.8
        status = Subscriber.Status.CONFIRMED if confirmed else Subscriber.Status.PENDING
        subscriber = Subscriber.objects.create(
            email=f"demo-reader-{number}@example.invalid",
            source=touch["article"].slug if touch["article"] else "kit",
            consent_version=CONSENT_VERSION,
            status=status,
            confirmed_at=created + timedelta(minutes=5) if confirmed else None,
        )
        Subscriber.objects.filter(pk=subscriber.pk).update(created_at=created)
        SignupAttribution.objects.create(
            subscriber=subscriber,
            article_read_at=created if touch["article"] else None,
            **touch,
        )


def _orders(rng, articles, products, now) -> int:
    count = 45
    for number in range(count):
        order = place_demo_order(
            products=rng.sample(products, k=rng.choice((1, 1, 1, 2))),
            number=f"{PREFIX}{number + 1:04d}",
            email=f"demo-buyer-{number}@example.invalid",
        )
        placed = now - timedelta(days=rng.uniform(0, DAYS))
        Order.objects.filter(pk=order.pk).update(date_placed=placed)
        touch = reader_touch(rng, articles)
        OrderAttribution.objects.filter(order=order).update(
            article_read_at=placed if touch["article"] else None, **touch
        )
    return count
