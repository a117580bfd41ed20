"""What is kept about how a reader found the shop is said, and an unbought
basket's touch does not outlive ATTRIBUTION_BASKET_DAYS."""

from datetime import timedelta

import pytest
from django.urls import reverse

from shop.attribution.models import BasketAttribution
from shop.attribution.tasks import prune_basket_attributions

pytestmark = pytest.mark.django_db


def test_the_privacy_page_says_what_is_kept_and_for_how_long(client, settings):
    settings.ATTRIBUTION_BASKET_DAYS = 30
    html = client.get(reverse("legal:privacy")).content.decode()

    assert "which of our articles you read last" in html
    assert "utm_source" in html
    assert "deleted after 30 days" in html
    assert "not a cookie" in html


def test_an_unbought_baskets_touch_is_deleted_when_its_days_are_up(
    client, article, planner, clock, settings
):
    settings.ATTRIBUTION_BASKET_DAYS = 30
    client.post(
        reverse("basket:add", kwargs={"pk": planner.pk}),
        {"quantity": "1", "article": article.slug},
    )
    clock.shift(timedelta(days=29))
    prune_basket_attributions.call_local()
    assert BasketAttribution.objects.get().article == article

    clock.shift(timedelta(days=2))
    prune_basket_attributions.call_local()
    assert not BasketAttribution.objects.exists()
