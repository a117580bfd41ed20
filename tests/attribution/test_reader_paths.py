"""Each path a reader takes from an article to a sign-up or a sale records
the article, from cached pages and without JavaScript, and browsing alone
stores nothing."""

import re
from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse

from content.kit.models import Subscriber
from shop.attribution.models import (
    BasketAttribution,
    OrderAttribution,
    SignupAttribution,
)
from tests.factories import ProductFactory

pytestmark = pytest.mark.django_db

HOST = "http://testserver"


def _form(html, action):
    """The named fields of the form posting to this action, as the page has them."""
    form = re.search(
        rf'<form[^>]*action="{re.escape(action)}"[^>]*>(.*?)</form>',
        html,
        re.S,
    ).group(1)
    return dict(
        re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', form)
    )


def _read_twice(url):
    """The page as a second reader gets it: from the page cache."""
    Client().get(url)
    response = Client().get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_a_card_in_a_cached_article_credits_the_article_with_the_sale(
    client, article, planner, pay, django_assert_num_queries
):
    url = article.get_absolute_url()
    Client().get(url)
    with django_assert_num_queries(0):
        html = client.get(url).content.decode()
    action = reverse("basket:add", kwargs={"pk": planner.pk})
    fields = _form(html, action)
    assert fields["article"] == article.slug

    # No JavaScript: the form as the page holds it, nothing added.
    client.post(action, fields, HTTP_REFERER=HOST + url)
    order = pay()

    attribution = OrderAttribution.objects.get(order=order)
    assert attribution.article == article
    assert attribution.page == ""
    assert not BasketAttribution.objects.exists()


def test_the_card_names_its_article_even_when_the_browser_sends_no_referer(
    client, article, planner, pay
):
    fields = _form(
        _read_twice(article.get_absolute_url()),
        reverse("basket:add", kwargs={"pk": planner.pk}),
    )
    client.post(reverse("basket:add", kwargs={"pk": planner.pk}), fields)

    assert OrderAttribution.objects.get(order=pay()).article == article


def test_article_then_product_page_credits_the_article_the_script_remembered(
    client, article, planner, pay
):
    product_url = planner.get_absolute_url()
    html = _read_twice(product_url)
    fields = _form(html, reverse("basket:add", kwargs={"pk": planner.pk}))
    assert "article" not in fields
    # The product page is shared: nothing of the article on it. The script
    # adds what it kept in the tab when the form is sent.
    fields |= {
        "quantity": "1",
        "attribution_article": article.slug,
        "attribution_article_age": "120",
        "attribution_referrer": "https://www.pinterest.com/pin/1",
        "attribution_utm_source": "pinterest",
        "attribution_utm_medium": "social",
        "attribution_utm_campaign": "spring-habits",
    }
    client.post(
        reverse("basket:add", kwargs={"pk": planner.pk}),
        fields,
        HTTP_REFERER=HOST + product_url,
    )
    attribution = OrderAttribution.objects.get(order=pay())

    assert attribution.article == article
    assert attribution.page == product_url
    assert attribution.referrer_domain == "pinterest.com"
    assert (
        attribution.utm_source,
        attribution.utm_medium,
        attribution.utm_campaign,
    ) == ("pinterest", "social", "spring-habits")


def test_an_article_read_longer_ago_than_the_window_is_not_credited(
    client, article, planner, pay, settings
):
    settings.ATTRIBUTION_WINDOW_HOURS = 24
    client.post(
        reverse("basket:add", kwargs={"pk": planner.pk}),
        {
            "quantity": "1",
            "attribution_article": article.slug,
            "attribution_article_age": str(int(timedelta(hours=25).total_seconds())),
        },
        HTTP_REFERER=HOST + planner.get_absolute_url(),
    )
    attribution = OrderAttribution.objects.get(order=pay())

    assert attribution.article is None
    assert attribution.page == planner.get_absolute_url()


def test_an_order_with_no_touch_is_recorded_as_direct(client, planner, pay):
    client.post(reverse("basket:add", kwargs={"pk": planner.pk}), {"quantity": "1"})
    attribution = OrderAttribution.objects.get(order=pay())

    assert attribution.article is None
    assert attribution.source_label == "(direct)"


