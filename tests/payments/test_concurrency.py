"""Two deliveries of one event at the same moment: one order, on PostgreSQL."""

import threading

import pytest
from django.db import connection
from django.test import Client
from oscar.core.loading import get_model

from shop.payments import stripe_api
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


def test_a_fulfilment_waits_for_one_already_placing_the_order(paid_intent, monkeypatch):
    """The first fulfilment holds its transaction open after reading the
    payment from Stripe; the second must wait for it, then find its order."""
    from shop.payments.services import fulfilment

    retrieve = fulfilment.payment_intent_retrieve
    first_is_placing = threading.Event()
    second_finished = threading.Event()

    def retrieve_then_hold(**kwargs):
        found = retrieve(**kwargs)
        if not first_is_placing.is_set():
            first_is_placing.set()
            # Long enough for an unlocked second fulfilment to place its own.
            second_finished.wait(timeout=3)
        return found

    monkeypatch.setattr(fulfilment, "payment_intent_retrieve", retrieve_then_hold)
    orders = {}

    def fulfil(name, done=None):
        try:
            orders[name] = fulfilment.payment_fulfil(payment_intent_id=paid_intent.id)
        except Exception as error:  # reported below, not lost in the thread
            orders[name] = error
        finally:
            connection.close()
            if done:
                done.set()

    first = threading.Thread(target=fulfil, args=("first",))
    first.start()
    assert first_is_placing.wait(timeout=30)
    second = threading.Thread(
        target=fulfil, args=("second",), kwargs={"done": second_finished}
    )
    second.start()
    first.join(timeout=60)
    second.join(timeout=60)

    order = Order.objects.get()
    assert orders == {"first": order, "second": order}
    assert order.lines.get().download_links.count() == 1


def test_two_simultaneous_refunds_of_one_line_refund_it_once(two_line_order):
    from shop.payments.services import refunds

    tracker = two_line_order.lines.get(title="Calm Morning Tracker")
    start = threading.Barrier(2)
    outcomes = []

    def refund():
        from django.db import connections

        try:
            start.wait()
            refunds.order_refund(order=two_line_order, line_ids=[tracker.pk])
            outcomes.append("refunded")
        except refunds.RefundRefused:
            outcomes.append("refused")
        finally:
            connections.close_all()

    threads = [threading.Thread(target=refund) for __ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert sorted(outcomes) == ["refunded", "refused"]
    events = two_line_order.payment_events.filter(event_type__code="refunded")
    assert events.count() == 1
    payment = StripePayment.objects.get(order=two_line_order)
    at_stripe = stripe_api.client().v1.refunds.list(
        params={"payment_intent": payment.payment_intent_id}
    )
    assert len(at_stripe.data) == 1
