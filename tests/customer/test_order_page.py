"""A signed-in customer's order page in the account."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from oscar.core.loading import get_model

from shop.downloads.models import DownloadLink
from tests.factories import ProductFactory, ProductFileFactory

Order = get_model("order", "Order")
ProductReview = get_model("reviews", "ProductReview")

pytestmark = pytest.mark.django_db


@pytest.fixture
def customer(client, django_user_model):
    user = django_user_model.objects.create_user(
        username="ann", email="ann@example.com", password="pw-ann-123456"
    )
    client.force_login(user)
    return user


def _order_of(client, add_to_basket, count):
    products = []
    for __ in range(count):
        product = ProductFactory()
        ProductFileFactory(product=product, title=f"{product.title} (extra pages)")
        add_to_basket(product)
        products.append(product)
    client.get(reverse("checkout:index"), follow=True)
    client.post(reverse("checkout:payment-details"), {"payment_method": "pm_card_visa"})
    return Order.objects.latest("pk")


def _page(client, order):
    return client.get(reverse("customer:order", kwargs={"order_number": order.number}))


def _queries_for(client, order):
    _page(client, order)
    with CaptureQueriesContext(connection) as queries:
        response = _page(client, order)
    assert response.status_code == 200
    return len(queries), response.content.decode()


def test_order_page_queries_do_not_grow_with_the_number_of_lines_and_files(
    client, stripe_server, add_to_basket, customer
):
    small = _order_of(client, add_to_basket, 1)
    with_one, __ = _queries_for(client, small)

    large = _order_of(client, add_to_basket, 4)
    with_four, page = _queries_for(client, large)

    links = DownloadLink.objects.filter(line__order=large)
    assert len(links) == 8
    assert all(link.get_absolute_url() in page for link in links)
    assert with_one > 0
    assert with_four == with_one


def test_order_page_lists_each_line_its_price_and_the_total(
    client, stripe_server, add_to_basket, customer
):
    order = _order_of(client, add_to_basket, 2)

    page = _page(client, order).content.decode()

    for line in order.lines.all():
        assert line.title in page
    assert page.count("$9.90") >= 2
    assert "$19.80" in page
    assert "Shipping" not in page


def test_a_review_is_offered_only_for_products_not_reviewed_yet(
    client, stripe_server, add_to_basket, customer
):
    order = _order_of(client, add_to_basket, 2)
    reviewed, not_reviewed = [line.product for line in order.lines.all()]
    ProductReview.objects.create(
        product=reviewed, user=customer, score=5, title="Kind", body="Helped."
    )

    page = _page(client, order).content.decode()

    assert (
        f'Write a review<span class="visually-hidden"> of {not_reviewed.title}' in page
    )
    assert f"of {reviewed.title}</span></a>" not in page


def test_buy_again_puts_the_line_back_in_the_basket(
    client, stripe_server, add_to_basket, customer
):
    order = _order_of(client, add_to_basket, 1)
    line = order.lines.get()

    client.post(
        reverse(
            "customer:order-line",
            kwargs={"order_number": order.number, "line_id": line.pk},
        ),
        {"action": "reorder"},
    )

    basket = client.get(reverse("basket:summary")).content.decode()
    assert line.title in basket
