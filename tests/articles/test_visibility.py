"""A draft or scheduled article is nowhere public until its time; staff preview it."""

from datetime import timedelta
from xml.etree import ElementTree

import feedparser
import pytest
from django.urls import reverse
from django.utils import timezone

from content.articles.models import Article
from tests.factories import ArticleFactory, SeriesFactory, TopicFactory

pytestmark = pytest.mark.django_db

SITEMAP_NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def hidden_articles():
    return [
        ArticleFactory(title="Draft Thoughts", slug="draft-thoughts", status="draft"),
        ArticleFactory(
            title="Scheduled Tomorrow",
            slug="scheduled-tomorrow",
            status="scheduled",
            publish_at=timezone.now() + timedelta(days=1),
        ),
        ArticleFactory(
            title="Published Later",
            slug="published-later",
            status="published",
            publish_at=timezone.now() + timedelta(hours=1),
        ),
    ]


@pytest.fixture
def articles():
    topic = TopicFactory(slug="rest")
    series = SeriesFactory(slug="small")
    public = ArticleFactory(title="Out In The Open", slug="out-in-the-open")
    hidden = hidden_articles()
    for article in [public, *hidden]:
        article.topics.add(topic)
        article.series = series
        article.save()
    return public, hidden


def test_published_is_only_what_has_reached_its_publish_time(articles):
    public, hidden = articles

    assert list(Article.objects.published()) == [public]


def test_scheduled_article_becomes_public_when_its_time_passes(articles):
    _, hidden = articles
    scheduled = hidden[1]
    Article.objects.filter(pk=scheduled.pk).update(
        publish_at=timezone.now() - timedelta(seconds=1)
    )

    assert scheduled in Article.objects.published()


@pytest.mark.parametrize(
    "path",
    [
        "/articles/",
        "/articles/topics/rest/",
        "/articles/series/small/",
        "/",
        # A word in every article's body (the factory's), hidden ones included.
        "/search/?q=water",
    ],
)
def test_hidden_articles_are_in_no_public_list(client, articles, path):
    html = client.get(path).content.decode()

    assert "Out In The Open" in html
    for title in ("Draft Thoughts", "Scheduled Tomorrow", "Published Later"):
        assert title not in html


def test_hidden_articles_are_not_in_the_feed(client, articles):
    feed = feedparser.parse(client.get(reverse("articles:feed")).content)

    assert [entry.title for entry in feed.entries] == ["Out In The Open"]


def test_hidden_articles_are_not_in_the_sitemap(client, articles):
    tree = ElementTree.fromstring(client.get("/sitemap.xml").content)
    locations = [loc.text for loc in tree.findall("sm:url/sm:loc", SITEMAP_NS)]

    assert any(url.endswith("/articles/out-in-the-open/") for url in locations)
    for slug in ("draft-thoughts", "scheduled-tomorrow", "published-later"):
        assert not any(slug in url for url in locations)


@pytest.mark.parametrize("slug", ["draft-thoughts", "scheduled-tomorrow"])
def test_hidden_article_own_url_is_not_found_for_readers(client, articles, slug):
    assert client.get(f"/articles/{slug}/").status_code == 404


@pytest.mark.parametrize("slug", ["draft-thoughts", "scheduled-tomorrow"])
def test_staff_preview_a_hidden_article_at_its_own_url(staff_client, articles, slug):
    response = staff_client.get(f"/articles/{slug}/")

    html = response.content.decode()
    assert response.status_code == 200
    assert "only staff can see this page" in html
    assert '<meta name="robots" content="noindex">' in html


def test_staff_preview_does_not_leak_hidden_articles_into_lists(staff_client, articles):
    html = staff_client.get("/articles/").content.decode()

    assert "Draft Thoughts" not in html
