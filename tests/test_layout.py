"""The layout every public page shares: brand, navigation, basket count, footer."""

import re

import pytest
from django.urls import reverse
from oscar.core.loading import get_model

from tests.factories import ArticleFactory, ProductFactory, SeriesFactory

Product = get_model("catalogue", "Product")

pytestmark = pytest.mark.django_db


def test_header_shows_how_many_items_the_visitors_basket_holds(client):
    for product in (ProductFactory(), ProductFactory()):
        client.post(reverse("basket:add", kwargs={"pk": product.pk}), {"quantity": 1})

    html = client.get(reverse("home")).content.decode()

    assert '<span class="basket-count">2</span>' in html


def test_public_pages_load_our_stylesheet_and_neither_bootstrap_nor_jquery(client):
    html = client.get(reverse("catalogue:index")).content.decode()

    # Written into the page: nothing to wait for before the first paint.
    assert re.search(r"<style>[^<]*\.site-header", html)
    assert 'rel="stylesheet"' not in html
    assert "bootstrap" not in html
    assert "jquery" not in html.lower()
    # One small module of our own (adding to the basket in place, what led
    # the reader here, the kit box), fetched by the lines in the page once it
    # has painted. Nothing else.
    assert re.findall(r"<script[^>]*>", html) == [
        '<script data-src="/static/shop/site.js">',
    ]


def test_staff_dashboard_keeps_oscars_look(admin_client):
    html = admin_client.get(reverse("dashboard:index")).content.decode()

    assert "bootstrap" in html
    assert "jquery" in html.lower()


def test_every_page_offers_a_skip_link_to_the_content(client):
    html = client.get(reverse("home")).content.decode()

    assert '<a class="skip-link" href="#main">' in html
    assert '<main id="main"' in html


@pytest.mark.parametrize("name", ["privacy", "terms", "refunds"])
def test_footer_links_each_legal_page_and_it_answers(client, name):
    url = reverse(f"legal:{name}")

    assert f'href="{url}"' in client.get(reverse("home")).content.decode()
    assert client.get(url).status_code == 200


def test_a_missing_page_answers_404_in_the_shops_own_words(client):
    response = client.get("/no-such-page/")

    assert response.status_code == 404
    assert "This page is not here" in response.content.decode()


def test_navigation_links_only_paths_the_shop_answers():
    from django.template import Context, Template

    template = Template(
        '{% load site_nav %}{% served_path "/catalogue/" %}|'
        '{% served_path "/not-built-yet/" %}'
    )

    assert template.render(Context()) == "/catalogue/|"


def test_the_footer_links_each_series_readers_can_open(client):
    open_series = SeriesFactory(name="Micro Habits Series")
    ArticleFactory(series=open_series)
    ArticleFactory(series=open_series)
    drafts_only = SeriesFactory(name="Evening Reset Series")
    ArticleFactory(series=drafts_only, status="draft")

    footer = client.get(reverse("catalogue:index")).content.decode()
    footer = footer[footer.index('<footer class="site-footer">') :]

    assert (
        f'<a href="{open_series.get_absolute_url()}">Micro Habits Series</a>' in footer
    )
    assert footer.count("Micro Habits Series") == 1
    assert "Evening Reset Series" not in footer


def test_a_new_series_shows_in_the_footer_at_once(client):
    assert "Morning Series" not in client.get(reverse("home")).content.decode()

    ArticleFactory(series=SeriesFactory(name="Morning Series"))

    assert "Morning Series" in client.get(reverse("home")).content.decode()


STOREFRONT = {
    "home": lambda: reverse("home"),
    "catalogue": lambda: reverse("catalogue:index"),
    "product": lambda: Product.objects.get(
        title="Workout Planner & Calorie Tracker"
    ).get_absolute_url(),
    "basket": lambda: reverse("basket:summary"),
    "checkout": lambda: reverse("checkout:index"),
    "search": lambda: reverse("search:search") + "?q=planner",
    "sign-in": lambda: reverse("customer:login"),
}


def test_the_storefront_says_basket_and_shows_prices_as_before(client, demo_catalogue):
    product = Product.objects.get(title="Workout Planner & Calorie Tracker")
    client.post(reverse("basket:add", kwargs={"pk": product.pk}), {"quantity": 1})

    for name, url_of in STOREFRONT.items():
        response = client.get(url_of(), follow=True)
        text = re.sub(r"<[^>]+>", " ", response.content.decode())
        assert response.status_code == 200, name
        assert not re.search(r"\bcarts?\b", text, re.IGNORECASE), name
    product_page = client.get(product.get_absolute_url()).content.decode()
    assert "$9.99" in product_page