def test_a_later_addition_without_an_article_keeps_the_article_read_before(
    client, article, planner, pay
):
    other = ProductFactory(title="Calm Evening Tracker")
    client.post(
        reverse("basket:add", kwargs={"pk": planner.pk}),
        {"quantity": "1", "article": article.slug},
    )
    client.post(
        reverse("basket:add", kwargs={"pk": other.pk}),
        {"quantity": "1"},
        HTTP_REFERER=HOST + reverse("catalogue:index"),
    )
    attribution = OrderAttribution.objects.get(order=pay())

    assert attribution.article == article
    assert attribution.page == reverse("catalogue:index")


def test_the_kit_box_in_a_cached_article_credits_the_article(
    client, article, django_capture_on_commit_callbacks
):
    url = article.get_absolute_url()
    html = _read_twice(url)
    fields = _form(html, reverse("kit:claim"))
    assert fields["source"] == article.slug

    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("kit:claim"),
            {**fields, "email": "sam@example.test", "consent": "yes"},
        )

    attribution = SignupAttribution.objects.get(subscriber__email="sam@example.test")
    assert attribution.article == article
    assert attribution.article_read_at is not None


def test_the_kit_page_credits_the_article_read_before_it(client, article):
    client.post(
        reverse("kit:claim"),
        {
            "email": "sam@example.test",
            "consent": "yes",
            "source": "kit",
            "attribution_article": article.slug,
            "attribution_article_age": "30",
        },
        HTTP_REFERER=HOST + reverse("kit:landing"),
    )
    attribution = SignupAttribution.objects.get(subscriber__email="sam@example.test")

    assert attribution.article == article
    assert attribution.page == reverse("kit:landing")


def test_utm_tags_of_the_landing_are_recorded_and_the_cached_page_is_shared(
    client, article, django_assert_num_queries
):
    url = article.get_absolute_url()
    landing = f"{url}?utm_source=newsletter&utm_medium=email&utm_campaign=week-12"
    Client().get(url)
    with django_assert_num_queries(0):
        tagged = client.get(landing).content.decode()
    plain = Client().get(url).content.decode()
    assert "week-12" not in tagged
    assert re.sub(r'value="[^"]{64}"', "", tagged) == re.sub(
        r'value="[^"]{64}"', "", plain
    )

    # No JavaScript: the box posts from the tagged address, which the
    # browser sends whole to our own server.
    fields = _form(tagged, reverse("kit:claim"))
    client.post(
        reverse("kit:claim"),
        {**fields, "email": "sam@example.test", "consent": "yes"},
        HTTP_REFERER=HOST + landing,
    )
    attribution = SignupAttribution.objects.get()

    assert attribution.article == article
    assert attribution.utm_source == "newsletter"
    assert attribution.utm_medium == "email"
    assert attribution.utm_campaign == "week-12"


def test_reading_and_browsing_store_nothing_and_set_no_cookie(client, article, planner):
    for url in (
        article.get_absolute_url() + "?utm_source=newsletter",
        article.get_absolute_url(),
        planner.get_absolute_url(),
        reverse("home"),
        reverse("kit:landing"),
    ):
        response = client.get(
            url, HTTP_REFERER="https://news.example.org/", follow=True
        )
        assert response.status_code == 200

    # Only the forms' CSRF cookie: no session, no basket, nothing to track.
    assert set(client.cookies) == {"csrftoken"}
    assert not BasketAttribution.objects.exists()
    assert not SignupAttribution.objects.exists()
    assert not Subscriber.objects.exists()


def test_tags_and_domains_that_are_not_what_they_say_are_cleaned_or_dropped(
    client, planner, pay
):
    client.post(
        reverse("basket:add", kwargs={"pk": planner.pk}),
        {
            "quantity": "1",
            "attribution_article": "no-such-article",
            "attribution_article_age": "-5",
            "attribution_referrer": "javascript:alert(1)",
            "attribution_utm_source": "x" * 500,
            "attribution_utm_campaign": '=HYPERLINK("evil")\x07\n',
        },
    )
    attribution = OrderAttribution.objects.get(order=pay())

    assert attribution.article is None
    assert attribution.referrer_domain == ""
    assert attribution.utm_source == "x" * 100
    assert attribution.utm_campaign == '=HYPERLINK("evil")'
