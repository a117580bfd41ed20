import pytest
from django.urls import reverse
from oscar.core.loading import get_model

from shop.payments.models import StripePayment
from tests.conftest import card_payment_method

Order = get_model("order", "Order")
Basket = get_model("basket", "Basket")

pytestmark = pytest.mark.django_db
PAYMENT_URL = reverse("checkout:payment-details")


def test_guest_is_asked_only_for_an_email_then_reaches_the_payment_page(
    client, stripe_server, printable, add_to_basket
):
    add_to_basket(printable)

    form = client.get(reverse("checkout:index"))
    response = client.post(
        reverse("checkout:index"), {"email": "reader@example.com"}, follow=True
    )

    assert 'name="email"' in form.content.decode()
    assert "password" not in form.content.decode().lower()
    assert response.redirect_chain[-1][0] == PAYMENT_URL
    page = response.content.decode()
    assert "reader@example.com" in page
    assert "Weekly Reset Planner" in page
    assert "$9.90" in page
    assert "data-setup-secret=" in page


def test_bad_email_is_refused_with_a_message(
    client, stripe_server, printable, add_to_basket
):
    add_to_basket(printable)

    response = client.post(reverse("checkout:index"), {"email": "not an address"})

    assert response.status_code == 200
    assert "Enter a valid email address" in response.content.decode()


def test_signed_in_customer_skips_the_email_step(
    client, stripe_server, printable, add_to_basket, django_user_model
):
    user = django_user_model.objects.create_user(
        username="ann", email="ann@example.com", password="pw-ann-123456"
    )
    client.force_login(user)
    add_to_basket(printable)

    response = client.get(reverse("checkout:index"), follow=True)

    assert response.redirect_chain[-1][0] == PAYMENT_URL
    assert "ann@example.com" in response.content.decode()


def _stripe(stripe_server):
    import stripe

    return stripe.StripeClient("sk_test_x", base_addresses={"api": stripe_server})


def test_card_payment_places_a_paid_order_with_download_links(guest_at_payment):
    response = guest_at_payment.post(
        PAYMENT_URL, {"payment_method": "pm_card_visa"}, follow=True
    )

    order = Order.objects.get()
    assert response.redirect_chain[-1][0] == reverse("checkout:thank-you")
    page = response.content.decode()
    assert order.number in page
    assert order.status == "Paid"
    assert order.guest_email == "reader@example.com"
    assert str(order.total_incl_tax) == "9.90"
    link = order.lines.get().download_links.get()
    assert link.get_absolute_url() in page
    assert "Download Weekly Reset Planner (PDF)" in page


def test_declined_card_shows_why_and_keeps_the_basket(guest_at_payment, stripe_server):
    declined = card_payment_method(stripe_server, "4000000000000341")

    response = guest_at_payment.post(PAYMENT_URL, {"payment_method": declined})

    assert response.status_code == 200
    assert "declined" in response.content.decode().lower()
    assert not Order.objects.exists()
    basket = Basket.objects.get()
    assert basket.status == Basket.OPEN
    assert basket.num_items == 1


def test_after_a_declined_card_another_card_pays_and_the_refused_intent_is_cancelled(
    guest_at_payment, stripe_server
):
    guest_at_payment.post(
        PAYMENT_URL,
        {"payment_method": card_payment_method(stripe_server, "4000000000000341")},
    )
    refused = StripePayment.objects.get().payment_intent_id

    response = guest_at_payment.post(
        PAYMENT_URL,
        {"payment_method": card_payment_method(stripe_server, "4242424242424242")},
        follow=True,
    )

    assert response.redirect_chain[-1][0] == reverse("checkout:thank-you")
    order = Order.objects.get()
    assert order.status == "Paid"
    assert str(order.total_incl_tax) == "9.90"
    payment = StripePayment.objects.get()
    assert payment.payment_intent_id != refused
    intents = _stripe(stripe_server).v1.payment_intents
    assert intents.retrieve(refused).status == "canceled"
    assert intents.retrieve(payment.payment_intent_id).status == "succeeded"


def test_paying_a_paid_basket_again_charges_once(guest_at_payment):
    guest_at_payment.post(PAYMENT_URL, {"payment_method": "pm_card_visa"})
    payment = StripePayment.objects.get()

    again = guest_at_payment.post(PAYMENT_URL, {"payment_method": "pm_card_visa"})

    assert again.url == reverse("checkout:thank-you")
    assert Order.objects.count() == 1
    assert StripePayment.objects.get().payment_intent_id == payment.payment_intent_id


def test_card_asking_for_3d_secure_gets_the_authentication_step(
    guest_at_payment, stripe_server
):
    card = card_payment_method(stripe_server, "4000002500003155")

    response = guest_at_payment.post(PAYMENT_URL, {"payment_method": card})

    assert response.status_code == 200
    assert "data-action-secret=" in response.content.decode()
    assert not Order.objects.exists()


def test_payment_page_without_a_card_says_to_enter_one(guest_at_payment):
    response = guest_at_payment.post(PAYMENT_URL, {})

    assert response.status_code == 200
    assert "Please enter your card details." in response.content.decode()


