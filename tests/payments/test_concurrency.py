"""Two deliveries of one event at the same moment: one order, on PostgreSQL."""

import threading

import pytest
from django.db import connection
from django.test import Client
from oscar.core.loading import get_model

from shop.payments.models import StripePayment
from tests.payments.conftest import WEBHOOK_URL, event, signed

Order = get_model("order", "Order")

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="row locks need PostgreSQL (DATABASE_URL=postgres://...)",
    ),
]


def test_two_simultaneous_deliveries_of_one_event_place_one_order(
    paid_intent, settings
):
    body, header = signed(
        event("payment_intent.succeeded", paid_intent.to_dict()),
        secret=settings.STRIPE_WEBHOOK_SECRET,
    )
    start = threading.Barrier(2)
    statuses = []

    def deliver():
        from django.db import connections

        try:
            start.wait()
            response = Client().generic(
                "POST",
                WEBHOOK_URL,
                body,
                content_type="application/json",
                HTTP_STRIPE_SIGNATURE=header,
            )
            statuses.append(response.status_code)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=deliver) for __ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert statuses == [200, 200]
    assert Order.objects.count() == 1
    order = Order.objects.get()
    assert StripePayment.objects.get().order == order
    assert order.lines.get().download_links.count() == 1
