"""Every product list asks the database the same number of questions for one
card as for twenty: a longer list must not make a slower page."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories import ProductFactory, ProductImageFactory, category

pytestmark = pytest.mark.django_db


def _stock(count, planners):
    for _ in range(count):
        product = ProductFactory(categories=[planners])
        ProductImageFactory(product=product)


def _queries_for(client, url):
    client.get(url)  # the session, basket and site are made on the first visit
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


LISTS = {
    "home": lambda planners: reverse("home"),
    "catalogue": lambda planners: reverse("catalogue:index"),
    "category": lambda planners: planners.get_absolute_url(),
    "search": lambda planners: reverse("search:search") + "?q=planner",
}


@pytest.mark.parametrize("url_of", LISTS.values(), ids=LISTS.keys())
def test_list_page_makes_as_many_queries_for_twenty_products_as_for_one(client, url_of):
    planners = category("Planners")
    _stock(1, planners)
    url = url_of(planners)
    with_one = _queries_for(client, url)

    _stock(19, planners)
    with_twenty = _queries_for(client, url)

    assert with_twenty == with_one


def test_listed_products_count_only_approved_reviews(client):
    from oscar.core.loading import get_model

    Product = get_model("catalogue", "Product")
    ProductReview = get_model("reviews", "ProductReview")
    product = ProductFactory(title="Reviewed Planner")
    for status in (ProductReview.APPROVED, ProductReview.APPROVED, 0):
        ProductReview.objects.create(
            product=product,
            score=4,
            title="Kind",
            body="Helped.",
            status=status,
            name="Reader",
            email="reader@example.com",
        )

    listed = Product.objects.listed().get(pk=product.pk)

    assert listed.num_approved_reviews == 2