def test_payment_page_says_so_when_stripe_cannot_be_reached(guest_at_payment, settings):
    from tests.conftest import _free_port

    settings.STRIPE_API_BASE = f"http://127.0.0.1:{_free_port()}"

    page = guest_at_payment.get(PAYMENT_URL)
    paid = guest_at_payment.post(PAYMENT_URL, {"payment_method": "pm_card_visa"})

    assert page.status_code == paid.status_code == 200
    assert "Card payments are unavailable for a moment" in page.content.decode()
    assert "nothing was charged" in paid.content.decode()
    assert Basket.objects.get().status == Basket.OPEN


# Django's EmailField allows 320 characters; the shop's columns hold 254.
TOO_LONG_EMAIL = "r" * 287 + "@example.test"


def _intent_count(stripe_server):
    intents = _stripe(stripe_server).v1.payment_intents
    return len(intents.list(params={"limit": 100}).data)


def test_an_email_longer_than_the_shop_keeps_is_refused_with_a_message(
    client, stripe_server, printable, add_to_basket
):
    add_to_basket(printable)
    intents = _intent_count(stripe_server)

    response = client.post(reverse("checkout:index"), {"email": TOO_LONG_EMAIL})
    payment_page = client.get(PAYMENT_URL)

    assert response.status_code == 200
    assert "at most 254 characters (it has 300)" in response.content.decode()
    assert payment_page.url == reverse("checkout:index")
    assert not StripePayment.objects.exists()
    assert _intent_count(stripe_server) == intents


def test_a_too_long_email_kept_in_the_session_goes_back_to_the_email_page(
    guest_at_payment, stripe_server
):
    session = guest_at_payment.session
    session["checkout_data"]["guest"]["email"] = TOO_LONG_EMAIL
    session.save()
    intents = _intent_count(stripe_server)

    response = guest_at_payment.post(
        PAYMENT_URL, {"payment_method": "pm_card_visa"}, follow=True
    )

    assert response.redirect_chain[-1][0] == reverse("checkout:index")
    assert "Please check your e-mail address" in response.content.decode()
    payment = StripePayment.objects.get()
    assert (payment.email, payment.payment_intent_id) == ("reader@example.com", None)
    assert _intent_count(stripe_server) == intents
    assert not Order.objects.exists()


def test_the_checkout_footer_keeps_to_the_rules_of_the_sale(
    client, stripe_server, printable, add_to_basket
):
    add_to_basket(printable)

    page = client.get(reverse("checkout:index")).content.decode()
    footer = page[page.index("<footer") :]

    assert f'href="{reverse("legal:refunds")}"' in footer
    assert f'href="{reverse("legal:terms")}"' in footer
    assert f'href="{reverse("catalogue:index")}"' not in footer
    assert "Micro Habits Starter Kit" not in footer


def _intent_ids(stripe_server) -> set[str]:
    """Every PaymentIntent at the session's localstripe (shared by the tests:
    a test compares what it finds before and after)."""
    intents = _stripe(stripe_server).v1.payment_intents.list(params={"limit": 100})
    return {intent.id for intent in intents.auto_paging_iter()}


def test_a_card_posted_again_after_the_first_was_charged_charges_once(
    guest_at_payment, stripe_server
):
    """The first confirm reached Stripe and the card was charged, but its
    answer was lost: the page thawed the basket and the buyer, told to try
    again, posts another card. The paid PaymentIntent places the order."""
    from shop.payments.services import checkout

    earlier = _intent_ids(stripe_server)
    guest_at_payment.get(PAYMENT_URL)
    payment = StripePayment.objects.get()
    first = checkout.payment_confirm(
        payment=payment,
        payment_method_id="pm_card_visa",
        total=checkout.basket_total(basket=payment.basket),
    )
    assert first.status == "succeeded"
    Basket.objects.get().thaw()

    response = guest_at_payment.post(
        PAYMENT_URL,
        {"payment_method": card_payment_method(stripe_server, "5555555555554444")},
        follow=True,
    )

    assert response.redirect_chain[-1][0] == reverse("checkout:thank-you")
    order = Order.objects.get()
    assert order.number in response.content.decode()
    assert StripePayment.objects.get().payment_intent_id == first.id
    assert _intent_ids(stripe_server) - earlier == {first.id}


def test_confirming_again_leaves_an_authorised_payment_alone(
    guest_at_payment, stripe_server
):
    """A PaymentIntent whose card is authorised but not yet captured holds
    the buyer's money: it is neither cancelled nor joined by a second charge."""
    from shop.payments.services import checkout

    earlier = _intent_ids(stripe_server)
    guest_at_payment.get(PAYMENT_URL)
    payment = StripePayment.objects.get()
    intents = _stripe(stripe_server).v1.payment_intents
    held = intents.create(
        params={
            "amount": 990,
            "currency": "usd",
            "capture_method": "manual",
            "payment_method": "pm_card_visa",
            "metadata": {"order_number": payment.order_number},
        }
    )
    assert intents.confirm(held.id).status == "requires_capture"
    StripePayment.objects.filter(pk=payment.pk).update(payment_intent_id=held.id)

    again = checkout.payment_confirm(
        payment=payment,
        payment_method_id=card_payment_method(stripe_server, "5555555555554444"),
        total=checkout.basket_total(basket=payment.basket),
    )

    assert (again.id, again.status) == (held.id, "requires_capture")
    assert intents.retrieve(held.id).status == "requires_capture"
    assert _intent_ids(stripe_server) - earlier == {held.id}
