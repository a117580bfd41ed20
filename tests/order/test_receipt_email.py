"""The receipt e-mail is a real receipt: what was bought, when, for how much,
with which card, from whom, how long each link works, how to get a refund
and the files again; sent again, it tells the truth after a refund."""

import re
from datetime import timedelta
from decimal import Decimal

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import dateformat
from oscar.core.loading import get_model

from shop.downloads.models import DownloadLink, DownloadPolicy
from shop.downloads.services import download_email_resend
from shop.payments.models import StripePayment
from shop.payments.services import refunds
from tests.conftest import card_payment_method
from tests.factories import ProductFactory

Order = get_model("order", "Order")

pytestmark = pytest.mark.django_db

RECEIPT_PAGE = re.compile(r"https?://[^/\s]+(/receipts/[^\s\"]+/)")


@pytest.fixture
def two_line_order(client, stripe_server, printable, add_to_basket):
    """A paid guest order: the $9.90 planner and a $4.50 tracker."""
    add_to_basket(printable)
    add_to_basket(ProductFactory(title="Calm Morning Tracker", price=Decimal("4.50")))
    client.post(reverse("checkout:index"), {"email": "reader@example.com"}, follow=True)
    client.post(reverse("checkout:payment-details"), {"payment_method": "pm_card_visa"})
    return Order.objects.get()


def _pay(client, payment_method):
    mail.outbox.clear()
    client.post(reverse("checkout:payment-details"), {"payment_method": payment_method})
    (message,) = mail.outbox
    return Order.objects.get(), message


def _html(message):
    [(html, __)] = message.alternatives
    return html


def test_the_card_that_paid_is_stored_and_named_on_the_receipt(
    guest_at_payment, stripe_server
):
    card = card_payment_method(stripe_server, "4000056655665556")

    order, message = _pay(guest_at_payment, card)

    payment = StripePayment.objects.get(order=order)
    assert (payment.card_brand, payment.card_last4) == ("visa", "5556")
    for part in (message.body, _html(message)):
        assert "Visa ending in 5556" in part


def test_the_receipt_names_order_date_items_prices_total_and_seller(
    guest_at_payment, settings
):
    settings.SELLER_NAME = "GoToBetter Publishing LLC"
    settings.SELLER_ADDRESS = "12 Quiet Lane, Portland, OR 97201, USA"
    settings.SELLER_EMAIL = "help@gotobetter.example"

    order, message = _pay(guest_at_payment, "pm_card_visa")

    assert message.subject == f"Your GoToBetter receipt for order {order.number}"
    placed = dateformat.format(order.date_placed, "F j, Y")
    for part in (message.body, _html(message)):
        assert order.number in part
        assert placed in part
        assert "Weekly Reset Planner" in part
        assert "$9.90" in part
        assert "Total paid" in part
        assert "GoToBetter Publishing LLC, 12 Quiet Lane, Portland, OR 97201" in part
        assert "help@gotobetter.example" in part


def test_each_link_says_how_many_times_and_until_when_it_works(
    guest_at_payment, settings
):
    policy = DownloadPolicy.objects.current()
    policy.download_limit, policy.expiry_days = 3, 10
    policy.save()

    order, message = _pay(guest_at_payment, "pm_card_visa")

    link = DownloadLink.objects.get(line__order=order)
    until = dateformat.format(link.expires_at, "F j, Y")
    for part in (message.body, _html(message)):
        assert f"Works 3 times until {until}" in part
        assert "a few times for a few days" not in part
        assert link.get_absolute_url() in part


def test_the_receipt_gives_the_refund_policy_and_a_way_back_to_the_files(
    guest_at_payment, client
):
    order, message = _pay(guest_at_payment, "pm_card_visa")

    for part in (message.body, _html(message)):
        assert "refund the full price" in part
        assert reverse("legal:refunds") in part
    path = RECEIPT_PAGE.search(message.body).group(1)
    assert path in _html(message)
    client.logout()
    page = client.get(path).content.decode()
    assert order.number in page
    assert DownloadLink.objects.get().get_absolute_url() in page


def test_a_resent_receipt_lists_only_live_links_and_the_total_after_refunds(
    two_line_order,
):
    planner, tracker = two_line_order.lines.order_by("pk")
    refunds.order_refund(order=two_line_order, line_ids=[tracker.pk])
    refunded_link = DownloadLink.objects.get(line=tracker)
    live_link = DownloadLink.objects.get(line=planner)
    mail.outbox.clear()

    download_email_resend(order=two_line_order)

    (message,) = mail.outbox
    for part in (message.body, _html(message)):
        assert refunded_link.get_absolute_url() not in part
        assert live_link.get_absolute_url() in part
        assert "Refunded: its downloads are switched off." in part
        assert "$14.40" in part  # paid
        assert "$4.50" in part  # refunded
        assert "Total after refunds" in part
        assert "$9.90" in part


def test_a_resent_receipt_leaves_out_used_up_links_and_says_how_to_get_more(
    guest_at_payment,
):
    order, __ = _pay(guest_at_payment, "pm_card_visa")
    link = DownloadLink.objects.get()
    DownloadLink.objects.filter(pk=link.pk).update(download_count=link.max_downloads)
    mail.outbox.clear()

    download_email_resend(order=order)

    (message,) = mail.outbox
    for part in (message.body, _html(message)):
        assert link.get_absolute_url() not in part
        assert "its link has run out" in part
        assert "Works " not in part
    assert RECEIPT_PAGE.search(message.body)


def test_the_receipt_and_the_refunds_page_name_the_same_address_and_window(
    guest_at_payment, client, settings
):
    settings.SELLER_EMAIL = "help@gotobetter.example"
    settings.REFUND_DAYS = 14
    order, message = _pay(guest_at_payment, "pm_card_visa")

    page = client.get(reverse("legal:refunds")).content.decode()

    assert 'href="mailto:help@gotobetter.example"' in page
    assert "within 14 days of buying" in page
    refund_until = dateformat.format(order.date_placed + timedelta(days=14), "F j, Y")
    assert f"by {refund_until}" in message.body
