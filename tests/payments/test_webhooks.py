import time

import pytest
from django.urls import reverse
from oscar.core.loading import get_model

from shop.downloads.models import DownloadLink
from shop.payments import stripe_api
from shop.payments.models import StripePayment
from tests.conftest import card_payment_method
from tests.payments.conftest import WEBHOOK_URL, event, signed

Order = get_model("order", "Order")
PAYMENT_URL = reverse("checkout:payment-details")

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


def _intent_at_stripe(payment, *, amount, currency="usd", basket_id=None):
    """A PaymentIntent that Stripe really holds as paid, made the basket's
    own, for amounts, currencies and baskets a buyer could not get past the
    payment page."""
    intents = stripe_api.client().v1.payment_intents
    intent = intents.create(
        params={
            "amount": amount,
            "currency": currency,
            "payment_method": "pm_card_visa",
            "metadata": {
                "order_number": payment.order_number,
                "basket_id": str(basket_id or payment.basket_id),
            },
        }
    )
    intent = intents.confirm(intent.id)
    assert intent.status == "succeeded"
    payment.payment_intent_id = intent.id
    payment.save()
    return intent


def test_forged_success_for_an_intent_still_awaiting_3d_secure_places_nothing(
    guest_at_payment, stripe_server, post_event
):
    """The event is signed with the right secret, but Stripe still waits for
    the buyer's bank: Stripe's word counts, not the event's."""
    card = card_payment_method(stripe_server, "4000002500003155")
    guest_at_payment.post(PAYMENT_URL, {"payment_method": card})
    payment = StripePayment.objects.get()
    intent = stripe_api.client().v1.payment_intents.retrieve(payment.payment_intent_id)
    assert intent.status == "requires_action"

    response = post_event(_succeeded(intent, status="succeeded"))

    assert response.status_code == 200
    assert not Order.objects.exists()
    assert not DownloadLink.objects.exists()
    assert StripePayment.objects.get().status == StripePayment.Status.PENDING


def test_forged_amount_in_the_event_is_not_believed(paid_intent, post_event):
    payment = StripePayment.objects.get()
    intent = _intent_at_stripe(payment, amount=1)

    response = post_event(_succeeded(intent, amount=990))

    assert response.status_code == 200
    assert not Order.objects.exists()
    assert StripePayment.objects.get().status == StripePayment.Status.REFUNDED


def test_a_payment_in_another_currency_is_refunded_not_fulfilled(
    paid_intent, post_event
):
    payment = StripePayment.objects.get()
    intent = _intent_at_stripe(payment, amount=990, currency="eur")

    post_event(_succeeded(intent, currency="usd"))

    assert not Order.objects.exists()
    assert StripePayment.objects.get().status == StripePayment.Status.REFUNDED
    refunds = stripe_api.client().v1.refunds.list(params={"payment_intent": intent.id})
    assert [refund.amount for refund in refunds.data] == [990]


def test_payment_made_for_another_basket_places_nothing(paid_intent, post_event):
    payment = StripePayment.objects.get()
    intent = _intent_at_stripe(payment, amount=990, basket_id=payment.basket_id + 1)

    post_event(_succeeded(intent))

    assert not Order.objects.exists()
    assert StripePayment.objects.get().status == StripePayment.Status.MISMATCH


def test_event_is_answered_503_when_stripe_cannot_be_asked(
    paid_intent, post_event, settings
):
    from tests.conftest import _free_port

    settings.STRIPE_API_BASE = f"http://127.0.0.1:{_free_port()}"

    response = post_event(_succeeded(paid_intent))

    assert response.status_code == 503
    assert not Order.objects.exists()


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


def test_webhook_answers_get_with_405(client, stripe_server):
    assert client.get(WEBHOOK_URL).status_code == 405


def test_an_event_just_inside_the_tolerance_is_accepted(paid_intent, post_event):
    almost_five_minutes_ago = int(time.time()) - 290

    response = post_event(_succeeded(paid_intent), timestamp=almost_five_minutes_ago)

    assert response.status_code == 200
    assert Order.objects.get().status == "Paid"


def test_a_payment_of_more_than_the_basket_is_refunded_not_fulfilled(
    paid_intent, post_event
):
    payment = StripePayment.objects.get()
    intent = _intent_at_stripe(payment, amount=2000)

    post_event(_succeeded(intent))

    assert not Order.objects.exists()
    assert StripePayment.objects.get().status == StripePayment.Status.REFUNDED
    refunds = stripe_api.client().v1.refunds.list(params={"payment_intent": intent.id})
    assert [refund.amount for refund in refunds.data] == [2000]


def test_an_event_signed_a_second_past_the_tolerance_is_refused(
    paid_intent, post_event, clock, settings
):
    signed_at = int(time.time())
    clock.shift(settings.STRIPE_WEBHOOK_TOLERANCE + 1)

    response = post_event(_succeeded(paid_intent), timestamp=signed_at)

    assert response.status_code == 400
    assert not Order.objects.exists()


def test_a_payment_recorded_before_lines_were_kept_is_placed_by_its_total(
    paid_intent, post_event
):
    StripePayment.objects.update(amount=None, currency="", lines=[])

    response = post_event(_succeeded(paid_intent))

    assert response.status_code == 200
    assert str(Order.objects.get().total_incl_tax) == "9.90"
    assert StripePayment.objects.get().status == StripePayment.Status.PAID
