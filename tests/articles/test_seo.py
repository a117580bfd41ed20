"""What search engines and feed readers get: sitemap, robots.txt, feed, JSON-LD."""

import json
import re
from datetime import timedelta
from decimal import Decimal
from xml.etree import ElementTree

import feedparser
import pytest
from django.contrib.auth import get_user_model
from django.contrib.sites.models import Site
from django.template.loader import render_to_string
from django.utils import timezone
from oscar.core.loading import get_model

from tests.factories import ArticleFactory, ProductFactory, SeriesFactory, TopicFactory

ProductReview = get_model("reviews", "ProductReview")
StockRecord = get_model("partner", "StockRecord")

pytestmark = pytest.mark.django_db

SITEMAP_NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def sitemap_entries(client):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    tree = ElementTree.fromstring(response.content)
    return {
        url.findtext("sm:loc", namespaces=SITEMAP_NS): url.findtext(
            "sm:lastmod", namespaces=SITEMAP_NS
        )
        for url in tree.findall("sm:url", SITEMAP_NS)
    }


def json_ld(html):
    found = re.findall(
        r'<script type="application/ld\+json">(.*?)</script>', html, flags=re.S
    )
    return {item["@type"]: item for item in map(json.loads, found)}


def test_sitemap_lists_articles_series_topics_products_and_categories_with_lastmod(
    client, demo_catalogue
):
    topic, series = TopicFactory(slug="rest"), SeriesFactory(slug="small")
    article = ArticleFactory(slug="tiny", series=series)
    article.topics.add(topic)

    entries = sitemap_entries(client)

    domain = f"http://{Site.objects.get_current().domain}"
    paths = {url.removeprefix(domain): lastmod for url, lastmod in entries.items()}
    assert paths["/articles/tiny/"] == article.updated_at.date().isoformat()
    assert paths["/articles/series/small/"] == article.updated_at.date().isoformat()
    assert paths["/articles/topics/rest/"]
    products = [path for path in paths if re.match(r"^/catalogue/[^/]+_\d+/$", path)]
    assert len(products) == 5
    assert any("/catalogue/category/meal-planning" in path for path in paths)
    assert all(paths.values()), "every entry has a lastmod"


def test_series_and_topics_without_a_public_article_are_left_out(client):
    TopicFactory(slug="empty-topic")
    SeriesFactory(slug="empty-series")
    ArticleFactory(slug="draft", status="draft").topics.add(TopicFactory(slug="drafty"))

    urls = " ".join(sitemap_entries(client))

    assert "empty-topic" not in urls and "empty-series" not in urls
    assert "drafty" not in urls


def test_robots_txt_names_the_sitemap(client):
    response = client.get("/robots.txt")

    assert response["Content-Type"].startswith("text/plain")
    assert "Sitemap: http://testserver/sitemap.xml" in response.content.decode()


def test_robots_txt_keeps_crawlers_out_of_checkout_and_accounts_only(client):
    rules = client.get("/robots.txt").content.decode().splitlines()
    disallowed = {
        rule.split(":", 1)[1].strip() for rule in rules if rule.startswith("Disallow:")
    }

    assert {"/checkout/", "/accounts/", "/dashboard/", "/admin/"} <= disallowed
    assert "/basket/" not in disallowed
    assert "/catalogue/" not in disallowed and "/articles/" not in disallowed


def test_feed_parses_and_lists_articles_newest_first(client):
    ArticleFactory(title="Newer", slug="newer", summary="A newer one.")
    ArticleFactory(
        title="Older",
        slug="older",
        summary="An older one.",
        publish_at=timezone.now() - timedelta(days=3),
    )

    feed = feedparser.parse(client.get("/articles/feed.xml").content)

    assert not feed.bozo, feed.bozo_exception
    assert feed.version == "atom10"
    assert [entry.title for entry in feed.entries] == ["Newer", "Older"]
    assert feed.entries[0].link == "http://example.com/articles/newer/"
    assert feed.entries[0].summary == "A newer one."


def test_feed_link_partial_points_at_the_feed():
    html = render_to_string("articles/_feed_link.html")

    assert 'type="application/atom+xml"' in html
    assert 'href="/articles/feed.xml"' in html


def test_product_page_has_product_json_ld_with_offer(client):
    product = ProductFactory(title="Calm Week Planner", price=Decimal("7.50"))

    html = client.get(product.get_absolute_url()).content.decode()

    data = json_ld(html)["Product"]
    assert data["name"] == "Calm Week Planner"
    assert data["offers"]["price"] == "7.50"
    assert data["offers"]["priceCurrency"] == "USD"
    assert data["offers"]["availability"] == "https://schema.org/InStock"
    assert "aggregateRating" not in data


def test_product_page_json_ld_has_aggregate_rating_once_reviewed(client):
    product = ProductFactory(title="Calm Week Planner")
    reviewer = get_user_model().objects.create_user("reader", "r@example.com", "pw")
    ProductReview.objects.create(
        product=product,
        user=reviewer,
        score=4,
        title="Gentle",
        body="Helped me.",
        status=ProductReview.APPROVED,
    )

    html = client.get(product.get_absolute_url()).content.decode()

    rating = json_ld(html)["Product"]["aggregateRating"]
    assert rating["ratingValue"] == "4.0"
    assert rating["reviewCount"] == 1
