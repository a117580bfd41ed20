"""A guest buyer's review link works for REVIEW_LINK_MAX_AGE seconds, to the
second."""

import pytest
from oscar.core.loading import get_model

from shop.apps.catalogue.reviews.services import review_link_path
from tests.factories import ProductFactory, paid_order

pytestmark = pytest.mark.django_db

ProductReview = get_model("reviews", "ProductReview")
REVIEW = {"score": "4", "title": "Small wins", "body": "It helps.", "name": "Ann B."}
AN_HOUR = 3600


@pytest.fixture(params=["default", "an hour"])
def max_age(request, settings):
    if request.param == "an hour":
        settings.REVIEW_LINK_MAX_AGE = AN_HOUR
    return settings.REVIEW_LINK_MAX_AGE


@pytest.fixture
def link(db):
    line = paid_order(products=[ProductFactory(title="Self-Care Tracker")]).lines.get()
    return review_link_path(line=line)


def test_a_review_is_taken_a_second_before_the_link_runs_out(
    client, clock, max_age, link
):
    clock.shift(max_age - 1)

    response = client.post(link, REVIEW, follow=True)

    assert "Thank you for your review!" in response.content.decode()
    assert ProductReview.objects.count() == 1


def test_a_second_after_the_link_refuses_and_stores_nothing(
    client, clock, max_age, link
):
    clock.shift(max_age + 1)

    response = client.post(link, REVIEW)

    assert response.status_code == 403
    assert "This review link does not work" in response.content.decode()
    assert ProductReview.objects.count() == 0
