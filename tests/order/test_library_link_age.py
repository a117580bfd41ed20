"""The library link works for LIBRARY_LINK_MAX_AGE seconds, to the second."""

import pytest

from shop.apps.order.library import library_path
from tests.factories import ProductFactory, paid_order

pytestmark = pytest.mark.django_db

BUYER = "reader@example.com"
AN_HOUR = 3600


@pytest.fixture(params=["default", "an hour"])
def max_age(request, settings):
    if request.param == "an hour":
        settings.LIBRARY_LINK_MAX_AGE = AN_HOUR
    return settings.LIBRARY_LINK_MAX_AGE


@pytest.fixture
def path(db):
    order = paid_order(products=[ProductFactory(title="Self-Care Tracker")])
    return library_path(BUYER), order


def test_the_link_still_opens_the_library_a_second_before_it_runs_out(
    client, clock, max_age, path
):
    link, order = path
    clock.shift(max_age - 1)

    response = client.get(link)

    assert response.status_code == 200
    assert str(order.number) in response.content.decode()


def test_the_link_has_run_out_a_second_after(client, clock, max_age, path):
    link, order = path
    clock.shift(max_age + 1)

    response = client.get(link)

    assert response.status_code == 410
    page = response.content.decode()
    assert "This link has run out" in page
    assert str(order.number) not in page
