from decimal import Decimal

import pytest
from django.urls import reverse
from oscar.core.loading import get_model

from shop.attribution.article_views import counter
from tests.factories import ArticleFactory, ProductFactory

Order = get_model("order", "Order")


@pytest.fixture(autouse=True)
def no_pending_article_views():
    counter.clear()
    yield
    counter.clear()


@pytest.fixture
def planner(db):
    return ProductFactory(title="Weekly Reset Planner", price=Decimal("9.90"))


@pytest.fixture
def article(planner):
    """A published article with the planner's card and a kit box in its body."""
    return ArticleFactory(
        title="Two-Minute Mornings",
        slug="two-minute-mornings",
        body=(
            "Start with one glass of water.\n\n[[product: Weekly Reset Planner]]\n\n"
            "[[kit]]\n"
        ),
    )


@pytest.fixture
def pay(client, stripe_server):
    """Check out the client's basket as a guest with a card that works."""

    def checkout(email="reader@example.com"):
        client.post(reverse("checkout:index"), {"email": email}, follow=True)
        client.post(
            reverse("checkout:payment-details"), {"payment_method": "pm_card_visa"}
        )
        return Order.objects.get(guest_email=email)

    return checkout
