"""Product cards are cached, yet always show the product as it is now, and
never hand one visitor's CSRF token or basket to another."""

import re
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse

from tests.factories import ProductFactory, ProductImageFactory

pytestmark = pytest.mark.django_db


def _catalogue(client):
    return client.get(reverse("catalogue:index")).content.decode()


def test_a_new_price_shows_on_the_card_at_once(client):
    product = ProductFactory(title="Calm Week", price=Decimal("9.90"))
    assert "$9.90" in _catalogue(client)

    stockrecord = product.stockrecords.get()
    stockrecord.price = Decimal("7.50")
    stockrecord.save()

    html = _catalogue(client)
    assert "$7.50" in html
    assert "$9.90" not in html


def test_a_new_title_shows_on_the_card_at_once(client):
    product = ProductFactory(title="Calm Week")
    assert "Calm Week" in _catalogue(client)

    product.title = "Gentle Week"
    product.save()

    assert "Gentle Week" in _catalogue(client)


def test_a_new_cover_shows_on_the_card_at_once(client):
    product = ProductFactory(title="Calm Week")
    first = ProductImageFactory(product=product)
    assert first.renditions["sizes"][0]["webp"] in _catalogue(client)

    first.delete()
    second = ProductImageFactory(product=product)

    assert second.renditions["sizes"][0]["webp"] in _catalogue(client)


def _card_tokens(html):
    return re.findall(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)


def test_each_visitor_gets_their_own_csrf_token_and_basket_count(client):
    product = ProductFactory(title="Calm Week")
    client.post(reverse("basket:add", kwargs={"pk": product.pk}), {"quantity": 1})
    first = _catalogue(client)
    other = _catalogue(Client())

    assert '<span class="basket-count">1</span>' in first
    assert '<span class="basket-count">0</span>' in other
    assert _card_tokens(first) and _card_tokens(other)
    assert set(_card_tokens(first)).isdisjoint(_card_tokens(other))
