"""Article list, series, topic and home pages."""

import re
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from tests.factories import ArticleFactory, SeriesFactory, TopicFactory

pytestmark = pytest.mark.django_db


def titles_in(html):
    return re.findall(
        r'class="article-card__title article-teaser-title"><a href="[^"]+">([^<]+)</a>',
        html,
    )


def days_ago(days):
    return timezone.now() - timedelta(days=days)


def test_article_list_is_newest_first(client):
    ArticleFactory(title="Old", publish_at=days_ago(9))
    ArticleFactory(title="New", publish_at=days_ago(1))
    ArticleFactory(title="Middle", publish_at=days_ago(5))

    html = client.get("/articles/").content.decode()

    assert titles_in(html) == ["New", "Middle", "Old"]


def test_article_list_is_paginated(client):
    for day in range(14):
        ArticleFactory(title=f"Day {day}", publish_at=days_ago(day + 1))

    first = client.get("/articles/").content.decode()
    second = client.get("/articles/?page=2").content.decode()

    assert len(titles_in(first)) == 12
    assert titles_in(second) == ["Day 12", "Day 13"]
    assert '<link rel="canonical" href="http://testserver/articles/">' in first
    canonical = '<link rel="canonical" href="http://testserver/articles/?page=2">'
    assert canonical in second


def test_page_number_beyond_the_end_returns_to_the_list_with_a_message(client):
    ArticleFactory()

    response = client.get("/articles/?page=9", follow=True)

    assert response.redirect_chain[-1][0] == "/articles/"
    assert "That page number does not exist." in response.content.decode()


def test_series_page_shows_pillar_guide_first_then_articles_in_order(client):
    series = SeriesFactory(slug="micro")
    ArticleFactory(title="Two", series=series, series_position=2)
    guide = ArticleFactory(title="Guide", series=series, series_position=9)
    ArticleFactory(title="One", series=series, series_position=1)
    series.pillar_guide = guide
    series.save()

    html = client.get("/articles/series/micro/").content.decode()

    assert titles_in(html) == ["Guide", "One", "Two"]
    assert "Start here: the guide" in html


def test_topic_page_lists_only_its_articles(client):
    topic = TopicFactory(slug="rest", name="Rest")
    ArticleFactory(title="Resting").topics.add(topic)
    ArticleFactory(title="Running")

    html = client.get("/articles/topics/rest/").content.decode()

    assert titles_in(html) == ["Resting"]


def test_unknown_series_or_topic_is_not_found(client):
    assert client.get("/articles/series/nope/").status_code == 404
    assert client.get("/articles/topics/nope/").status_code == 404


def test_home_page_shows_the_latest_three_articles_and_the_products(
    client, demo_catalogue
):
    for day in range(4):
        ArticleFactory(title=f"Day {day}", publish_at=days_ago(day + 1))

    html = client.get("/").content.decode()

    assert titles_in(html) == ["Day 0", "Day 1", "Day 2"]
    assert "Simple Meal Planner" in html


def test_search_finds_articles_and_products_in_one_box(client, demo_catalogue):
    ArticleFactory(title="Planning meals when tired")

    html = client.get("/search/?q=meal").content.decode()

    assert titles_in(html) == ["Planning meals when tired"]
    assert "Simple Meal Planner" in html


def queries_for(client, path):
    client.get(path)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(path).status_code == 200
    return len(queries)


@pytest.mark.parametrize(
    "path", ["/articles/", "/articles/series/micro/", "/articles/topics/rest/", "/"]
)
def test_list_pages_queries_do_not_grow_with_the_articles(client, path):
    series, topic = SeriesFactory(slug="micro"), TopicFactory(slug="rest")

    def add_articles(count):
        for _ in range(count):
            ArticleFactory(series=series).topics.add(topic)

    add_articles(1)
    with_one = queries_for(client, path)
    add_articles(7)

    assert queries_for(client, path) == with_one
