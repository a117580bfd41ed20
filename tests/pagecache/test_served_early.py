"""A visitor with nothing of their own (no session, basket or message
cookie) gets a kept page before the basket, the URL routing and the view;
the page and its headers are the ones everyone else gets from the cache."""

import string

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.test import Client, RequestFactory

from content.articles.views import ArticleView
from shop import pagecache
from shop.pagecache import local, tokens
from tests.factories import ArticleFactory, ProductFactory
from tests.page_html import TOKEN

pytestmark = pytest.mark.django_db

# The headers a page's visitor is sent whichever way it was answered.
SAME_HEADERS = (
    "Content-Type",
    "Content-Security-Policy",
    "X-Frame-Options",
    "X-Content-Type-Options",
    "Referrer-Policy",
    "Cross-Origin-Opener-Policy",
    "Vary",
    "Content-Encoding",
)


@pytest.fixture
def views_drawn(monkeypatch):
    """How many times a page-cached view was asked for a page."""
    drawn = []
    get = pagecache.CachedPageMixin.get

    def counted_get(self, request, *args, **kwargs):
        drawn.append(request.path)
        return get(self, request, *args, **kwargs)

    monkeypatch.setattr(pagecache.CachedPageMixin, "get", counted_get)
    return drawn


@pytest.fixture
def pages():
    return [
        ProductFactory(title="Calm Week").get_absolute_url(),
        ArticleFactory(title="Water first").get_absolute_url(),
    ]


def test_a_new_visitor_gets_the_kept_page_without_its_view(pages, views_drawn):
    for url in pages:
        first = Client().get(url).content.decode()
        again = Client().get(url + "?utm_source=feed").content.decode()

        assert TOKEN.sub("", again) == TOKEN.sub("", first)
    assert views_drawn == pages


@pytest.mark.parametrize(
    "cookie",
    [
        ("sessionid", "no-such-session"),
        ("oscar_open_basket", "1:not-a-basket"),
        ("messages", ""),
    ],
)
def test_a_visitor_with_a_cookie_of_their_own_goes_the_whole_way(
    pages, views_drawn, cookie
):
    url = pages[0]
    Client().get(url)
    visitor = Client()
    visitor.cookies[cookie[0]] = cookie[1]

    assert visitor.get(url).status_code == 200
    assert views_drawn == [url, url]


def test_the_kept_page_carries_the_same_headers_either_way(pages):
    for url in pages:
        Client().get(url)
        early = Client().get(url, headers={"accept-encoding": "gzip"})
        whole_way = Client()
        whole_way.cookies["sessionid"] = "no-such-session"
        later = whole_way.get(url, headers={"accept-encoding": "gzip"})

        for name in SAME_HEADERS:
            assert early.get(name) == later.get(name), name
        assert early["Content-Encoding"] == "gzip"
        # A page with a form to post sets the visitor's CSRF cookie.
        assert ("csrftoken" in early.cookies) == ("csrftoken" in later.cookies)
    # The product page's basket form needs one.
    assert Client().get(pages[0]).cookies["csrftoken"].value


def test_a_list_page_asked_for_by_number_is_not_answered_early(views_drawn):
    ArticleFactory(title="Water first")
    Client().get("/articles/?page=1")
    Client().get("/articles/?page=1")

    assert views_drawn == ["/articles/", "/articles/"]


def test_tokens_are_random_over_the_whole_alphabet():
    made = [tokens.masked(tokens.random_chars()) for _ in range(300)]

    assert len(set(made)) == len(made)
    assert {len(token) for token in made} == {64}
    alphabet = set(string.ascii_letters + string.digits)
    assert set("".join(made)) == alphabet


def test_a_page_kept_by_an_earlier_release_is_drawn_again(pages, views_drawn):
    url = pages[1]
    Client().get(url)
    request = RequestFactory().get(url)
    key = pagecache.page_key(request)
    version, content_type, kept, counted = cache.get(key)
    cache.set(key, (version, content_type, kept, ("content.gone.OldView", {})))
    local.forget()  # as a freshly started process finds it

    assert Client().get(url).status_code == 200
    assert Client().get(url).status_code == 200

    assert views_drawn == [url, url]
    assert cache.get(key)[3] == counted


def test_a_view_that_cannot_be_counted_still_shows_its_page(pages, monkeypatch, caplog):
    url = pages[1]
    Client().get(url)

    def broken(cls, request, kwargs):
        raise RuntimeError("the counter is broken")

    monkeypatch.setattr(ArticleView, "count_view", classmethod(broken))

    response = Client().get(url)
    assert response.status_code == 200
    assert "Water first" in response.content.decode()
    assert "Could not count a view of " + url in caplog.text


def test_no_address_shares_the_key_of_a_page_asked_for_by_number():
    numbered = pagecache.page_key(RequestFactory().get("/articles/?page=2"), ["page"])
    digest = numbered.rsplit(":", 1)[1]

    assert pagecache.page_key(RequestFactory().get(f"/articles/:{digest}")) != numbered
    assert pagecache.page_key(RequestFactory().get(f"/articles/{digest}")) != numbered


def test_each_release_retires_every_kept_page(pages, views_drawn):
    url = pages[0]
    Client().get(url)

    call_command("migrate", verbosity=0)
    Client().get(url)

    assert views_drawn == [url, url]
