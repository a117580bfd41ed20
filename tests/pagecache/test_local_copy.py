"""With Redis, each web process serves the pages it has from its own copy,
asking Redis whether the content changed at most every
PAGE_CACHE_LOCAL_SECONDS: a change made in the process shows at once, one
made elsewhere within that window. Each test runs a redis-server of its own."""

import time
from decimal import Decimal

import pytest
from django.core.cache import cache
from django.test import Client

from shop import pagecache
from shop.pagecache import local
from tests.conftest import Clock
from tests.factories import ProductFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def local_clock(monkeypatch):
    clock = Clock()
    monkeypatch.setattr(local, "monotonic", clock)
    return clock


@pytest.fixture
def product(shop_on_redis):
    return ProductFactory(title="Calm Week", price=Decimal("9.90"))


def _page(url):
    started = time.monotonic()
    response = Client().get(url)
    return response.content.decode(), time.monotonic() - started


def test_a_page_this_process_has_is_served_without_asking_redis(
    shop_on_redis, product, local_clock, django_assert_num_queries
):
    url = product.get_absolute_url()
    Client().get(url)
    shop_on_redis.freeze()  # a Redis that would make every question wait

    with django_assert_num_queries(0):
        html, seconds = _page(url)
    assert "Calm Week" in html
    assert seconds < 0.25  # no socket timeout waited for


def test_a_change_made_here_shows_at_once(shop_on_redis, product, local_clock):
    url = product.get_absolute_url()
    assert "$9.90" in _page(url)[0]

    product.title = "Calm Month"
    product.save()

    assert "Calm Month" in _page(url)[0]


def test_a_change_made_on_another_host_shows_within_the_window(
    shop_on_redis, product, local_clock, settings
):
    settings.PAGE_CACHE_LOCAL_SECONDS = 1.0
    url = product.get_absolute_url()
    assert "Calm Week" in _page(url)[0]

    # Another host saves the product: the row changes and so does Redis's
    # content version, but nothing in this process hears of it.
    type(product).objects.filter(pk=product.pk).update(title="Calm Month")
    cache.set(pagecache.VERSION_KEY, "changed-on-another-host", None)

    local_clock.shift(0.9)
    assert "Calm Week" in _page(url)[0]
    local_clock.shift(0.2)
    assert "Calm Month" in _page(url)[0]


def test_without_redis_there_is_no_second_copy(product, settings):
    # The embedded default's cache is this process's memory already.
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    }
    assert not local.enabled()
    settings.PAGE_CACHE_LOCAL_SECONDS = 0
    settings.CACHES = {"default": {"BACKEND": "shop.cache.RedisCache"}}
    assert not local.enabled()
