"""The article page a reader sees: body blocks, FAQ, series footer, products."""

import json
import re
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from oscar.core.loading import get_model

from content.articles.models import RelatedProduct
from tests.factories import (
    ArticleFactory,
    FAQItemFactory,
    ProductFactory,
    SeriesFactory,
)

Product = get_model("catalogue", "Product")
StockRecord = get_model("partner", "StockRecord")

pytestmark = pytest.mark.django_db


def page(client, article):
    response = client.get(article.get_absolute_url())
    assert response.status_code == 200
    return response.content.decode()


def json_ld(html):
    found = re.findall(
        r'<script type="application/ld\+json">(.*?)</script>', html, flags=re.S
    )
    return {item["@type"]: item for item in map(json.loads, found)}


def test_product_block_shows_the_product_card_with_price_and_basket_button(client):
    product = ProductFactory(title="Calm Week Planner", price=Decimal("7.50"))
    article = ArticleFactory(body="Intro\n\n[[product: calm week planner]]")

    html = page(client, article)

    assert 'class="article-product"' in html
    assert product.get_absolute_url() in html
    assert "$7.50" in html
    # A card without reviews says nothing of them (the product page does).
    assert "No reviews yet" not in html
    assert "Rated" not in html
    assert f"/basket/add/{product.pk}/" in html


def test_a_reviewed_product_card_shows_its_rating(client):
    product = ProductFactory(title="Calm Week Planner", price=Decimal("7.50"))
    product.reviews.create(
        title="Kept me going",
        score=4,
        body="Small and kind.",
        name="Ann",
        email="ann@example.com",
        status=1,
    )
    product.update_rating()
    article = ArticleFactory(body="Intro\n\n[[product: calm week planner]]")

    html = page(client, article)

    assert "Rated 4.0 out of 5 (1 review)" in html


def test_cross_sell_block_shows_heading_product_and_price(client):
    product = ProductFactory(title="Ultimate Habit Tracker", price=Decimal("12.90"))
    article = ArticleFactory(
        body="[[cross-sell: Ultimate Habit Tracker | Ready to track more?]]"
    )

    html = page(client, article)

    assert "<strong>Ready to track more?</strong>" in html
    assert f'<a href="{product.get_absolute_url()}">Ultimate Habit Tracker</a>' in html
    assert "$12.90" in html


def test_kit_block_shows_one_kit_box_and_links_back_to_it_after_that(client):
    article = ArticleFactory(slug="tiny-start", body="[[kit]]\n\nText\n\n[[kit]]")

    html = page(client, article)

    claim_url = reverse("kit:claim")
    assert html.count(f'action="{claim_url}"') == 1
    assert html.count('name="source" value="tiny-start"') == 1
    assert 'id="kit-email-tiny-start-1"' in html
    assert 'id="kit-box-heading-tiny-start-1"' in html
    # The second [[kit]] asks again with a link to the one form.
    assert (
        '<a href="#kit-box-heading-tiny-start-1">Get the free Micro Habits '
        "Starter Kit</a>" in html
    )


def test_card_for_a_missing_or_hidden_product_quietly_disappears(client):
    ProductFactory(title="Hidden Planner", is_public=False)
    article = ArticleFactory(
        body="Before\n\n[[product: Gone Planner]]\n\n[[product: Hidden Planner]]"
        "\n\n[[video: x]]\n\nAfter"
    )

    html = page(client, article)

    assert "Before" in html and "After" in html
    assert 'class="article-product"' not in html
    assert "Block problem" not in html


def test_card_for_a_product_without_a_price_quietly_disappears(client):
    product = ProductFactory(title="Priceless Planner")
    StockRecord.objects.filter(product=product).delete()
    article = ArticleFactory(body="[[product: Priceless Planner]]")

    assert 'class="article-product"' not in page(client, article)


def test_staff_preview_explains_each_broken_block(staff_client):
    article = ArticleFactory(body="[[product: Gone Planner]]\n\n[[video: x]]")

    html = page(staff_client, article)

    assert "No product called “Gone Planner” is on sale" in html
    assert "“[[video: x]]” is not a block this page knows" in html


def test_card_shows_the_new_price_as_soon_as_the_product_changes(client):
    product = ProductFactory(title="Calm Week Planner", price=Decimal("7.50"))
    article = ArticleFactory(body="[[product: Calm Week Planner]]")
    page(client, article)

    # As the dashboard changes a price: saved, so cached pages are retired.
    stockrecord = StockRecord.objects.get(product=product)
    stockrecord.price = Decimal("5.00")
    stockrecord.save()

    assert "$5.00" in page(client, article)


