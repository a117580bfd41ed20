"""A product page drawn for one reader (signed in, or asked for with a query
string) takes the parts every reader sees alike from the cache: fewer
queries, the same page, staff's changes at once, and nothing of one reader's
handed to another."""

import re
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse

from tests.factories import ProductFactory, category, paid_order
from tests.page_html import basket_count, csrf_tokens

pytestmark = pytest.mark.django_db


@pytest.fixture
def product():
    return ProductFactory(
        title="Calm Week", price=Decimal("9.90"), categories=[category("Planners")]
    )


@pytest.fixture
def reader(client):
    user = get_user_model().objects.create_user(
        "reader", "reader@example.com", "a-long-password-1"
    )
    client.force_login(user)
    return client


def _main(html):
    """The page from its <main> on: the header and footer of a signed-in and
    an anonymous reader differ only in the basket count."""
    return html[html.index("<main") :]


def test_a_signed_in_reader_sees_what_a_fresh_render_shows(reader, product):
    url = product.get_absolute_url()
    first = reader.get(url).content.decode()
    again = reader.get(url).content.decode()

    assert "Calm Week" in again
    assert "$9.90" in again
    assert "Planners" in again  # the breadcrumbs
    assert '"@type": "Product"' in again or '"@type":"Product"' in again
    # Only the token differs between the first (drawn) and second (cached parts).
    assert re.sub(r'value="[^"]{64}"', "", _main(first)) == re.sub(
        r'value="[^"]{64}"', "", _main(again)
    )


def test_cached_parts_save_the_queries_of_what_every_reader_sees(
    reader, product, django_assert_max_num_queries
):
    url = product.get_absolute_url()
    reader.get(url)
    # The session and user, the product with its files, whether this reader
    # bought it, their view history and their basket: the cover, price,
    # breadcrumbs, JSON-LD and reviews come from the cache.
    with django_assert_max_num_queries(10) as queries:
        assert reader.get(url).status_code == 200
    tables = {
        re.search(r'FROM "(\w+)"', q["sql"]).group(1)
        for q in queries.captured_queries
        if q["sql"].startswith("SELECT")
    }
    assert tables.isdisjoint(
        {
            "catalogue_category",
            "catalogue_productimage",
            "reviews_productreview",
            "partner_stockrecord",
        }
    )
    print("\n".join(q["sql"][:160] for q in queries.captured_queries))


def test_a_change_by_staff_shows_at_once_to_a_signed_in_reader(reader, product):
    url = product.get_absolute_url()
    assert "$9.90" in reader.get(url).content.decode()

    product.title = "Calm Month"
    product.save()
    stockrecord = product.stockrecords.get()
    stockrecord.price = Decimal("7.50")
    stockrecord.save()

    html = reader.get(url).content.decode()
    assert "Calm Month" in html
    assert "$7.50" in html
    assert "$9.90" not in html


def test_each_reader_gets_their_own_token_andbasket_count(reader, product):
    url = product.get_absolute_url()
    reader.post(reverse("basket:add", kwargs={"pk": product.pk}), {"quantity": 1})
    signed_in = reader.get(url).content.decode()
    assert basket_count(signed_in) == "1"

    # Another reader's rendered page (a query string: not the page cache).
    other = Client()
    html = other.get(url + "?from=newsletter-x").content.decode()
    assert basket_count(html) == "0"
    assert csrf_tokens(html) and set(csrf_tokens(html)).isdisjoint(
        csrf_tokens(signed_in)
    )
    assert "pagecache" not in html

    # The token in the cached part works with that reader's own cookie.
    checked = Client(enforce_csrf_checks=True)
    token = csrf_tokens(checked.get(url + "?from=x").content.decode())[0]
    added = checked.post(
        reverse("basket:add", kwargs={"pk": product.pk}),
        {"quantity": 1, "csrfmiddlewaretoken": token},
    )
    assert added.status_code == 302


def test_write_a_review_is_offered_to_the_buyer_alone(client, product):
    buyer = get_user_model().objects.create_user(
        "buyer", "buyer@example.com", "a-long-password-1"
    )
    order = paid_order(products=[product], email="buyer@example.com")
    order.user = buyer
    order.save()
    url = product.get_absolute_url()

    other = Client()
    other.force_login(
        get_user_model().objects.create_user("x", "x@example.com", "pw-long-1234")
    )
    assert "Write a review" not in other.get(url).content.decode()

    client.force_login(buyer)
    assert "Write a review" in client.get(url).content.decode()
    # ... and after the buyer's visit, not to the other reader.
    assert "Write a review" not in other.get(url).content.decode()


def test_each_product_keeps_its_own_parts(reader, product):
    other = ProductFactory(title="Quiet Mornings", price=Decimal("4.00"))
    reader.get(product.get_absolute_url())

    html = reader.get(other.get_absolute_url()).content.decode()
    assert "Quiet Mornings" in html
    assert "$4.00" in html
    assert "Calm Week" not in html
