import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from oscar.core.loading import get_model

from shop.payments.models import StripePayment
from shop.payments.services import checkout

Benefit = get_model("offer", "Benefit")
Condition = get_model("offer", "Condition")
ConditionalOffer = get_model("offer", "ConditionalOffer")
Range = get_model("offer", "Range")
Voucher = get_model("voucher", "Voucher")
Order = get_model("order", "Order")

pytestmark = pytest.mark.django_db
PAYMENT_URL = reverse("checkout:payment-details")


def _voucher(code, percent):
    everything = Range.objects.create(name=f"All {code}", includes_all_products=True)
    offer = ConditionalOffer.objects.create(
        name=f"{percent}% off",
        offer_type=ConditionalOffer.VOUCHER,
        condition=Condition.objects.create(
            range=everything, type=Condition.COUNT, value=1
        ),
        benefit=Benefit.objects.create(
            range=everything, type=Benefit.PERCENTAGE, value=percent
        ),
    )
    voucher = Voucher.objects.create(
        name=code,
        code=code,
        start_datetime=timezone.now() - datetime.timedelta(days=1),
        end_datetime=timezone.now() + datetime.timedelta(days=30),
    )
    voucher.offers.add(offer)
    return voucher


def _checkout_with_voucher(client, printable, add_to_basket, code):
    add_to_basket(printable)
    client.post(reverse("basket:vouchers-add"), {"code": code})
    client.post(reverse("checkout:index"), {"email": "reader@example.com"}, follow=True)


def test_card_is_charged_the_total_after_a_voucher(
    client, stripe_server, printable, add_to_basket
):
    _voucher("HALF", 50)
    _checkout_with_voucher(client, printable, add_to_basket, "HALF")

    client.post(PAYMENT_URL, {"payment_method": "pm_card_visa"})

    order = Order.objects.get()
    assert str(order.total_incl_tax) == "4.95"
    intent = checkout.payment_intent_retrieve(payment=StripePayment.objects.get())
    assert intent.amount == 495
    assert order.voucherapplication_set.get().voucher.code == "HALF"


def test_order_a_voucher_makes_free_completes_without_a_card(
    client, stripe_server, printable, add_to_basket
):
    _voucher("GIFT", 100)
    _checkout_with_voucher(client, printable, add_to_basket, "GIFT")

    page = client.get(PAYMENT_URL).content.decode()
    response = client.post(PAYMENT_URL, {}, follow=True)

    assert "Nothing to pay" in page
    assert "card-element" not in page
    order = Order.objects.get()
    assert str(order.total_incl_tax) == "0.00"
    assert StripePayment.objects.get().payment_intent_id is None
    assert order.number in response.content.decode()
    assert order.lines.get().download_links.count() == 1