def test_edited_body_is_rebuilt_not_served_from_the_cache(client):
    article = ArticleFactory(body="First words.")
    page(client, article)

    article.body = "Second words."
    article.save()

    html = page(client, article)
    assert "Second words." in html
    assert "First words." not in html


def test_faq_is_shown_as_disclosure_elements_in_order(client):
    article = ArticleFactory()
    FAQItemFactory(article=article, question="Second?", position=2)
    FAQItemFactory(article=article, question="First?", position=1)

    html = page(client, article)

    assert re.search(
        r"<details>\s*<summary>First\?</summary>.*<summary>Second\?</summary>",
        html,
        flags=re.S,
    )


def test_series_footer_links_the_pillar_guide_and_neighbours(client):
    series = SeriesFactory(name="Micro Habits Series")
    guide = ArticleFactory(title="The Guide", series=series, series_position=5)
    first = ArticleFactory(title="First Step", series=series, series_position=1)
    second = ArticleFactory(title="Second Step", series=series, series_position=2)
    series.pillar_guide = guide
    series.save()

    html = page(client, first)

    assert f'Start with <a href="{guide.get_absolute_url()}">The Guide</a>' in html
    assert f'<a href="{guide.get_absolute_url()}" rel="prev">The Guide</a>' in html
    assert f'<a href="{second.get_absolute_url()}" rel="next">Second Step</a>' in html


def test_related_products_row_in_the_order_staff_chose(client):
    article = ArticleFactory()
    later = ProductFactory(title="Zebra Planner")
    sooner = ProductFactory(title="Aardvark Planner")
    RelatedProduct.objects.create(article=article, product=later, position=1)
    RelatedProduct.objects.create(article=article, product=sooner, position=2)

    html = page(client, article)
    row = html[html.index("Printables that go with this") :]

    assert row.index("Zebra Planner") < row.index("Aardvark Planner")


def test_reading_time_is_shown(client):
    article = ArticleFactory(body="word " * 450)

    assert "3 min read" in page(client, article)


def test_page_has_title_description_canonical_and_social_cards(client):
    article = ArticleFactory(
        title="Tiny Start", seo_description="A short description for search."
    )

    html = page(client, article)

    url = f"http://testserver{article.get_absolute_url()}"
    assert "<title>Tiny Start | GoToBetter</title>" in html
    assert 'name="description" content="A short description for search."' in html
    assert f'<link rel="canonical" href="{url}">' in html
    assert f'<meta property="og:url" content="{url}">' in html
    assert '<meta property="og:type" content="article">' in html
    assert '<meta name="twitter:title" content="Tiny Start">' in html


def test_json_ld_has_article_breadcrumbs_and_faq(client):
    series = SeriesFactory(name="Micro Habits Series")
    article = ArticleFactory(title="Tiny Start", series=series)
    FAQItemFactory(article=article, question="Why tiny?", answer="It fits.")

    data = json_ld(page(client, article))

    posting = data["BlogPosting"]
    assert posting["headline"] == "Tiny Start"
    assert posting["author"]["name"] == "GoToBetter"
    assert posting["datePublished"] == article.publish_at.isoformat()
    assert posting["dateModified"]
    crumbs = [item["name"] for item in data["BreadcrumbList"]["itemListElement"]]
    assert crumbs == ["Home", "Articles", "Micro Habits Series", "Tiny Start"]
    assert data["FAQPage"]["mainEntity"] == [
        {
            "@type": "Question",
            "name": "Why tiny?",
            "acceptedAnswer": {"@type": "Answer", "text": "It fits."},
        }
    ]


def test_json_ld_cannot_be_closed_by_article_text(client):
    article = ArticleFactory(title="</script><script>alert(1)</script>")

    html = page(client, article)

    assert "<script>alert(1)" not in html
    assert json_ld(html)["BlogPosting"]["headline"].startswith("</script>")


def article_with(count):
    article = ArticleFactory(slug=f"with-{count}")
    lines = []
    for index in range(count):
        product = ProductFactory(title=f"Planner number {count}-{index}")
        lines.append(f"[[product: {product.title}]]")
        RelatedProduct.objects.create(article=article, product=product, position=index)
        FAQItemFactory(article=article)
    article.body = "\n\n".join(
        ["[[kit]]", *lines, "[[cross-sell: " + product.title + "]]"]
    )
    article.save()
    return article


def queries_to_show(client, article):
    page(client, article)  # covers are thumbnailed once, then come from the cache
    with CaptureQueriesContext(connection) as queries:
        page(client, article)
    return len(queries)


def test_article_page_queries_do_not_grow_with_cards_and_faqs(client):
    one, eight = article_with(1), article_with(8)

    assert queries_to_show(client, one) == queries_to_show(client, eight)
