"""Every public page comes whole from the cache for anonymous readers, shows
staff's changes at once, and never shows a signed-in visitor's page to anyone
else."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.test import Client, RequestFactory
from django.urls import resolve, reverse

from shop import pagecache
from tests.factories import (
    ArticleFactory,
    ProductFactory,
    SeriesFactory,
    TopicFactory,
    category,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def shop():
    kind = category("Planners")
    product = ProductFactory(title="Calm Week", categories=[kind])
    series = SeriesFactory(name="Small Steps", slug="small-steps")
    topic = TopicFactory(name="Sleep", slug="sleep")
    article = ArticleFactory(title="Water first", series=series, series_position=1)
    article.topics.add(topic)
    return {"product": product, "article": article, "category": kind}


# Each page, and the product or article whose title it shows.
PAGES = {
    "home": (lambda shop: reverse("home"), "product"),
    "catalogue": (lambda shop: reverse("catalogue:index"), "product"),
    "catalogue-page-1": (
        lambda shop: reverse("catalogue:index") + "?page=1",
        "product",
    ),
    "categories": (lambda shop: reverse("catalogue:category-list"), None),
    "category": (lambda shop: shop["category"].get_absolute_url(), "product"),
    "articles": (lambda shop: reverse("articles:list"), "article"),
    "series": (
        lambda shop: reverse("articles:series", args=["small-steps"]),
        "article",
    ),
    "topic": (lambda shop: reverse("articles:topic", args=["sleep"]), "article"),
    "kit": (lambda shop: reverse("kit:landing"), None),
    "privacy": (lambda shop: reverse("legal:privacy"), None),
    "terms": (lambda shop: reverse("legal:terms"), None),
    "refunds": (lambda shop: reverse("legal:refunds"), None),
    # A visitor who never added anything sees the empty basket.
    "basket": (lambda shop: reverse("basket:summary"), None),
    "search": (lambda shop: reverse("search:search") + "?q=calm", None),
}


@pytest.mark.parametrize("name", PAGES)
def test_a_second_anonymous_visit_reads_no_database(
    shop, name, django_assert_num_queries
):
    url = PAGES[name][0](shop)
    first = Client().get(url)
    assert first.status_code == 200

    with django_assert_num_queries(0):
        again = Client().get(url)

    assert again.status_code == 200
    assert again.content == first.content.replace(_token(first), _token(again)).replace(
        b"pagecache", b""
    )


def _token(response):
    html = response.content
    marker = b'name="csrfmiddlewaretoken" value="'
    if marker not in html:
        return b"no-token"
    start = html.index(marker) + len(marker)
    return html[start : html.index(b'"', start)]


@pytest.mark.parametrize(
    "name", [name for name, (_, shows) in PAGES.items() if shows is not None]
)
def test_staff_changes_show_at_once(shop, name):
    url, shows = PAGES[name][0](shop), PAGES[name][1]
    thing = shop[shows]
    assert "Calm Week" in Client().get(url).content.decode() or shows == "article"

    thing.title = "Renamed by staff"
    thing.save()

    assert "Renamed by staff" in Client().get(url).content.decode()


def test_a_new_article_shows_on_the_lists_at_once(shop):
    for url in (reverse("home"), reverse("articles:list")):
        Client().get(url)

    ArticleFactory(title="Just published")

    for url in (reverse("home"), reverse("articles:list")):
        assert "Just published" in Client().get(url).content.decode()


def test_a_product_taken_off_sale_leaves_the_lists_at_once(shop):
    url = reverse("catalogue:index")
    assert "Calm Week" in Client().get(url).content.decode()

    shop["product"].is_public = False
    shop["product"].save()

    assert "Calm Week" not in Client().get(url).content.decode()


def _staff_client():
    staff = Client()
    staff.force_login(
        get_user_model().objects.create_user(
            username="staff", email="staff@example.com", password="pw", is_staff=True
        )
    )
    return staff


@pytest.mark.parametrize("name", PAGES)
def test_a_page_drawn_for_staff_is_never_kept_for_anonymous_readers(shop, name):
    url = PAGES[name][0](shop)
    assert _staff_client().get(url).status_code == 200

    assert not _kept(url)
    assert Client().get(url).status_code == 200
    assert _kept(url)


def _kept(url):
    """Whether the cache holds a page for url."""
    request = RequestFactory().get(url)
    view = getattr(resolve(request.path).func, "view_class", None)
    params = getattr(view, "page_cache_params", ())
    return cache.get(pagecache.page_key(request, params)) is not None


def test_a_hidden_category_staff_opened_stays_hidden(shop):
    hidden = category("Coming later")
    hidden.is_public = False
    hidden.save()
    url = hidden.get_absolute_url()

    assert _staff_client().get(url).status_code == 200
    assert Client().get(url).status_code == 404


def test_a_draft_staff_previewed_stays_hidden(shop):
    draft = ArticleFactory(title="Not yet", status="draft")

    assert "Not yet" in _staff_client().get(draft.get_absolute_url()).content.decode()
    assert Client().get(draft.get_absolute_url()).status_code == 404
    assert "Not yet" not in Client().get(reverse("articles:list")).content.decode()


def test_other_query_strings_are_rendered_not_cached(shop):
    url = reverse("catalogue:index")
    Client().get(url)

    rendered = Client().get(url, {"sort": "x", "page": "1"})
    again = Client().get(url, {"page": "99"})

    assert rendered.status_code == 200
    assert again.status_code == 302


def test_a_visitor_with_a_basket_sees_their_own_not_the_cached_empty_one(shop):
    url = reverse("basket:summary")
    assert "Calm Week" not in Client().get(url).content.decode()

    buyer = Client()
    buyer.post(
        reverse("basket:add", kwargs={"pk": shop["product"].pk}), {"quantity": 1}
    )
    assert "Calm Week" in buyer.get(url).content.decode()

    assert "Calm Week" not in Client().get(url).content.decode()
    # Removing the line is a write, in one transaction, as before.
    buyer_page = buyer.get(url).content.decode()
    assert "Remove" in buyer_page


def test_each_search_keeps_its_own_results(shop):
    ArticleFactory(title="Sleep on it")
    calm = Client().get(reverse("search:search"), {"q": "calm"}).content.decode()
    sleep = Client().get(reverse("search:search"), {"q": "sleep"}).content.decode()

    assert "Calm Week" in calm
    assert "Sleep on it" in sleep
    assert "Calm Week" not in sleep
    again = Client().get(reverse("search:search"), {"q": "calm"}).content.decode()
    assert "Calm Week" in again


def test_the_sign_in_page_comes_from_the_cache_with_its_own_next_page(
    shop, django_assert_num_queries
):
    url = reverse("customer:login")
    Client().get(url, {"next": "/basket/"})

    with django_assert_num_queries(0):
        page = Client().get(url, {"next": "/basket/"}).content.decode()
    assert 'value="/basket/"' in page

    other = Client().get(url, {"next": "/accounts/"}).content.decode()
    assert 'value="/accounts/"' in other
    assert 'value="/basket/"' not in other

    # A signed-in visitor is sent on, never shown the kept page.
    assert _staff_client().get(url).status_code == 302


def test_signing_in_from_the_cached_page_works(shop):
    get_user_model().objects.create_user(
        username="reader", email="reader@example.com", password="a-long-password-1"
    )
    url = reverse("customer:login")
    Client().get(url)

    reader = Client(enforce_csrf_checks=True)
    page = reader.get(url).content.decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    signed_in = reader.post(
        url,
        {
            "csrfmiddlewaretoken": token,
            "login_submit": "1",
            "login-username": "reader@example.com",
            "login-password": "a-long-password-1",
        },
    )
    assert signed_in.status_code == 302
    assert reader.get(reverse("customer:profile-view")).status_code == 200


@pytest.mark.parametrize(
    "name, own_address",
    [
        ("articles", "/articles/"),
        ("series", "/articles/series/small-steps/"),
        ("topic", "/articles/topics/sleep/"),
    ],
)
def test_a_kept_list_names_its_own_address_not_its_first_visitors(
    shop, name, own_address
):
    url = PAGES[name][0](shop)
    Client().get(url, {"utm_source": "newsletter", "fbclid": "abc"})

    html = Client().get(url).content.decode()

    assert f'<link rel="canonical" href="http://testserver{own_address}">' in html
    assert f'content="http://testserver{own_address}"' in html
    assert "newsletter" not in html


def test_a_kept_sign_in_page_posts_back_with_its_next_page_alone(shop):
    url = reverse("customer:login")
    Client().get(url, {"next": "/basket/", "utm_source": "newsletter"})

    html = Client().get(url, {"next": "/basket/"}).content.decode()

    assert html.count('action="/accounts/login/?next=%2Fbasket%2F"') == 2
    assert "newsletter" not in html
