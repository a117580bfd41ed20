"""The checkout's ways back: the thank-you page placing the order when the
webhook is late, what the buyer reads when a payment did not go through or
Stripe cannot be asked, and a basket frozen for a payment in progress."""

import pytest
from django.urls import reverse
from oscar.core.loading import get_model

from shop.apps.checkout.views import STILL_CONFIRMING
from shop.payments import stripe_api
from shop.payments.models import StripePayment
from tests.conftest import _free_port, authenticate_3d_secure, card_payment_method

Order = get_model("order", "Order")
Basket = get_model("basket", "Basket")

pytestmark = pytest.mark.django_db

PAYMENT_URL = reverse("checkout:payment-details")
THANK_YOU_URL = reverse("checkout:thank-you")
NOT_COMPLETED = (
    "The payment was not completed (the card&#x27;s authentication failed). "
    "Nothing was charged; please try again or use another card."
)


def _intent_ids() -> set[str]:
    """Every PaymentIntent at the session's shared localstripe."""
    listing = stripe_api.client().v1.payment_intents.list(params={"limit": 100})
    return {intent.id for intent in listing.auto_paging_iter()}


def _stripe_down(settings):
    settings.STRIPE_API_BASE = f"http://127.0.0.1:{_free_port()}"


def test_the_thank_you_page_places_the_order_when_the_webhook_is_late(
    guest_at_payment, awaiting_3d_secure, stripe_server
):
    assert authenticate_3d_secure(stripe_server, awaiting_3d_secure) == 200

    response = guest_at_payment.get(THANK_YOU_URL)

    assert response.status_code == 200
    order = Order.objects.get()
    assert order.status == "Paid"
    page = response.content.decode()
    assert order.number in page
    assert "Download Weekly Reset Planner (PDF)" in page
    assert StripePayment.objects.get().order == order


def test_a_failed_3d_secure_says_nothing_was_charged_and_gives_the_basket_back(
    guest_at_payment, awaiting_3d_secure, stripe_server
):
    authenticate_3d_secure(stripe_server, awaiting_3d_secure, success=False)

    response = guest_at_payment.get(THANK_YOU_URL, follow=True)

    assert response.redirect_chain[-1][0] == PAYMENT_URL
    page = response.content.decode()
    assert NOT_COMPLETED in page
    assert "data-setup-secret=" in page  # the card form, to try again
    assert not Order.objects.exists()
    assert Basket.objects.get().status == Basket.OPEN
    intents = stripe_api.client().v1.payment_intents
    assert intents.retrieve(awaiting_3d_secure.id).status == "canceled"


def test_back_on_the_payment_page_after_paying_in_another_tab_places_the_order(
    guest_at_payment, awaiting_3d_secure, stripe_server
):
    assert authenticate_3d_secure(stripe_server, awaiting_3d_secure) == 200

    response = guest_at_payment.get(PAYMENT_URL, follow=True)

    assert response.redirect_chain[-1][0] == THANK_YOU_URL
    order = Order.objects.get()
    assert order.number in response.content.decode()
    assert StripePayment.objects.get().payment_intent_id == awaiting_3d_secure.id


def test_a_basket_frozen_for_a_payment_stays_so_while_stripe_cannot_be_asked(
    guest_at_payment, awaiting_3d_secure, settings
):
    _stripe_down(settings)

    response = guest_at_payment.get(PAYMENT_URL, follow=True)

    assert response.redirect_chain[-1][0] == reverse("basket:summary")
    page = response.content.decode()
    assert STILL_CONFIRMING in page
    assert "data-setup-secret=" not in page
    assert Basket.objects.get().status == Basket.FROZEN
    assert not Order.objects.exists()


def test_the_thank_you_page_says_still_confirming_until_stripe_answers(
    guest_at_payment, awaiting_3d_secure, stripe_server, settings
):
    assert authenticate_3d_secure(stripe_server, awaiting_3d_secure) == 200
    _stripe_down(settings)

    waiting = guest_at_payment.get(THANK_YOU_URL, follow=True)

    assert waiting.redirect_chain[-1][0] == reverse("basket:summary")
    assert STILL_CONFIRMING in waiting.content.decode()
    assert not Order.objects.exists()

    settings.STRIPE_API_BASE = stripe_server
    placed = guest_at_payment.get(THANK_YOU_URL)

    assert placed.status_code == 200
    assert Order.objects.get().number in placed.content.decode()


def test_the_thank_you_page_before_any_card_was_tried_sends_to_the_payment_page(
    guest_at_payment,
):
    guest_at_payment.get(PAYMENT_URL)

    response = guest_at_payment.get(THANK_YOU_URL)

    assert response.url == PAYMENT_URL
    assert not Order.objects.exists()


def test_an_unconfirmed_payment_intent_is_updated_for_the_card_not_replaced(
    guest_at_payment, stripe_server
):
    """A PaymentIntent made for the basket but never confirmed (its amount
    out of date) is reused: updated to the basket's total and the new card,
    then confirmed; no second PaymentIntent is made."""
    from shop.payments.services import checkout

    earlier = _intent_ids()
    guest_at_payment.get(PAYMENT_URL)
    payment = StripePayment.objects.get()
    intents = stripe_api.client().v1.payment_intents
    unconfirmed = intents.create(
        params={
            "amount": 500,
            "currency": "usd",
            "payment_method": "pm_card_visa",
            "metadata": {
                "order_number": payment.order_number,
                "basket_id": str(payment.basket_id),
            },
        }
    )
    assert unconfirmed.status == "requires_confirmation"
    StripePayment.objects.filter(pk=payment.pk).update(payment_intent_id=unconfirmed.id)
    card = card_payment_method(stripe_server, "5555555555554444")

    confirmed = checkout.payment_confirm(
        payment=payment,
        payment_method_id=card,
        total=checkout.basket_total(basket=payment.basket),
    )

    assert (confirmed.id, confirmed.status) == (unconfirmed.id, "succeeded")
    at_stripe = intents.retrieve(unconfirmed.id)
    # localstripe gives an updated amount back as text; Stripe as a number.
    assert (int(at_stripe.amount), at_stripe.payment_method) == (990, card)
    assert _intent_ids() - earlier == {unconfirmed.id}
    payment.refresh_from_db()
    assert (payment.payment_intent_id, payment.amount) == (unconfirmed.id, 990)
