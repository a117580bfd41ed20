"""Every page staff can reach by following links from the dashboard and the
admin answers without a server error, with a shop full of real data."""

import re
from decimal import Decimal
from urllib.parse import parse_qsl, urlencode, urlsplit

import pytest
from django.contrib.flatpages.models import FlatPage
from django.contrib.sites.models import Site
from django.test import Client
from django.urls import reverse
from oscar.core.loading import get_model
from oscar.test import factories as oscar_factories

from content.articles.demo import load_articles
from shop.mail.models import OutgoingMessage
from shop.payments.models import BlockedCardAttempt, StripePayment
from tests.factories import ProductFactory, SubscriberFactory
from tests.test_crawl import links_on

pytestmark = pytest.mark.django_db

START = ("/dashboard/", "/admin/")
# Signing out ends the crawl's session; nothing else staff reach by GET
# changes anything.
SKIP = ("/dashboard/logout/", "/admin/logout/", "/accounts/logout/")


@pytest.fixture
def busy_shop(demo_catalogue, stripe_server, admin_user):
    """Products with and without files, a paid order, articles, kit
    subscribers, e-mails in every state, a blocked card attempt, and a
    review, a voucher with its offer, a range and a page for Oscar's own
    dashboard pages."""
    load_articles(author=admin_user)
    ProductFactory(title="Gratitude Journal", files=False, price=Decimal("7.50"))
    buyer = Client()
    product = (
        get_model("catalogue", "Product").objects.listed().filter(has_files=True)[0]
    )
    buyer.post(reverse("basket:add", kwargs={"pk": product.pk}), {"quantity": 1})
    buyer.post(reverse("checkout:index"), {"email": "reader@example.com"}, follow=True)
    buyer.post(reverse("checkout:payment-details"), {"payment_method": "pm_card_visa"})
    assert get_model("order", "Order").objects.exists()
    SubscriberFactory()
    SubscriberFactory(confirmed=True)
    SubscriberFactory(unsubscribed=True)
    for status in OutgoingMessage.Status:
        OutgoingMessage.objects.create(
            to="reader@example.test", subject="Hello", payload=b"", status=status
        )
    StripePayment.objects.create(
        basket=get_model("basket", "Basket").objects.create(),
        email="reader@example.test",
        order_number="100999",
        status=StripePayment.Status.REFUNDED,
    )
    BlockedCardAttempt.objects.create(reason=BlockedCardAttempt.Reason.BASKET)
    oscar_factories.ProductReviewFactory(product=product)
    oscar_factories.create_voucher()
    oscar_factories.RangeFactory(name="Planners")
    FlatPage.objects.create(url="/about/", title="About").sites.add(
        Site.objects.get_current()
    )


SORT_PARAMS = {"sort", "o"}  # django-tables2's and the admin's
SAME_KIND_LIMIT = 3


def kind(url):
    """What makes a page different enough to visit: its path and filters
    with object ids left out, and its sort order."""
    parts = urlsplit(url)
    params = parse_qsl(parts.query, keep_blank_values=True)
    sort = tuple(value for name, value in params if name in SORT_PARAMS)
    filters = sorted(
        (name, re.sub(r"\d+", "N", value))
        for name, value in params
        if name not in SORT_PARAMS
    )
    return re.sub(r"\d+", "N", parts.path), tuple(filters), sort


def reversed_sort(url):
    """The same page sorted the other way round."""
    parts = urlsplit(url)
    separators = {"sort": ",", "o": "."}
    params = []
    for name, value in parse_qsl(parts.query, keep_blank_values=True):
        if name in separators:
            sep = separators[name]
            value = sep.join(
                v[1:] if v.startswith("-") else f"-{v}" for v in value.split(sep)
            )
        params.append((name, value))
    return f"{parts.path}?{urlencode(params)}"


def staff_links(url, html):
    """Links on a staff page to follow: the shop's own, but not signing out.
    Filter and sort links are followed from unfiltered, unsorted pages (so
    every filter and every sort order once, not every combination), each
    sort link both ways round."""
    for link in links_on(url, html):
        parts = urlsplit(link)
        if parts.netloc and parts.netloc != "testserver":
            continue
        if parts.path.startswith(("/static/",) + SKIP):
            continue
        if parts.query and urlsplit(url).query:
            continue
        link = parts.path + (f"?{parts.query}" if parts.query else "")
        if any(name in SORT_PARAMS for name, __ in parse_qsl(parts.query)):
            yield reversed_sort(link)
        yield link


def crawl(client):
    to_visit, seen, kinds, failures = list(START), set(), {}, []
    while to_visit:
        url = to_visit.pop()
        if url in seen or kinds.get(kind(url), 0) >= SAME_KIND_LIMIT:
            continue
        seen.add(url)
        kinds[kind(url)] = kinds.get(kind(url), 0) + 1
        response = client.get(url)
        if response.status_code >= 500:
            failures.append((url, response.status_code))
            continue
        if response.status_code in (301, 302):
            # The admin's "view on site" leads to the Site's own domain.
            target = urlsplit(response["Location"])
            to_visit.append(target.path + (f"?{target.query}" if target.query else ""))
            continue
        if not response.get("Content-Type", "").startswith("text/html"):
            continue
        if not urlsplit(url).path.startswith(START):
            continue
        to_visit.extend(staff_links(url, response.content.decode()))
    return seen, failures


def test_every_page_staff_reach_answers_without_a_server_error(busy_shop, admin_user):
    client = Client(raise_request_exception=False)
    client.force_login(admin_user)

    seen, failures = crawl(client)

    assert failures == []
    # It went everywhere: every table, each sort link, the order, the admin.
    assert "/dashboard/catalogue/?sort=price" in seen
    assert "/dashboard/catalogue/?sort=-files" in seen
    assert "/dashboard/users/?sort=email" in seen
    assert any(url.startswith("/dashboard/orders/100") for url in seen)
    assert any(url.startswith("/admin/kit/subscriber/?o=") for url in seen)
