"""`charge.refunded` events for a payment the shop has no order for."""

import pytest
from oscar.core.loading import get_model

from shop.payments.models import StripePayment
from tests.payments.conftest import event

Order = get_model("order", "Order")
PaymentEvent = get_model("order", "PaymentEvent")

pytestmark = pytest.mark.django_db


def _charge_refunded(payment_intent_id):
    return event(
        "charge.refunded",
        {
            "id": "ch_test_1",
            "object": "charge",
            "amount": 990,
            "amount_refunded": 990,
            "currency": "usd",
            "payment_intent": payment_intent_id,
            "refunded": True,
            "refunds": {
                "object": "list",
                "has_more": False,
                "data": [{"id": "re_1", "object": "refund", "amount": 990}],
            },
        },
    )


def test_a_refund_of_an_unknown_payment_is_answered_and_changes_nothing(
    stripe_server, post_event
):
    response = post_event(_charge_refunded("pi_unknown"))

    assert response.status_code == 200
    assert not PaymentEvent.objects.exists()


def test_a_refund_before_the_order_was_placed_is_answered_and_places_nothing(
    paid_intent, post_event
):
    response = post_event(_charge_refunded(paid_intent.id))

    assert response.status_code == 200
    assert StripePayment.objects.get().order is None
    assert not Order.objects.exists()
