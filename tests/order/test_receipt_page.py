"""The receipt page: opened from the receipt e-mail's signed link with no
account, private, printable, and the same few queries for any order."""

from decimal import Decimal
from pathlib import Path

import pytest
from django.contrib.staticfiles import finders
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from oscar.core.loading import get_model

from shop.apps.order.receipts import receipt_path
from shop.downloads.models import DownloadLink
from tests.factories import ProductFactory, ProductFileFactory

Order = get_model("order", "Order")

pytestmark = pytest.mark.django_db


def _order_of(client, add_to_basket, count):
    for __ in range(count):
        product = ProductFactory(price=Decimal("4.50"))
        ProductFileFactory(product=product, title=f"{product.title} (extra pages)")
        add_to_basket(product)
    client.post(reverse("checkout:index"), {"email": "reader@example.com"}, follow=True)
    client.post(reverse("checkout:payment-details"), {"payment_method": "pm_card_visa"})
    client.cookies.clear()  # the buyer, later, from the e-mail: no session
    return Order.objects.latest("pk")


@pytest.fixture
def order(client, stripe_server, add_to_basket):
    return _order_of(client, add_to_basket, 1)


def test_the_signed_link_opens_the_receipt_without_an_account(client, order):
    response = client.get(receipt_path(order))

    page = response.content.decode()
    assert response.status_code == 200
    assert f"Receipt for order {order.number}" in page
    assert "Visa ending in 4242" in page
    assert "$4.50" in page
    assert "Total paid" in page
    for link in DownloadLink.objects.filter(line__order=order):
        assert link.get_absolute_url() in page
        assert f"Works {link.max_downloads} times until" in page


@pytest.mark.parametrize(
    "tamper",
    [
        lambda path: path.replace(":", ":x", 1),  # the signature altered
        lambda path: path.split(":")[0] + "/",  # the order number alone
        lambda path: path.replace("/receipts/", "/receipts/1", 1),  # another number
        lambda path: "/receipts/%00/",
    ],
)
def test_a_forged_or_altered_link_is_not_found(client, order, tamper):
    assert client.get(tamper(receipt_path(order))).status_code in (400, 404)


def test_the_receipt_page_is_never_kept_by_a_shared_cache(client, order):
    response = client.get(receipt_path(order))

    cache_control = response["Cache-Control"]
    assert "private" in cache_control
    assert "no-store" in cache_control
    assert '<meta name="robots" content="noindex">' in response.content.decode()


def test_the_receipt_page_has_a_print_stylesheet(client, order):
    page = client.get(receipt_path(order)).content.decode()

    assert 'href="/static/shop/print.css" media="print"' in page
    printed = Path(finders.find("shop/print.css")).read_text()
    assert ".site-nav" in printed and "form" in printed  # left off the paper


def test_a_used_up_link_offers_a_fresh_one_by_e_mail(client, order):
    link = DownloadLink.objects.filter(line__order=order).first()
    DownloadLink.objects.filter(pk=link.pk).update(download_count=link.max_downloads)

    page = client.get(receipt_path(order)).content.decode()

    renew = reverse("downloads:renew", kwargs={"token": link.token})
    assert f'action="{renew}"' in page
    assert f'href="{link.get_absolute_url()}"' not in page


def _queries(client, order):
    client.get(receipt_path(order))
    with CaptureQueriesContext(connection) as queries:
        response = client.get(receipt_path(order))
    assert response.status_code == 200
    return len(queries)


def test_the_receipt_page_makes_as_many_queries_for_many_lines_as_for_one(
    client, stripe_server, add_to_basket
):
    one = _queries(client, _order_of(client, add_to_basket, 1))
    four = _queries(client, _order_of(client, add_to_basket, 4))

    assert one == four
