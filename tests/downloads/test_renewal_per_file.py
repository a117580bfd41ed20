"""A fresh link is limited per file of an order line, not across the shop."""

from decimal import Decimal

import pytest
from django.urls import reverse

from shop.downloads.models import DownloadLink
from tests.factories import ProductFactory

pytestmark = pytest.mark.django_db


def test_each_file_bought_gets_its_own_fresh_link_in_the_same_interval(
    client, stripe_server, printable, add_to_basket
):
    add_to_basket(printable)
    add_to_basket(ProductFactory(title="Calm Morning Tracker", price=Decimal("4.50")))
    client.post(reverse("checkout:index"), {"email": "reader@example.com"}, follow=True)
    client.post(reverse("checkout:payment-details"), {"payment_method": "pm_card_visa"})
    planner, tracker = DownloadLink.objects.order_by("line__title")

    for link in (planner, tracker):
        client.post(reverse("downloads:renew", kwargs={"token": link.token}))

    fresh = DownloadLink.objects.exclude(pk__in=[planner.pk, tracker.pk])
    assert sorted(link.line.title for link in fresh) == [
        "Calm Morning Tracker",
        "Weekly Reset Planner",
    ]
