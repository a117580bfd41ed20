"""Reconciliation: a payment whose webhook never came still places its
order, from Stripe's own list of events. localstripe is shared by the whole
test session, so each test looks only at the event of its own PaymentIntent."""

import time

import pytest
from oscar.core.loading import get_model

from shop.payments import stripe_api
from shop.payments.models import EventCursor, StripePayment
from shop.payments.services import stripe_events
from shop.payments.tasks import reconcile_stripe_events

Order = get_model("order", "Order")

pytestmark = pytest.mark.django_db


def _event_of(intent, seconds=5):
    """The payment_intent.succeeded event Stripe recorded for this intent
    (localstripe records it about a second after the payment)."""
    deadline = time.monotonic() + seconds
    while True:
        listing = stripe_api.client().v1.events.list(
            params={"type": "payment_intent.succeeded", "limit": 100}
        )
        for event in listing.auto_paging_iter():
            if event["data"]["object"]["id"] == intent.id:
                return event
        if time.monotonic() > deadline:
            pytest.fail(f"localstripe recorded no event for {intent.id}")
        time.sleep(0.2)


def test_missed_webhook_is_fulfilled_by_reading_stripes_events(paid_intent):
    own = _event_of(paid_intent)

    read = reconcile_stripe_events.call_local()

    payment = StripePayment.objects.get(payment_intent_id=paid_intent.id)
    assert payment.order is not None
    assert payment.order.status == "Paid"
    assert read >= 1
    assert EventCursor.objects.get(name="stripe").last_created >= own["created"]


def test_reading_the_same_events_again_places_no_second_order(paid_intent):
    _event_of(paid_intent)
    stripe_events.events_reconcile()
    order = StripePayment.objects.get(payment_intent_id=paid_intent.id).order
    assert order is not None
    EventCursor.objects.update(last_created=0)

    read_again = stripe_events.events_reconcile()

    assert read_again >= 1
    assert list(Order.objects.all()) == [order]
    assert order.lines.get().download_links.count() == 1
    assert order.payment_events.count() == 1
