"""The shop's own error pages, drawn as Django draws them: with no request."""

import pytest
from django.template import loader
from django.urls import path

from shop.urls import urlpatterns as shop_urlpatterns


def broken(request):
    raise RuntimeError("a bug in a view")


urlpatterns = [path("broken/", broken), *shop_urlpatterns]


def test_the_500_page_is_drawn_with_no_request_and_no_database():
    # No `db` fixture: any query here fails the test.
    html = loader.get_template("500.html").render()

    assert "Something went wrong on our side" in html
    assert '<a class="brand" href="/">GoToBetter</a>' in html
    assert "Back to the home page" in html


@pytest.mark.urls(__name__)
def test_a_view_that_fails_shows_the_shops_500_page(client, db):
    client.raise_request_exception = False

    response = client.get("/broken/")

    assert response.status_code == 500
    html = response.content.decode()
    assert "<title>Something went wrong | GoToBetter</title>" in html
    assert "This one is on us, not you" in html
