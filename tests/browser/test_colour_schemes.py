"""The reader's path (the starter kit) and the buyer's (basket, checkout,
payment, thank-you) in Chromium, checked with axe in the light and the dark
colour scheme, on a phone and a desktop."""

import re

import pytest
from oscar.core.loading import get_model
from playwright.sync_api import expect

from content.kit.links import confirm_path
from tests.browser.layout import assert_layout_holds
from tests.factories import SubscriberFactory

Product = get_model("catalogue", "Product")

PHONE = {"width": 375, "height": 812}
DESKTOP = {"width": 1280, "height": 800}
VIEWPORTS = pytest.mark.parametrize(
    "viewport", [PHONE, DESKTOP], ids=lambda size: f"{size['width']}px"
)
SCHEMES = pytest.mark.parametrize("scheme", ["light", "dark"])
TITLE = "Simple Meal Planner"
# Stripe's card field is Stripe's own (an iframe with its own labels); the
# local stand-in's bare inputs are not ours to fix, so axe leaves it out.
CARD_FIELD = "#card-element"


@pytest.fixture
def card_page(page, stripe_server):
    """The page, also allowed to load Stripe.js's stand-in and call it."""
    page.context.route(f"{stripe_server}/**", lambda route: route.continue_())
    return page


def _heading(page):
    return page.get_by_role("heading", level=1)


@VIEWPORTS
@SCHEMES
def test_kit_landing_and_confirmation_have_no_wcag_21_aa_violations(
    page, assert_accessible, scheme
):
    page.emulate_media(color_scheme=scheme)
    page.goto("/kit/")
    expect(_heading(page)).to_have_text("The Micro Habits Starter Kit")
    assert_accessible(page)
    assert_layout_holds(page)

    page.goto(confirm_path(SubscriberFactory()))
    confirm = page.get_by_role("button", name="Yes, send me the kit")
    expect(confirm).to_be_visible()
    assert_accessible(page)

    confirm.click()
    expect(page.get_by_text("Your address is confirmed.")).to_be_visible()
    assert_accessible(page)
    assert_layout_holds(page)


@VIEWPORTS
@SCHEMES
def test_basket_checkout_payment_and_thank_you_have_no_wcag_21_aa_violations(
    card_page, catalogue, assert_accessible, scheme
):
    page = card_page
    page.emulate_media(color_scheme=scheme)
    page.goto(Product.objects.get(title=TITLE).get_absolute_url())
    page.get_by_role("button", name=re.compile(r"^Add to basket$")).click()
    page.goto("/basket/")
    expect(page.locator(".basket-line")).to_have_count(1)
    assert_accessible(page)
    assert_layout_holds(page)

    page.get_by_role("link", name="Proceed to checkout").click()
    expect(page.get_by_label("Your e-mail address")).to_be_visible()
    assert_accessible(page)
    assert_layout_holds(page)

    page.get_by_label("Your e-mail address").fill("reader@example.com")
    page.get_by_role("button", name="Continue to payment").click()
    expect(page.get_by_role("heading", name="Pay by card")).to_be_visible()
    card = page.locator(CARD_FIELD)
    expect(card.get_by_placeholder("number")).to_be_visible()
    assert_accessible(page, exclude=[CARD_FIELD])
    assert_layout_holds(page)

    card.get_by_placeholder("number").fill("4242424242424242")
    card.get_by_placeholder("exp_month").fill("12")
    card.get_by_placeholder("exp_year").fill("34")
    card.get_by_placeholder("cvc").fill("123")
    card.get_by_placeholder("postal_code").fill("10001")
    page.get_by_role("button", name=re.compile(r"^Pay ")).click()
    expect(page.get_by_role("heading", name="Thank you for your order")).to_be_visible()
    assert_accessible(page)
    assert_layout_holds(page)
