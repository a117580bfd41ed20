"""Cached pages go gzip-compressed to browsers that take it: the same page,
each visitor's own token and basket count inside, and a plain page for
clients that do not ask for gzip."""

import gzip

import pytest
from django.test import Client
from django.urls import reverse

from tests.factories import ArticleFactory, ProductFactory
from tests.page_html import TOKEN

pytestmark = pytest.mark.django_db


@pytest.fixture
def pages():
    product = ProductFactory(title="Calm Week")
    article = ArticleFactory(title="Water first")
    return [reverse("home"), product.get_absolute_url(), article.get_absolute_url()]


def _plain(response):
    return response.content.decode()


def _unzipped(response):
    assert response["Content-Encoding"] == "gzip"
    return gzip.decompress(response.content).decode()


@pytest.mark.parametrize("visit", ["first", "from the cache"])
def test_a_browser_that_takes_gzip_gets_the_same_page_compressed(pages, visit):
    for url in pages:
        if visit == "from the cache":
            Client().get(url)
        zipped = Client().get(url, headers={"accept-encoding": "gzip, br"})
        plain = Client().get(url)

        assert "Accept-Encoding" in zipped["Vary"]
        assert "Accept-Encoding" in plain["Vary"]
        assert not plain.has_header("Content-Encoding")
        html = _unzipped(zipped)
        assert len(zipped.content) < len(html) / 2
        assert TOKEN.sub("", html) == TOKEN.sub("", _plain(plain))
        assert "pagecache" not in html


def test_each_visitor_finds_their_own_token_and_basket_in_the_compressed_page(pages):
    product_url = pages[1]
    Client().get(product_url)

    buyer = Client(enforce_csrf_checks=True)
    html = _unzipped(buyer.get(product_url, headers={"accept-encoding": "gzip"}))
    token = TOKEN.search(html).group(1)
    added = buyer.post(
        reverse("basket:add", kwargs={"pk": product_url.rstrip("/").split("_")[-1]}),
        {"quantity": 1, "csrfmiddlewaretoken": token},
    )
    assert added.status_code == 302
    # The next page shows the "added" message (drawn for this visitor alone).
    buyer.get(product_url)

    again = _unzipped(buyer.get(product_url, headers={"accept-encoding": "gzip"}))
    assert '<span class="basket-count">1</span>' in again
    other = _unzipped(Client().get(product_url, headers={"accept-encoding": "gzip"}))
    assert '<span class="basket-count">0</span>' in other
    assert set(TOKEN.findall(other)).isdisjoint(TOKEN.findall(again))
