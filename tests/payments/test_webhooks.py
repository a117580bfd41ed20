import time

import pytest
from oscar.core.loading import get_model

from shop.payments.models import StripePayment
from tests.payments.conftest import WEBHOOK_URL, event, signed

Order = get_model("order", "Order")

pytestmark = pytest.mark.django_db


def _succeeded(intent, **changes):
    obj = intent.to_dict()
    obj.update(changes)
    return event("payment_intent.succeeded", obj)


def test_signed_payment_succeeded_event_places_the_paid_order(paid_intent, post_event):
    response = post_event(_succeeded(paid_intent))

    assert response.status_code == 200
    order = Order.objects.get()
    assert order.status == "Paid"
    assert StripePayment.objects.get().order == order


def test_same_event_twice_places_one_order(paid_intent, post_event):
    first = post_event(_succeeded(paid_intent))
    second = post_event(_succeeded(paid_intent))

    assert (first.status_code, second.status_code) == (200, 200)
    assert Order.objects.count() == 1
    assert Order.objects.get().lines.get().download_links.count() == 1


def test_event_without_signature_is_refused(client, stripe_server, paid_intent):
    body, __ = signed(_succeeded(paid_intent), secret="whsec_tests")

    response = client.generic(
        "POST", WEBHOOK_URL, body, content_type="application/json"
    )

    assert response.status_code == 400
    assert not Order.objects.exists()


def test_event_signed_with_another_secret_is_refused(paid_intent, post_event):
    response = post_event(_succeeded(paid_intent), secret="whsec_someone_else")

    assert response.status_code == 400
    assert not Order.objects.exists()


def test_event_replayed_after_the_tolerance_is_refused(paid_intent, post_event):
    ten_minutes_ago = int(time.time()) - 600

    response = post_event(_succeeded(paid_intent), timestamp=ten_minutes_ago)

    assert response.status_code == 400
    assert not Order.objects.exists()


def test_paid_amount_different_from_the_basket_is_flagged_not_fulfilled(
    paid_intent, post_event
):
    response = post_event(_succeeded(paid_intent, amount=1))

    assert response.status_code == 200
    assert not Order.objects.exists()
    assert StripePayment.objects.get().status == StripePayment.Status.MISMATCH


def test_paid_currency_different_from_the_basket_is_flagged_not_fulfilled(
    paid_intent, post_event
):
    post_event(_succeeded(paid_intent, currency="eur"))

    assert not Order.objects.exists()
    assert StripePayment.objects.get().status == StripePayment.Status.MISMATCH


def test_unknown_payment_intent_is_answered_and_changes_nothing(
    stripe_server, post_event
):
    response = post_event(
        event(
            "payment_intent.succeeded",
            {
                "id": "pi_unknown",
                "object": "payment_intent",
                "status": "succeeded",
                "amount": 990,
                "currency": "usd",
            },
        )
    )

    assert response.status_code == 200
    assert not Order.objects.exists()


def test_unknown_event_type_is_answered_and_changes_nothing(paid_intent, post_event):
    response = post_event(event("customer.created", {"id": "cus_1"}))

    assert response.status_code == 200
    assert not Order.objects.exists()


def test_event_for_an_unpaid_intent_places_no_order(paid_intent, post_event):
    response = post_event(_succeeded(paid_intent, status="requires_payment_method"))

    assert response.status_code == 200
    assert not Order.objects.exists()


def test_webhook_answers_get_with_405(client, stripe_server):
    assert client.get(WEBHOOK_URL).status_code == 405
