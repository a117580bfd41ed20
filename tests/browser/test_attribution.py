"""A reader's whole path in Chromium: an article found through a newsletter
link, its product page, the card payment; the same article with JavaScript
off; then the owner's report showing what each brought."""

import re
from decimal import Decimal

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse
from oscar.core.loading import get_model
from playwright.sync_api import expect

from shop.attribution.models import BasketAttribution, OrderAttribution
from tests.browser.conftest import enhanced
from tests.factories import ArticleFactory

Order = get_model("order", "Order")
Product = get_model("catalogue", "Product")

pytestmark = pytest.mark.browser

TITLE = "Simple Meal Planner"
PASSWORD = "a long staff password 15"
LANDING = "?utm_source=newsletter&utm_medium=email&utm_campaign=week-12"


@pytest.fixture
def card_page(page, stripe_server):
    page.context.route(f"{stripe_server}/**", lambda route: route.continue_())
    return page


def _pay(page, email):
    page.goto("/basket/")
    page.get_by_role("link", name=re.compile("Proceed to checkout")).click()
    page.get_by_label("Your e-mail address").fill(email)
    page.get_by_role("button", name="Continue to payment").click()
    card = page.locator("#card-element")
    card.get_by_placeholder("number").fill("4242424242424242")
    card.get_by_placeholder("exp_month").fill("12")
    card.get_by_placeholder("exp_year").fill("34")
    card.get_by_placeholder("cvc").fill("123")
    card.get_by_placeholder("postal_code").fill("10001")
    page.get_by_role("button", name=re.compile(r"^Pay ")).click()
    expect(page.get_by_role("heading", name="Thank you for your order")).to_be_visible()
    return Order.objects.get(guest_email=email)


def test_articles_are_credited_with_sales_and_the_owner_sees_it(
    card_page,
    stripe_server,
    catalogue,
    browser,
    live_server,
    django_user_model,
    request_log,
    assert_accessible,
):
    page = card_page
    article = ArticleFactory(
        title="Plan Meals in Five Minutes",
        body=f"Write three dinners down.\n\n[[product: {TITLE}]]\n",
    )
    product = Product.objects.get(title=TITLE)

    # With JavaScript: land from a newsletter link, read, open the product
    # page (shared by every reader), add it there and pay.
    page.goto(article.get_absolute_url() + LANDING)
    enhanced(page)
    page.goto(product.get_absolute_url())
    enhanced(page)
    page.get_by_role("button", name=re.compile(r"^Add to basket$")).click()
    order = _pay(page, "reader@example.com")
    attribution = OrderAttribution.objects.get(order=order)
    assert attribution.article == article
    assert (attribution.utm_source, attribution.utm_campaign) == (
        "newsletter",
        "week-12",
    )
    # Only the card form's Stripe stand-in is loaded from elsewhere.
    assert all(url.startswith(stripe_server) for url in request_log.external())

    # Without JavaScript: the card inside the article carries it.
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    plain = context.new_page()
    plain.goto(article.get_absolute_url())
    plain.locator(".article-product").get_by_role(
        "button", name=re.compile("^Add to basket")
    ).click()
    assert BasketAttribution.objects.get().article == article
    assert {cookie["name"] for cookie in context.cookies()} >= {"oscar_open_basket"}
    context.close()

    # The owner's report.
    owner = django_user_model.objects.create_user(
        username="owner", email="owner@example.com", password=PASSWORD, is_staff=True
    )
    owner.user_permissions.add(Permission.objects.get(codename="view_report"))
    page.goto(reverse("dashboard:login"))
    page.get_by_label("Username").fill("owner")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Login").click()
    page.get_by_role("link", name="What's working").click()
    expect(page.locator("h1")).to_have_text("What's working")

    row = page.locator("#report-articles tbody tr").filter(has_text=article.title)
    price = product.stockrecords.get().price
    expect(row.locator("td").nth(2)).to_have_text("1")
    expect(row.locator("td").nth(3)).to_have_text(f"${price:.2f}")
    source = page.locator("#report-sources tbody tr").filter(has_text="newsletter")
    expect(source.locator("td").nth(1)).to_have_text("week-12")
    expect(
        page.get_by_role("img", name=re.compile("Revenue and kit sign-ups"))
    ).to_be_visible()
    assert price > Decimal(0)
    page.screenshot(path="bench/screenshots/whats-working-1280.png", full_page=True)
    # Oscar's own menu and breadcrumbs are left out: the report is ours.
    assert_accessible(page, exclude=(".navbar", ".breadcrumb", ".dashboard > nav"))
