"""How long "What's working" takes on a year of a busy shop.

Fills a database of its own with the demo catalogue and articles, then 10,000
orders (one in twenty refunded, one line or all), 50,000 kit sign-ups and a
year of daily article views, spread over the last 365 days, and prints the
report page's time (the whole request: queries, chart, tables, template) for a
year's range and for a month's, the median of several runs.

    .venv/bin/python bench/attribution_report.py                 # SQLite
    BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench_report \\
        .venv/bin/python bench/attribution_report.py             # PostgreSQL

The database named is emptied first (SQLite: the file is replaced).
"""

import os
import random
import statistics
import sys
import tempfile
import time
from datetime import timedelta
from decimal import Decimal
from functools import partial
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

VAR = Path(tempfile.mkdtemp(prefix="attribution-bench-"))
DATABASE_URL = os.environ.get(
    "BENCH_DATABASE_URL", f"sqlite:///{VAR / 'bench.sqlite3'}"
)
os.environ.update(
    DATABASE_URL=DATABASE_URL,
    VAR_DIR=str(VAR),
    DEBUG="0",
    SECRET_KEY="bench-only-not-a-secret",
    STRIPE_LOCAL_NOT_FOR_PRODUCTION="1",
    REDIS_URL="",
    LOG_LEVEL="WARNING",
)
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "shop.settings")

import django  # noqa: E402

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django.utils import timezone  # noqa: E402
from oscar.core.loading import get_model  # noqa: E402

from content.articles.demo import load_articles  # noqa: E402
from content.articles.models import Article  # noqa: E402
from content.kit.models import Subscriber  # noqa: E402
from shop.apps.order.processing import REFUNDED, payment_event_type  # noqa: E402
from shop.attribution.models import (  # noqa: E402
    ArticleDailyViews,
    OrderAttribution,
    SignupAttribution,
)
from shop.demo.activity import reader_touch  # noqa: E402
from shop.demo.catalogue import load_catalogue  # noqa: E402

Order = get_model("order", "Order")
Line = get_model("order", "Line")
PaymentEvent = get_model("order", "PaymentEvent")
PaymentEventQuantity = get_model("order", "PaymentEventQuantity")
Product = get_model("catalogue", "Product")

ORDERS = 10_000
SIGNUPS = 50_000
DAYS = 365
RUNS = 7
SOURCES = (
    ("newsletter", "email", "weekly-note", ""),
    ("pinterest", "social", "spring-habits", "pinterest.com"),
    ("pinterest", "social", "autumn-reset", "pinterest.com"),
    ("", "", "", "google.com"),
    ("", "", "", "duckduckgo.com"),
    ("", "", "", ""),
)


def _fill():
    rng = random.Random(15)
    now = timezone.now()
    load_catalogue()
    load_articles()
    products = list(Product.objects.filter(stockrecords__isnull=False))
    articles = list(Article.objects.published())
    refunded = payment_event_type(REFUNDED)
    touch = partial(reader_touch, rng, articles, sources=SOURCES)
    today = timezone.localdate()
    with transaction.atomic():
        ArticleDailyViews.objects.bulk_create(
            ArticleDailyViews(
                article=article,
                day=today - timedelta(days=day),
                views=rng.randint(20, 400),
            )
            for article in articles
            for day in range(DAYS)
        )
        subscribers = Subscriber.objects.bulk_create(
            Subscriber(
                email=f"bench-{n}@example.invalid",
                consent_version="bench",
                status="confirmed" if n % 5 else "pending",
                confirmed_at=now if n % 5 else None,
            )
            for n in range(SIGNUPS)
        )
        for subscriber in subscribers:
            subscriber.created_at = now - timedelta(days=rng.uniform(0, DAYS))
        Subscriber.objects.bulk_update(subscribers, ["created_at"], batch_size=2000)
        SignupAttribution.objects.bulk_create(
            (
                SignupAttribution(subscriber=subscriber, **touch())
                for subscriber in subscribers
            ),
            batch_size=2000,
        )
        # The rows place_demo_order() would make, in bulk: placing 10,000
        # orders one by one takes about 40 ms each (some 7 minutes).
        orders = Order.objects.bulk_create(
            (
                Order(
                    number=f"BENCH-{n:05d}",
                    currency="USD",
                    total_incl_tax=Decimal("0.00"),
                    total_excl_tax=Decimal("0.00"),
                    shipping_incl_tax=Decimal("0.00"),
                    shipping_excl_tax=Decimal("0.00"),
                    status="Paid",
                    guest_email=f"buyer-{n}@example.invalid",
                    date_placed=now - timedelta(days=rng.uniform(0, DAYS)),
                )
                for n in range(ORDERS)
            ),
            batch_size=2000,
        )
        lines = []
        for order in orders:
            for product in rng.sample(products, k=rng.choice((1, 1, 2))):
                price = product.stockrecords.first().price
                order.total_incl_tax += price
                lines.append(
                    Line(
                        order=order,
                        product=product,
                        title=product.title,
                        partner_name="GoToBetter",
                        partner_sku=product.upc or str(product.pk),
                        quantity=1,
                        line_price_incl_tax=price,
                        line_price_excl_tax=price,
                        line_price_before_discounts_incl_tax=price,
                        line_price_before_discounts_excl_tax=price,
                        unit_price_incl_tax=price,
                        unit_price_excl_tax=price,
                        num_allocated=1,
                    )
                )
            order.total_excl_tax = order.total_incl_tax
        Order.objects.bulk_update(
            orders, ["total_incl_tax", "total_excl_tax"], batch_size=2000
        )
        lines = Line.objects.bulk_create(lines, batch_size=2000)
        OrderAttribution.objects.bulk_create(
            (OrderAttribution(order=order, **touch()) for order in orders),
            batch_size=2000,
        )
        first_lines = {}
        for line in lines:
            first_lines.setdefault(line.order_id, line)
        events = PaymentEvent.objects.bulk_create(
            PaymentEvent(
                order=order,
                event_type=refunded,
                amount=first_lines[order.pk].line_price_incl_tax,
            )
            for order in orders[::20]
        )
        PaymentEventQuantity.objects.bulk_create(
            PaymentEventQuantity(
                event=event, line=first_lines[event.order_id], quantity=1
            )
            for event in events
        )


def _time(client, query) -> float:
    timings = []
    for _ in range(RUNS):
        started = time.perf_counter()
        response = client.get("/dashboard/whats-working/", query, secure=True)
        timings.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, response.status_code
    return statistics.median(timings)


def main():
    if connection.vendor == "sqlite":
        Path(connection.settings_dict["NAME"]).unlink(missing_ok=True)
    else:
        call_command("flush", interactive=False, verbosity=0)
    call_command("migrate", verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)
    started = time.perf_counter()
    _fill()
    print(
        f"{connection.vendor}: filled {ORDERS} orders, {SIGNUPS} sign-ups and "
        f"{DAYS} days of views in {time.perf_counter() - started:.0f} s"
    )
    owner = get_user_model().objects.create_superuser(
        username="bench", email="bench@example.invalid", password=None
    )
    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(owner)
    today = timezone.localdate()
    for label, days in (("year", 365), ("month", 30)):
        query = {
            "start": (today - timedelta(days=days - 1)).isoformat(),
            "end": today.isoformat(),
        }
        print(
            f"{connection.vendor}: report for a {label}: {_time(client, query):.0f} ms"
        )


if __name__ == "__main__":
    main()
