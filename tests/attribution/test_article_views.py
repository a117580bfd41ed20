"""Article views are counted like product views: in memory, for cached and
rendered pages alike, written in bulk, robots and staff left out."""

import pytest
from django.test import Client
from django.utils import timezone
from oscar.core.loading import get_model

from shop.apps.catalogue.product_views import counter as product_counter
from shop.attribution.article_views import counter
from shop.attribution.models import ArticleDailyViews
from tests.factories import ArticleFactory, ProductFactory

ProductRecord = get_model("analytics", "ProductRecord")

pytestmark = pytest.mark.django_db

BROWSER = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/120 Safari/537.36"
ROBOTS = (
    "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
    "facebookexternalhit/1.1",
    "curl/8.5.0",
)


def test_views_of_cached_and_rendered_pages_are_written_in_one_flush(
    django_assert_num_queries, settings
):
    settings.PRODUCT_VIEWS_FLUSH_SECONDS = 3600
    article = ArticleFactory()
    url = article.get_absolute_url()
    Client().get(url, HTTP_USER_AGENT=BROWSER)
    with django_assert_num_queries(0):
        for _ in range(2):
            Client().get(url, HTTP_USER_AGENT=BROWSER)
    Client().get(url + "?utm_source=feed", HTTP_USER_AGENT=BROWSER)

    assert not ArticleDailyViews.objects.exists()
    counter.flush()

    row = ArticleDailyViews.objects.get(article=article)
    assert (row.day, row.views) == (timezone.localdate(), 4)


def test_robots_staff_and_missing_articles_are_not_counted(admin_client):
    article = ArticleFactory()
    url = article.get_absolute_url()
    for agent in ROBOTS:
        Client().get(url, HTTP_USER_AGENT=agent)
    admin_client.get(url)
    Client().get("/articles/no-such-article/", HTTP_USER_AGENT=BROWSER)
    counter.flush()

    assert not ArticleDailyViews.objects.exists()


def test_a_second_flush_adds_to_the_days_count():
    article = ArticleFactory()
    for _ in range(2):
        Client().get(article.get_absolute_url(), HTTP_USER_AGENT=BROWSER)
        counter.flush()

    assert ArticleDailyViews.objects.get(article=article).views == 2


def test_robots_are_left_out_of_product_views_too():
    product = ProductFactory()
    Client().get(product.get_absolute_url(), HTTP_USER_AGENT=ROBOTS[0])
    Client().get(product.get_absolute_url(), HTTP_USER_AGENT=BROWSER)
    product_counter.flush()

    assert ProductRecord.objects.get(product=product).num_views == 1
