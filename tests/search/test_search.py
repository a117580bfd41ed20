"""Search finds printables and articles by their words, their files' words,
other forms of a word and misspellings, on either database, and answers any
query with a page."""

import re

import pytest
from django.core.files.base import ContentFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from content.articles.demo import load_articles
from shop.demo.catalogue import load_catalogue
from tests.factories import (
    ArticleFactory,
    ProductFactory,
    ProductFileFactory,
    pdf_bytes,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def shop(django_capture_on_commit_callbacks):
    """The demo catalogue and articles, each file read by the worker as at upload."""
    with django_capture_on_commit_callbacks(execute=True):
        load_catalogue()
    load_articles()


def search(client, query):
    response = client.get(reverse("search:search"), {"q": query})
    assert response.status_code == 200
    return response.content.decode()


def product_titles(html):
    return re.findall(r'class="card__title"><a href="[^"]+">([^<]+)</a>', html)


def test_words_printed_in_a_file_find_its_printable(client, shop):
    html = search(client, "sleep")

    assert "Self-Care Tracker" in product_titles(html)


def test_a_misspelt_word_finds_what_it_meant_and_says_so(client, shop):
    html = search(client, "trakcer")

    assert "Self-Care Tracker" in product_titles(html)
    assert "Ultimate Habit Tracker" in product_titles(html)
    assert "Did you mean" in html and "“tracker”" in html


def test_printables_named_by_the_words_come_before_articles(client, shop):
    html = search(client, "tracker")

    assert "Articles" in html
    assert html.index('id="product-results-heading"') < html.index(
        'id="article-results-heading"'
    )
    titles = product_titles(html)
    assert titles[: len([t for t in titles if "Tracker" in t])] == [
        t for t in titles if "Tracker" in t
    ]


def test_other_forms_of_a_word_find_it(client, db):
    ProductFactory(title="Weekly Planner", description="<p>Plan your meals.</p>")

    assert "Weekly Planner" in product_titles(search(client, "planning meal"))


def test_article_text_is_found_and_drafts_are_not(client, db):
    ArticleFactory(title="Morning pages", body="Write three pages of longhand.")
    ArticleFactory(title="Draft", body="longhand too", status="draft")

    html = search(client, "longhand")

    assert "Morning pages" in html
    assert "Draft" not in html


def test_a_new_file_is_found_once_read(client, db, django_capture_on_commit_callbacks):
    product = ProductFactory(title="Garden Log")
    assert "Garden Log" not in product_titles(search(client, "tomatoes"))

    with django_capture_on_commit_callbacks(execute=True):
        ProductFileFactory(
            product=product,
            file=ContentFile(pdf_bytes("Tomatoes watered"), name="garden.pdf"),
        )

    assert "Garden Log" in product_titles(search(client, "tomatoes"))


def test_a_renamed_or_hidden_product_is_found_as_it_is_now(client, db):
    product = ProductFactory(title="Calm Week", description="<p>Seven days.</p>")
    product.title = "Gentle Month"
    product.save()

    assert product_titles(search(client, "month")) == ["Gentle Month"]

    product.is_public = False
    product.save()
    assert product_titles(search(client, "month")) == []


@pytest.mark.parametrize(
    "query",
    [
        '"',
        "tracker\"'*",
        "NEAR(a b)",
        "title:tracker",
        "a OR b AND NOT c",
        "{title} : x",
        "(((",
        "!&|:*",
        "über café",
        "' OR 1=1 --",
        "x" * 10_000,
        "tra cker " * 2_000,
        "",
        "   ",
        "2024",
    ],
)
def test_any_query_gets_a_page(client, db, query):
    ProductFactory(title="Habit Tracker")
    ArticleFactory(title="Tracker notes")

    html = search(client, query)

    assert "Search articles and printables" in html


def test_the_number_of_queries_does_not_grow_with_the_results(
    client, django_capture_on_commit_callbacks
):
    def queries(query):
        client.get(reverse("search:search"), {"q": query})
        with CaptureQueriesContext(connection) as captured:
            client.get(reverse("search:search"), {"q": query})
        return len(captured)

    ProductFactory(title="Habit Tracker One")
    ArticleFactory(title="Tracker notes one")
    few, misspelt_few = queries("tracker"), queries("trakcer")
    for number in range(8):
        ProductFactory(title=f"Habit Tracker {number}")
        ArticleFactory(title=f"Tracker notes {number}")

    assert queries("tracker") == few
    assert queries("trakcer") == misspelt_few
