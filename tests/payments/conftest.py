import json
import time

import pytest
from django.urls import reverse
from stripe import WebhookSignature

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
    from shop.payments import services
    from shop.payments.models import StripePayment

    guest_at_payment.get(reverse("checkout:payment-details"))
    payment = StripePayment.objects.get()
    total = services.basket_total(basket=payment.basket)
    return services.payment_confirm(
        payment=payment, payment_method_id="pm_card_visa", total=total
    )
