"""Paid means delivered: the basket cannot change under a payment in
progress, and a payment that cannot become an order for what was paid goes
back to the card at once, with an e-mail, instead of a dead end."""

from decimal import Decimal

import pytest
from django.core import mail
from django.urls import reverse
from oscar.core.loading import get_model

from shop.payments import stripe_api
from shop.payments.models import StripePayment
from shop.payments.services import fulfilment
from tests.conftest import authenticate_3d_secure
from tests.factories import ProductFactory

Order = get_model("order", "Order")
Basket = get_model("basket", "Basket")
StockRecord = get_model("partner", "StockRecord")

pytestmark = pytest.mark.django_db

PAYMENT_URL = reverse("checkout:payment-details")
THANK_YOU_URL = reverse("checkout:thank-you")


def test_a_payment_records_what_it_pays_for(awaiting_3d_secure):
    payment = StripePayment.objects.get()

    assert payment.amount == 990
    assert payment.currency == "usd"
    assert [(line["title"], line["quantity"]) for line in payment.lines] == [
        ("Weekly Reset Planner", 1)
    ]


def test_changing_the_basket_mid_3d_secure_cancels_that_payment_first(
    guest_at_payment, awaiting_3d_secure, stripe_server, add_to_basket
):
    """Reload the payment page while the bank's window is open, add a
    product, then complete authentication: nothing is charged for the old
    basket, and the new one is paid in full and delivered."""
    guest_at_payment.get(PAYMENT_URL)
    second = ProductFactory(title="Calm Morning Tracker", price=Decimal("12.90"))
    add_to_basket(second)

    authenticated = authenticate_3d_secure(stripe_server, awaiting_3d_secure)
    old = stripe_api.client().v1.payment_intents.retrieve(awaiting_3d_secure.id)
    paid = guest_at_payment.post(
        PAYMENT_URL, {"payment_method": "pm_card_visa"}, follow=True
    )

    assert authenticated >= 400
    assert old.status == "canceled"
    assert paid.redirect_chain[-1][0] == THANK_YOU_URL
    order = Order.objects.get()
    assert str(order.total_incl_tax) == "22.80"
    assert sorted(line.title for line in order.lines.all()) == [
        "Calm Morning Tracker",
        "Weekly Reset Planner",
    ]


def test_a_payment_that_can_no_longer_be_placed_is_refunded_and_the_buyer_told(
    guest_at_payment,
    awaiting_3d_secure,
    stripe_server,
    django_capture_on_commit_callbacks,
):
    """Staff change the price while the buyer's bank checks the card."""
    StockRecord.objects.update(price=Decimal("11.00"))
    assert authenticate_3d_secure(stripe_server, awaiting_3d_secure) == 200

    with django_capture_on_commit_callbacks(execute=True):
        response = guest_at_payment.get(THANK_YOU_URL, follow=True)

    page = response.content.decode()
    assert response.redirect_chain[-1][0] == reverse("basket:summary")
    assert "We refunded the whole payment to your card" in page
    assert not Order.objects.exists()
    payment = StripePayment.objects.get()
    assert payment.status == StripePayment.Status.REFUNDED
    refunds = stripe_api.client().v1.refunds.list(
        params={"payment_intent": awaiting_3d_secure.id}
    )
    assert [refund.amount for refund in refunds.data] == [990]
    (message,) = mail.outbox
    assert message.to == ["reader@example.com"]
    assert "$9.90" in message.body
    assert Basket.objects.get(pk=payment.basket_id).status == Basket.OPEN


def test_a_refunded_payment_is_refunded_once_however_often_it_is_seen(
    guest_at_payment, awaiting_3d_secure, stripe_server
):
    StockRecord.objects.update(price=Decimal("11.00"))
    assert authenticate_3d_secure(stripe_server, awaiting_3d_secure) == 200

    for __ in range(3):
        fulfilment.payment_fulfil(payment_intent_id=awaiting_3d_secure.id)

    refunds = stripe_api.client().v1.refunds.list(
        params={"payment_intent": awaiting_3d_secure.id}
    )
    assert len(refunds.data) == 1


def test_after_a_refund_the_buyer_pays_afresh(
    guest_at_payment, awaiting_3d_secure, stripe_server
):
    StockRecord.objects.update(price=Decimal("11.00"))
    assert authenticate_3d_secure(stripe_server, awaiting_3d_secure) == 200
    guest_at_payment.get(THANK_YOU_URL)

    paid = guest_at_payment.post(
        PAYMENT_URL, {"payment_method": "pm_card_visa"}, follow=True
    )

    assert paid.redirect_chain[-1][0] == THANK_YOU_URL
    assert str(Order.objects.get().total_incl_tax) == "11.00"
    payment = StripePayment.objects.get()
    assert payment.payment_intent_id != awaiting_3d_secure.id
    assert payment.status == StripePayment.Status.PAID


def test_a_payment_of_more_than_the_basket_now_costs_is_refunded_not_placed(
    guest_at_payment, awaiting_3d_secure, stripe_server
):
    """Staff lower the price while the buyer's bank checks the card: the
    $9.90 charged is more than the basket's $5.00, so no order is placed
    for it and the whole payment goes back."""
    StockRecord.objects.update(price=Decimal("5.00"))
    assert authenticate_3d_secure(stripe_server, awaiting_3d_secure) == 200

    response = guest_at_payment.get(THANK_YOU_URL, follow=True)

    assert response.redirect_chain[-1][0] == reverse("basket:summary")
    assert "We refunded the whole payment to your card" in response.content.decode()
    assert not Order.objects.exists()
    assert StripePayment.objects.get().status == StripePayment.Status.REFUNDED
    refunds = stripe_api.client().v1.refunds.list(
        params={"payment_intent": awaiting_3d_secure.id}
    )
    assert [refund.amount for refund in refunds.data] == [990]
