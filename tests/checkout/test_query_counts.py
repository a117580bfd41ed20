"""The checkout's pages ask the database as many questions for one line as
for four lines with several files each: a bigger order is not a slower page."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories import ProductFactory, ProductFileFactory

pytestmark = pytest.mark.django_db

EMAIL_URL = reverse("checkout:index")
PAYMENT_URL = reverse("checkout:payment-details")


def _products(count):
    products = []
    for __ in range(count):
        product = ProductFactory()
        ProductFileFactory(product=product, title=f"{product.title} (extra pages)")
        products.append(product)
    return products


def _queries(client, url):
    client.get(url)  # anything made on a first visit is made now
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries), response.content.decode()


def _guest_with(client, add_to_basket, products):
    client.cookies.clear()
    for product in products:
        add_to_basket(product)


def test_email_step_queries_do_not_grow_with_the_number_of_lines(
    client, stripe_server, add_to_basket
):
    _guest_with(client, add_to_basket, _products(1))
    with_one, __ = _queries(client, EMAIL_URL)

    _guest_with(client, add_to_basket, _products(4))
    with_four, page = _queries(client, EMAIL_URL)

    assert 'name="email"' in page
    assert with_one > 0
    assert with_four == with_one


def test_payment_page_queries_do_not_grow_with_the_number_of_lines(
    client, stripe_server, add_to_basket
):
    def at_payment(products):
        _guest_with(client, add_to_basket, products)
        client.post(EMAIL_URL, {"email": "reader@example.com"}, follow=True)
        return _queries(client, PAYMENT_URL)

    with_one, __ = at_payment(_products(1))
    four = _products(4)
    with_four, page = at_payment(four)

    assert all(product.title in page for product in four)
    assert "data-setup-secret=" in page
    assert with_one > 0
    assert with_four == with_one


def test_basket_page_queries_do_not_grow_with_the_number_of_lines(
    client, add_to_basket
):
    _guest_with(client, add_to_basket, _products(1))
    with_one, __ = _queries(client, reverse("basket:summary"))

    _guest_with(client, add_to_basket, _products(4))
    with_four, page = _queries(client, reverse("basket:summary"))

    assert page.count('class="basket-line basket-items"') == 4
    assert with_one > 0
    assert with_four == with_one
