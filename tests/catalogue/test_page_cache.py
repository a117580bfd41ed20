"""Product and article pages come whole from the cache for anonymous readers,
show every change at once, and never hand one visitor's CSRF token, basket or
messages to another."""

from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse
from oscar.core.loading import get_model

from shop.apps.catalogue.product_views import counter
from tests.factories import ArticleFactory, ProductFactory
from tests.page_html import basket_count, csrf_tokens

ProductRecord = get_model("analytics", "ProductRecord")

pytestmark = pytest.mark.django_db


@pytest.fixture
def product():
    return ProductFactory(title="Calm Week", price=Decimal("9.90"))


def test_a_second_anonymous_visit_reads_no_database(
    client, product, django_assert_num_queries
):
    url = product.get_absolute_url()
    first = client.get(url)
    assert first.status_code == 200

    with django_assert_num_queries(0):
        again = Client().get(url)

    assert again.status_code == 200
    assert "Calm Week" in again.content.decode()
    assert "$9.90" in again.content.decode()


def test_each_visitor_gets_their_own_token_which_adds_to_their_own_basket(product):
    url = product.get_absolute_url()
    first, second = Client(), Client()
    first_html = first.get(url).content.decode()
    second_html = second.get(url).content.decode()

    first_tokens, second_tokens = csrf_tokens(first_html), csrf_tokens(second_html)
    assert first_tokens and second_tokens
    assert set(first_tokens).isdisjoint(second_tokens)
    assert "pagecache" not in second_html

    # The cached page's token works with the second visitor's own cookie ...
    checked = Client(enforce_csrf_checks=True)
    token = csrf_tokens(checked.get(url).content.decode())[0]
    added = checked.post(
        reverse("basket:add", kwargs={"pk": product.pk}),
        {"quantity": 1, "csrfmiddlewaretoken": token},
    )
    assert added.status_code == 302
    # ... and only that visitor's basket count changes.
    assert basket_count(checked.get(url).content.decode()) == "1"
    assert basket_count(Client().get(url).content.decode()) == "0"


def test_a_new_price_and_title_show_at_once(client, product):
    url = product.get_absolute_url()
    assert "$9.90" in client.get(url).content.decode()

    stockrecord = product.stockrecords.get()
    stockrecord.price = Decimal("7.50")
    stockrecord.save()
    product.title = "Gentle Week"
    product.save()

    html = Client().get(product.get_absolute_url()).content.decode()
    assert "$7.50" in html and "$9.90" not in html
    assert "Gentle Week" in html


def test_a_product_taken_off_sale_is_gone_at_once(client, product):
    url = product.get_absolute_url()
    assert client.get(url).status_code == 200

    product.is_public = False
    product.save()

    assert Client().get(url).status_code == 404


def test_messages_are_shown_to_their_visitor_only(client, product):
    url = product.get_absolute_url()
    Client().get(url)  # cached without any message
    client.post(reverse("basket:add", kwargs={"pk": product.pk}), {"quantity": 1})

    shown = client.get(url).content.decode()
    assert "Calm Week" in shown and "has been added to your" in shown
    assert "has been added to your" not in Client().get(url).content.decode()


def test_signed_in_customers_see_their_own_page(client, product):
    url = product.get_absolute_url()
    Client().get(url)
    customer = get_user_model().objects.create_user(
        username="ann", email="ann@example.com", password="pw"
    )
    client.force_login(customer)
    for printable in (product, ProductFactory(title="Calm Month")):
        client.post(reverse("basket:add", kwargs={"pk": printable.pk}), {"quantity": 1})

    assert basket_count(client.get(url).content.decode()) == "2"


def test_links_with_tracking_tags_share_the_cached_page(
    client, product, django_assert_num_queries
):
    url = product.get_absolute_url()
    client.get(f"{url}?utm_source=newsletter")

    with django_assert_num_queries(0):
        response = Client().get(f"{url}?utm_source=feed&utm_medium=rss&fbclid=x1")

    assert "Calm Week" in response.content.decode()
    assert "utm_source" not in response.content.decode()


def test_other_query_strings_are_rendered_not_cached(
    client, product, django_assert_max_num_queries
):
    url = product.get_absolute_url()
    client.get(f"{url}?page=2")
    with django_assert_max_num_queries(30) as queries:
        Client().get(f"{url}?page=2")
    assert len(queries) > 0


def test_every_view_is_counted_whether_cached_or_not(client, product):
    url = product.get_absolute_url()
    for _ in range(3):
        Client().get(url)

    assert ProductRecord.objects.filter(product=product).count() == 0
    counter.flush()

    assert ProductRecord.objects.get(product=product).num_views == 3


def test_an_article_shows_a_new_product_price_at_once(client):
    ProductFactory(title="Calm Week", price=Decimal("9.90"))
    article = ArticleFactory(body="Plan gently.\n\n[[product: Calm Week]]\n")
    url = article.get_absolute_url()
    assert "$9.90" in client.get(url).content.decode()

    stockrecord = get_model("partner", "StockRecord").objects.get()
    stockrecord.price = Decimal("4.00")
    stockrecord.save()

    assert "$4.00" in Client().get(url).content.decode()


def test_an_edited_article_shows_at_once(client, django_assert_num_queries):
    article = ArticleFactory(title="Small steps", body="First words.")
    url = article.get_absolute_url()
    assert "First words." in client.get(url).content.decode()
    with django_assert_num_queries(0):
        Client().get(url)

    article.body = "Second words."
    article.save()

    assert "Second words." in Client().get(url).content.decode()


def test_a_staff_preview_of_a_draft_is_never_served_to_readers(client):
    ArticleFactory(title="Draft Thoughts", slug="draft-thoughts", status="draft")
    staff = get_user_model().objects.create_user(
        username="editor", email="editor@example.com", password="pw", is_staff=True
    )
    client.force_login(staff)
    preview = client.get("/articles/draft-thoughts/")

    reader = Client().get("/articles/draft-thoughts/")

    assert preview.status_code == 200
    assert "Draft Thoughts" in preview.content.decode()
    assert reader.status_code == 404
    assert "Draft Thoughts" not in reader.content.decode()


def test_an_old_product_address_keeps_redirecting_from_the_cache(product):
    old = reverse(
        "catalogue:detail", kwargs={"product_slug": "old-name", "pk": product.pk}
    )

    first = Client().get(old)
    second = Client().get(old)

    assert first.status_code == second.status_code == 301
    assert second["Location"] == product.get_absolute_url()
