import pytest

from shop.demo.catalogue import load_catalogue


@pytest.fixture
def demo_catalogue(db):
    """The demo catalogue from the brief, as `make run` loads it."""
    return load_catalogue()
