import time

import pytest
from oscar.core.loading import get_model

from shop.payments.models import EventCursor, StripePayment
from shop.payments.services import stripe_events
from shop.payments.tasks import reconcile_stripe_events

Order = get_model("order", "Order")

pytestmark = pytest.mark.django_db


def _wait_for_event(check, seconds=5):
    # localstripe records the event about a second after the payment.
    deadline = time.monotonic() + seconds
    while not check():
        if time.monotonic() > deadline:
            pytest.fail("localstripe recorded no payment_intent.succeeded event")
        time.sleep(0.2)


def test_missed_webhook_is_fulfilled_by_reading_stripes_events(paid_intent):
    from shop.payments import stripe_api

    def recorded():
        events = stripe_api.client().v1.events.list(
            params={"type": "payment_intent.succeeded", "limit": 100}
        )
        return any(e["data"]["object"]["id"] == paid_intent.id for e in events.data)

    _wait_for_event(recorded)

    read = reconcile_stripe_events.call_local()

    assert read >= 1
    order = Order.objects.get()
    assert StripePayment.objects.get(payment_intent_id=paid_intent.id).order == order
    assert EventCursor.objects.get(name="stripe").last_created > 0


def test_reading_the_same_events_again_places_no_second_order(paid_intent):
    from shop.payments import stripe_api

    _wait_for_event(
        lambda: (
            stripe_api.client()
            .v1.events.list(params={"type": "payment_intent.succeeded"})
            .data
        )
    )
    stripe_events.events_reconcile()
    EventCursor.objects.update(last_created=0)

    stripe_events.events_reconcile()

    assert Order.objects.count() == 1
