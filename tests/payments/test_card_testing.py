"""The card-testing guard: a real buyer never meets it; someone trying card
after declined card from one basket, one address or across the shop does."""

from datetime import timedelta

import pytest
import time_machine
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from oscar.core.loading import get_model

from shop.payments.models import BlockedCardAttempt
from tests.conftest import card_payment_method

Order = get_model("order", "Order")

pytestmark = pytest.mark.django_db

PAYMENT_URL = reverse("checkout:payment-details")
DECLINED = "4000000000000341"
REFUSED = "Too many card payments were tried here in the last hour"


def _guest(printable, ip):
    """A new guest, with the printable in a basket of their own."""
    client = Client(REMOTE_ADDR=ip)
    client.post(reverse("basket:add", kwargs={"pk": printable.pk}), {"quantity": 1})
    client.post(reverse("checkout:index"), {"email": "reader@example.com"}, follow=True)
    return client


def _pay(client, stripe_server, number=DECLINED):
    card = card_payment_method(stripe_server, number)
    return client.post(PAYMENT_URL, {"payment_method": card}).content.decode()


def test_a_declined_card_then_a_good_one_pays(stripe_server, printable):
    buyer = _guest(printable, "203.0.113.7")

    declined = _pay(buyer, stripe_server)
    _pay(buyer, stripe_server, "4242424242424242")

    assert "declined" in declined.lower()
    assert Order.objects.count() == 1
    assert not BlockedCardAttempt.objects.exists()


def test_one_basket_gets_five_declined_cards_an_hour(stripe_server, printable):
    tester = _guest(printable, "203.0.113.8")

    pages = [_pay(tester, stripe_server) for __ in range(7)]

    assert ["declined" in page.lower() for page in pages] == [True] * 5 + [False] * 2
    assert all(REFUSED in page for page in pages[5:])
    assert BlockedCardAttempt.objects.filter(reason="basket").count() == 2


def test_one_address_gets_eight_declined_cards_an_hour_over_many_baskets(
    stripe_server, printable
):
    pages = [_pay(_guest(printable, "198.51.100.4"), stripe_server) for __ in range(10)]

    assert sum("declined" in page.lower() for page in pages) == 8
    assert all(REFUSED in page for page in pages[8:])
    other = _pay(_guest(printable, "198.51.100.5"), stripe_server, "4242424242424242")
    assert REFUSED not in other
    assert Order.objects.count() == 1


def test_many_declines_across_the_shop_pause_card_payments(
    stripe_server, printable, settings
):
    settings.CARD_DECLINES_PER_HOUR = 3
    for number in range(3):
        _pay(_guest(printable, f"192.0.2.{number}"), stripe_server)

    page = _pay(_guest(printable, "192.0.2.99"), stripe_server, "4242424242424242")

    assert REFUSED in page
    assert not Order.objects.exists()
    assert BlockedCardAttempt.objects.get().reason == "shop"


def test_the_limits_lift_after_an_hour(stripe_server, printable):
    tester = _guest(printable, "203.0.113.9")
    for __ in range(6):
        _pay(tester, stripe_server)

    with time_machine.travel(timezone.now() + timedelta(hours=1, minutes=1)):
        page = _pay(tester, stripe_server, "4242424242424242")

    assert REFUSED not in page
    assert Order.objects.count() == 1


def test_staff_see_refused_card_payments_on_the_dashboard(
    stripe_server, printable, admin_client
):
    tester = _guest(printable, "203.0.113.10")
    for __ in range(6):
        _pay(tester, stripe_server)

    html = admin_client.get(reverse("dashboard:index")).content.decode()

    assert "1 card payment(s) in the last 24 hours were refused" in html
