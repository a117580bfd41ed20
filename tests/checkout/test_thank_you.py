import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories import ProductFactory, ProductFileFactory

pytestmark = pytest.mark.django_db


def _buy(client, products, add_to_basket):
    for product in products:
        add_to_basket(product)
    client.post(reverse("checkout:index"), {"email": "reader@example.com"}, follow=True)
    client.post(reverse("checkout:payment-details"), {"payment_method": "pm_card_visa"})


def _queries_for_thank_you(client):
    client.get(reverse("checkout:thank-you"))  # the first visit records analytics
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("checkout:thank-you"))
    assert response.status_code == 200
    return len(queries), response.content.decode()


def test_thank_you_page_queries_do_not_grow_with_the_number_of_files(
    stripe_server, client, add_to_basket
):
    one = ProductFactory()
    one_queries, __ = _queries_for_thank_you_after(client, [one], add_to_basket)

    client.cookies.clear()
    many = [ProductFactory() for __ in range(4)]
    for product in many:
        ProductFileFactory(product=product, title=f"{product.title} (extra pages)")
    many_queries, page = _queries_for_thank_you_after(client, many, add_to_basket)

    assert page.count("Download ") >= 8
    assert one_queries > 0
    assert many_queries == one_queries


def _queries_for_thank_you_after(client, products, add_to_basket):
    _buy(client, products, add_to_basket)
    return _queries_for_thank_you(client)


def test_thank_you_page_links_the_orders_receipt_page(
    stripe_server, client, add_to_basket
):
    _buy(client, [ProductFactory(title="Calm Week Planner")], add_to_basket)

    page = client.get(reverse("checkout:thank-you")).content.decode()
    receipt = re.search(r'<a href="(/receipts/[^"]+)">your receipt page</a>', page)

    assert receipt, "the thank-you page links the receipt page"
    opened = client.get(receipt[1])
    assert opened.status_code == 200
    assert "Calm Week Planner" in opened.content.decode()
