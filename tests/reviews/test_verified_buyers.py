"""Only a buyer reviews: signed in from the product page, or as a guest
through the signed link made for their order line. Anyone else, by any
route, is told why and nothing is stored. Published reviews show the chosen
name and "Verified buyer"; ratings come only from approved reviews."""

import json
import re
from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from oscar.core.loading import get_model

from shop.apps.catalogue.reviews.services import review_link_path
from shop.apps.customer.verification import email_verified_record
from shop.apps.order.library import library_path
from tests.factories import ProductFactory, paid_order

pytestmark = pytest.mark.django_db

ProductReview = get_model("reviews", "ProductReview")
User = get_user_model()
PASSWORD = "a calm long passphrase"
# How long a review link works (written out, so a changed rule fails here).
A_YEAR = timedelta(days=365)
REVIEW = {"score": "4", "title": "Small wins", "body": "It helps.", "name": "Ann B."}


@pytest.fixture
def product(db):
    return ProductFactory(title="Self-Care Tracker")


@pytest.fixture
def guest_line(product):
    return paid_order(products=[product]).lines.get()


def _add_url(product):
    return reverse(
        "catalogue:reviews-add",
        kwargs={"product_slug": product.slug, "product_pk": product.pk},
    )


def _approve_all():
    for review in ProductReview.objects.all():
        review.status = ProductReview.APPROVED
        review.save()


def test_a_guest_buyer_reviews_through_the_link_and_it_shows_once_approved(
    client, product, guest_line
):
    path = review_link_path(line=guest_line)

    form = client.get(path)
    sent = client.post(path, REVIEW, follow=True)

    assert "The name shown with your review" in form.content.decode()
    assert "Thank you for your review!" in sent.content.decode()
    review = ProductReview.objects.get()
    assert (review.line, review.user, review.email) == (
        guest_line,
        None,
        "reader@example.com",
    )
    page = client.get(product.get_absolute_url()).content.decode()
    assert "Small wins" not in page  # waits for staff
    _approve_all()
    page = client.get(product.get_absolute_url()).content.decode()
    assert 'Ann B. · <span class="reviews__verified">Verified buyer</span>' in page
    assert "Rated 4.0 out of 5 (1 review)" in page
    assert page.count("No reviews yet") == 0
    (ld,) = [
        json.loads(block)
        for block in re.findall(
            r'<script type="application/ld\+json">(.*?)</script>', page, re.S
        )
        if '"Product"' in block
    ]
    assert ld["aggregateRating"]["ratingValue"] == "4.0"


def test_the_link_works_once(client, guest_line):
    path = review_link_path(line=guest_line)
    client.post(path, REVIEW)

    again = client.post(path, {**REVIEW, "title": "Twice"})

    assert again.status_code == 403
    assert "You have reviewed this printable already" in again.content.decode()
    assert ProductReview.objects.count() == 1


def test_a_review_link_opens_the_form_until_it_is_a_year_old(client, clock, guest_line):
    path = review_link_path(line=guest_line)
    clock.shift(A_YEAR - timedelta(seconds=1))

    response = client.get(path)

    assert response.status_code == 200
    assert "The name shown with your review" in response.content.decode()


def test_a_review_link_a_second_past_a_year_stores_nothing(client, clock, guest_line):
    path = review_link_path(line=guest_line)
    clock.shift(A_YEAR + timedelta(seconds=1))

    response = client.post(path, REVIEW)

    assert response.status_code == 403
    assert "Reviews here come only from people who bought" in (
        response.content.decode()
    )
    assert not ProductReview.objects.exists()


def test_without_reviews_the_page_says_so_once_and_claims_no_rating(client, product):
    page = client.get(product.get_absolute_url()).content.decode()

    assert page.count("No reviews yet") == 1
    assert "aggregateRating" not in page
    assert "Write a review" not in page


def test_a_signed_in_buyer_reviews_from_the_product_page(client, product):
    ann = User.objects.create_user("ann", "ann@example.com", PASSWORD)
    paid_order(products=[product], email="ann@example.com")
    email_verified_record(user=ann, email=ann.email)
    client.force_login(ann)

    page = client.get(product.get_absolute_url()).content.decode()
    client.post(_add_url(product), REVIEW)

    assert "Write a review" in page
    review = ProductReview.objects.get()
    assert review.user == ann and review.is_verified_buyer


@pytest.mark.parametrize("who", ["guest", "customer", "other_buyer"])
def test_a_non_buyer_cannot_review_by_any_route(client, product, who):
    other = ProductFactory(title="Simple Meal Planner")
    line_of_other_product = paid_order(products=[other]).lines.get()
    if who != "guest":
        user = User.objects.create_user("bob", "bob@example.com", PASSWORD)
        client.force_login(user)
    if who == "other_buyer":
        # Bought something else with a proved address: still not this.
        paid_order(products=[other], email="bob@example.com")
        email_verified_record(user=user, email=user.email)
    forged = review_link_path(line=line_of_other_product).replace(
        f"{other.slug}_{other.pk}", f"{product.slug}_{product.pk}"
    )
    routes = [
        _add_url(product),
        forged,  # a real link for another product, pointed at this one
        reverse(
            "catalogue:reviews-add-bought",
            kwargs={
                "product_slug": product.slug,
                "product_pk": product.pk,
                "token": "x",
            },
        ),
    ]
    for url in routes:
        for response in (client.get(url), client.post(url, REVIEW)):
            assert response.status_code == 403, url
            assert "Reviews here come only from people who bought" in (
                response.content.decode()
            )

    assert not ProductReview.objects.exists()


def test_a_refunded_buyer_cannot_review(client, product, guest_line):
    order = guest_line.order
    order.status = "Refunded"
    order.save()

    response = client.post(review_link_path(line=guest_line), REVIEW)

    assert response.status_code == 403
    assert not ProductReview.objects.exists()


def test_a_bad_form_keeps_what_was_typed(client, guest_line):
    response = client.post(
        review_link_path(line=guest_line), {**REVIEW, "score": "9", "name": ""}
    )

    page = response.content.decode()
    assert response.status_code == 200
    assert "Please give a name to show with your review." in page
    assert "Small wins" in page
    assert not ProductReview.objects.exists()


def test_the_library_offers_a_review_link_until_it_is_used(client, guest_line):
    page = client.get(library_path("reader@example.com")).content.decode()
    path = review_link_path(line=guest_line)
    assert "Review Self-Care Tracker" in page
    assert path.split("/add/")[0] in page

    client.post(path, REVIEW)

    after = client.get(library_path("reader@example.com")).content.decode()
    assert "Review Self-Care Tracker" not in after
