"""A printable's reviews on pages of their own: the list and each review,
in the shop's own layout (Oscar's stock pages carry Bootstrap's grid, which
the shop does not load)."""

import pytest
from django.urls import reverse
from oscar.core.loading import get_model

from tests.factories import ProductFactory, paid_order

pytestmark = pytest.mark.django_db

ProductReview = get_model("reviews", "ProductReview")


@pytest.fixture
def review(db):
    product = ProductFactory(title="Self-Care Tracker")
    line = paid_order(products=[product]).lines.get()
    return ProductReview.objects.create(
        product=product,
        line=line,
        email="reader@example.com",
        name="Ann B.",
        score=4,
        title="Small wins",
        body="It helps on the heavy days.",
        status=ProductReview.APPROVED,
    )


def _list_url(product):
    return reverse(
        "catalogue:reviews-list",
        kwargs={"product_slug": product.slug, "product_pk": product.pk},
    )


def test_the_reviews_page_shows_each_review_with_its_stars_and_buyer(client, review):
    html = client.get(_list_url(review.product)).content.decode()

    assert '<h1 class="page-title">Reviews of Self-Care Tracker</h1>' in html
    assert '<p class="review__stars" aria-label="Rated 4 out of 5">' in html
    assert f'<a href="{review.get_absolute_url()}">Small wins</a>' in html
    assert 'Ann B. · <span class="review__verified">Verified buyer</span>' in html
    assert "col-sm-" not in html


def test_a_reviews_own_page_shows_it_and_leads_to_every_review(client, review):
    html = client.get(review.get_absolute_url()).content.decode()

    assert '<h1 class="page-title">A review of Self-Care Tracker</h1>' in html
    assert "It helps on the heavy days." in html
    assert f'<a href="{_list_url(review.product)}">Every review of' in html
    assert "col-sm-" not in html


def test_the_product_page_leads_to_every_review_when_it_shows_only_some(client, review):
    product = review.product
    url = product.get_absolute_url()
    assert "Read all" not in client.get(url).content.decode()

    for number in range(3):
        line = paid_order(products=[product], email=f"b{number}@example.com")
        ProductReview.objects.create(
            product=product,
            line=line.lines.get(),
            email=f"b{number}@example.com",
            name=f"Buyer {number}",
            score=5,
            title=f"Review {number}",
            body="Good.",
            status=ProductReview.APPROVED,
        )

    html = client.get(url).content.decode()
    assert f'href="{_list_url(product)}"' in html
    assert "Read all 4 reviews" in html
