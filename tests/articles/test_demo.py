"""The demo articles `make run` loads."""

import pytest
from django.core.management import call_command

from content.articles import blocks
from content.articles.demo import PILLAR_SLUG
from content.articles.models import Article, Series

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_articles(demo_catalogue):
    call_command("load_demo_articles", verbosity=0)
    return Article.objects.all()


def test_demo_articles_form_one_series_led_by_its_pillar_guide(demo_articles):
    series = Series.objects.get()

    assert 4 <= demo_articles.count() <= 6
    assert series.name == "Micro Habits Series"
    assert series.pillar_guide.title == "The Ultimate Guide to Micro Habits"
    assert series.reading_order()[0].slug == PILLAR_SLUG
    assert all(article.is_public for article in demo_articles)


def test_demo_articles_use_every_block_without_a_problem(demo_articles):
    kinds, problems = set(), []
    for article in demo_articles:
        for part in blocks.parse(article.body):
            kinds.add(type(part))
            if isinstance(part, blocks.Problem):
                problems.append(part.message)
        kinds.update(
            name for name in ("mini-tool", "quote") if f"[[{name}" in article.body
        )

    assert problems == []
    assert {blocks.ProductCard, blocks.CrossSell, blocks.KitBox} <= kinds
    assert {"mini-tool", "quote"} <= kinds


def test_every_demo_article_has_faqs_related_products_and_a_hero(demo_articles):
    for article in demo_articles:
        assert article.faqs.count() >= 2
        assert article.related_products.count() >= 1
        assert article.hero_image and article.hero_image_alt


def test_every_named_product_is_in_the_demo_catalogue(client, demo_articles):
    for article in demo_articles:
        html = client.get(article.get_absolute_url()).content.decode()
        cards = article.body.count("[[product:")
        assert html.count('class="article-product"') == cards


def test_loading_the_demo_articles_again_changes_nothing(demo_articles):
    Article.objects.filter(slug=PILLAR_SLUG).update(title="Edited by staff")

    call_command("load_demo_articles", verbosity=0)

    assert Article.objects.count() == 5
    assert Article.objects.get(slug=PILLAR_SLUG).title == "Edited by staff"
