from decimal import Decimal
from html.parser import HTMLParser

import pytest
from django.urls import reverse
from django.utils.html import escape
from oscar.core.loading import get_model

from tests.factories import ProductFactory, category

Product = get_model("catalogue", "Product")
Category = get_model("catalogue", "Category")

pytestmark = pytest.mark.django_db


class ImageSources(HTMLParser):
    def __init__(self):
        super().__init__()
        self.sources = []

    def handle_starttag(self, tag, attrs):
        if tag == "img":
            self.sources.append(dict(attrs).get("src", ""))


def image_sources(html: str) -> list[str]:
    parser = ImageSources()
    parser.feed(html)
    return parser.sources


def assert_shows_each_product(response, products):
    html = response.content.decode()
    assert response.status_code == 200
    assert "No products found" not in html
    for product in products:
        assert escape(product.get_title()) in html
        assert f"${product.stockrecords.get().price}" in html
        assert product.get_absolute_url() in html
    # Each card with a cover shows it, resized from the product's own image.
    covers = [src for src in image_sources(html) if src.startswith("/media/")]
    assert len(covers) >= len([p for p in products if p.images.exists()])


def test_all_products_page_lists_every_demo_product(client, demo_catalogue):
    products = Product.objects.all()

    response = client.get(reverse("catalogue:index"))

    assert len(products) == 5
    assert_shows_each_product(response, products)


def test_home_page_shows_the_printables(client, demo_catalogue):
    response = client.get(reverse("home"))

    assert_shows_each_product(response, Product.objects.all())


def test_each_category_page_lists_its_products(client, demo_catalogue):
    for each in Category.objects.all():
        response = client.get(each.get_absolute_url())

        assert_shows_each_product(response, Product.objects.filter(categories=each))


def test_category_list_links_every_category(client, demo_catalogue):
    response = client.get(reverse("catalogue:category-list"))

    html = response.content.decode()
    for each in Category.objects.all():
        assert each.name in html
        assert each.get_absolute_url() in html


def test_a_category_page_leads_on_to_the_other_kinds_and_every_printable(client):
    html = client.get(category("Fitness").get_absolute_url()).content.decode()
    more = html[html.index('<p class="section-more">') :]

    assert f'href="{reverse("catalogue:category-list")}"' in more
    assert f'href="{reverse("catalogue:index")}"' in more


def test_parent_category_page_includes_products_of_its_subcategories(client):
    parent = category("Planners")
    child = category("Planners > Weekly")
    product = ProductFactory(title="Week at a Glance", categories=[child])

    response = client.get(parent.get_absolute_url())

    assert_shows_each_product(response, [product])


def test_product_page_shows_cover_name_price_description_and_add_to_basket(
    client, demo_catalogue
):
    product = Product.objects.get(title="Ultimate Habit Tracker")

    response = client.get(product.get_absolute_url())

    html = response.content.decode()
    assert response.status_code == 200
    assert "Ultimate Habit Tracker" in html
    assert "$12.90" in html
    assert "see which ones are quietly working" in html
    assert any(src.startswith("/media/") for src in image_sources(html))
    assert reverse("basket:add", kwargs={"pk": product.pk}) in html


def test_prices_are_shown_in_dollars(client):
    ProductFactory(title="Dollar Planner", price=Decimal("9.99"))

    response = client.get(reverse("catalogue:index"))

    assert "$9.99" in response.content.decode()


def test_hidden_products_are_not_listed(client):
    ProductFactory(title="Secret Draft Planner", is_public=False)
    ProductFactory(title="Visible Planner")

    html = client.get(reverse("catalogue:index")).content.decode()

    assert "Visible Planner" in html
    assert "Secret Draft Planner" not in html


def test_adding_to_the_basket_shows_the_product_in_the_basket(client, demo_catalogue):
    product = Product.objects.get(title="Simple Meal Planner")

    client.post(reverse("basket:add", kwargs={"pk": product.pk}), {"quantity": 1})
    response = client.get(reverse("basket:summary"))

    html = response.content.decode()
    assert response.status_code == 200
    assert "Simple Meal Planner" in html
    assert "$9.90" in html


def test_search_finds_products_by_title_and_description(client, demo_catalogue):
    by_title = client.get(reverse("search:search"), {"q": "meal planner"})
    by_description = client.get(reverse("search:search"), {"q": "aisle"})

    assert "Simple Meal Planner" in by_title.content.decode()
    assert "Self-Care Tracker" not in by_title.content.decode()
    assert "Complete Meal Planning Toolkit" in by_description.content.decode()


def test_search_with_no_match_says_so(client, demo_catalogue):
    response = client.get(reverse("search:search"), {"q": "zzzz-nothing"})

    assert response.status_code == 200
    assert "Nothing matched" in response.content.decode()


def test_a_page_number_past_the_end_returns_to_the_first_page(client, demo_catalogue):
    response = client.get(reverse("catalogue:index"), {"page": "99"})

    assert response.status_code == 302
    assert response.url == reverse("catalogue:index")
