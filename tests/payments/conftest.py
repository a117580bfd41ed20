import json
import time
from decimal import Decimal

import pytest
from django.urls import reverse
from oscar.core.loading import get_model
from stripe import WebhookSignature

from tests.factories import ProductFactory

WEBHOOK_URL = reverse("payments:stripe-webhook")


def signed(payload: dict, *, secret: str, timestamp: int | None = None):
    """The body and Stripe-Signature header, made exactly as Stripe makes them."""
    body = json.dumps(payload)
    timestamp = int(time.time()) if timestamp is None else timestamp
    signature = WebhookSignature._compute_signature(f"{timestamp}.{body}", secret)
    return body, f"t={timestamp},v1={signature}"


def event(event_type: str, obj: dict, event_id: str = "evt_test_1") -> dict:
    return {
        "id": event_id,
        "object": "event",
        "type": event_type,
        "created": int(time.time()),
        "data": {"object": obj},
    }


@pytest.fixture
def post_event(client, settings):
    def post(payload, *, secret=None, timestamp=None):
        body, header = signed(
            payload,
            secret=secret or settings.STRIPE_WEBHOOK_SECRET,
            timestamp=timestamp,
        )
        return client.generic(
            "POST",
            WEBHOOK_URL,
            body,
            content_type="application/json",
            HTTP_STRIPE_SIGNATURE=header,
        )

    return post


@pytest.fixture
def paid_intent(guest_at_payment, stripe_server):
    """A basket whose card payment succeeded at Stripe, with no order yet
    (as when the buyer closed the tab before the thank-you page)."""
    from shop.payments.models import StripePayment
    from shop.payments.services import checkout

    guest_at_payment.get(reverse("checkout:payment-details"))
    payment = StripePayment.objects.get()
    total = checkout.basket_total(basket=payment.basket)
    return checkout.payment_confirm(
        payment=payment, payment_method_id="pm_card_visa", total=total
    )


@pytest.fixture
def two_line_order(client, stripe_server, printable, add_to_basket):
    """A paid guest order: the $9.90 planner and a $4.50 tracker, one file each."""
    second = ProductFactory(title="Calm Morning Tracker", price=Decimal("4.50"))
    add_to_basket(printable)
    add_to_basket(second)
    client.post(reverse("checkout:index"), {"email": "reader@example.com"}, follow=True)
    client.post(reverse("checkout:payment-details"), {"payment_method": "pm_card_visa"})
    return get_model("order", "Order").objects.get()


def usable_titles(order) -> set[str]:
    """The titles of the order's lines whose downloads still work."""
    from shop.downloads.models import DownloadLink

    return set(
        DownloadLink.objects.usable()
        .filter(line__order=order)
        .values_list("line__title", flat=True)
    )


def charge_refunded(order, *, amount_refunded, refunds, with_refunds_list=True):
    """A `charge.refunded` event for the order's charge, as Stripe sends it:
    `refunds` is a list of (refund id, amount in cents)."""
    from shop.payments.models import StripePayment

    payment = StripePayment.objects.get(order=order)
    paid = int(order.total_incl_tax * 100)
    charge = {
        "id": "ch_test_1",
        "object": "charge",
        "amount": paid,
        "amount_refunded": amount_refunded,
        "currency": "usd",
        "payment_intent": payment.payment_intent_id,
        "refunded": amount_refunded >= paid,
    }
    if with_refunds_list:
        charge["refunds"] = {
            "object": "list",
            "has_more": False,
            "data": [
                {"id": rid, "object": "refund", "amount": amount}
                for rid, amount in refunds
            ],
        }
    return event("charge.refunded", charge, event_id=f"evt_refund_{time.time_ns()}")


def refunded_in_stripe(order, cents):
    """A refund made in Stripe's dashboard (here at localstripe), and the
    `charge.refunded` event Stripe then sends, listing the charge's refunds."""
    from shop.payments import stripe_api
    from shop.payments.models import StripePayment

    payment = StripePayment.objects.get(order=order)
    client = stripe_api.client()
    client.v1.refunds.create(
        params={"payment_intent": payment.payment_intent_id, "amount": cents}
    )
    made = client.v1.refunds.list(
        params={"payment_intent": payment.payment_intent_id}
    ).data
    refunded = charge_refunded(
        order,
        amount_refunded=sum(refund.amount for refund in made),
        refunds=[(refund.id, refund.amount) for refund in made],
    )
    refunded["data"]["object"]["id"] = made[0].charge
    return refunded
