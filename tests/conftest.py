import pytest

from shop.demo.catalogue import load_catalogue


@pytest.fixture
def demo_catalogue(db):
    """The demo catalogue from the brief, as `make run` loads it."""
    return load_catalogue()


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with an empty cache, as a real Redis outlives test runs."""
    from django.core.cache import cache

    cache.clear()
    yield
