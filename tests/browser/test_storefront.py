"""The storefront as a guest sees it in a real browser, on a phone and a desktop."""

import re

import pytest
from django.conf import settings
from django.core.management import call_command
from oscar.core.loading import get_model
from playwright.sync_api import expect

from tests.browser.conftest import Visit, enhanced
from tests.browser.layout import assert_layout_holds

Category = get_model("catalogue", "Category")
Product = get_model("catalogue", "Product")

PHONE = {"width": 375, "height": 812}
DESKTOP = {"width": 1280, "height": 800}
VIEWPORTS = pytest.mark.parametrize(
    "viewport", [PHONE, DESKTOP], ids=lambda size: f"{size['width']}px"
)
ADD_TO_BASKET = re.compile(r"^Add to basket$")
ADD_TO_BASKET_FOR = re.compile(r"^Add to basket\W")
VIEW_BASKET = re.compile(r"^View basket$")


def _product_url(title):
    return Product.objects.get(title=title).get_absolute_url()


def _category_url(name):
    return Category.objects.get(name=name).get_absolute_url()


# Paths that need the demo catalogue's ids are looked up once it is loaded.
PUBLIC_PAGES = {
    "home": lambda: "/",
    "catalogue": lambda: "/catalogue/",
    "categories": lambda: "/catalogue/categories/",
    "category": lambda: _category_url("Meal planning"),
    "product": lambda: _product_url("Simple Meal Planner"),
    "reviews": lambda: _product_url("Simple Meal Planner") + "reviews/",
    "basket": lambda: "/basket/",
    "search": lambda: "/search/?q=planner",
    "misspelt-search": lambda: "/search/?q=trakcer",
    "sign-in": lambda: "/accounts/login/",
    "create-account": lambda: "/accounts/register/",
    "create-account-sent": lambda: "/accounts/register/check-your-inbox/",
    "password-reset": lambda: "/password-reset/",
    "get-my-downloads-again": lambda: "/my-downloads/",
    "get-my-downloads-again-sent": lambda: "/my-downloads/sent/",
    "privacy": lambda: "/privacy/",
    "terms": lambda: "/terms/",
    "refunds": lambda: "/refunds/",
}


def _visit(page, path):
    # networkidle, not load: web fonts and late scripts must be seen too.
    response = page.goto(path, wait_until="networkidle")
    assert response.ok, f"{path} answered {response.status}"


def _add_to_basket(page, title):
    page.goto(_product_url(title))
    with page.expect_response(lambda r: "/basket/add/" in r.url) as added:
        page.get_by_role("button", name=ADD_TO_BASKET).click()
    assert added.value.status == 302, f"adding to the basket gave {added.value}"
    page.wait_for_load_state()


@VIEWPORTS
def test_guest_finds_a_printable_from_home_and_sees_it_in_the_basket_with_its_price(
    page, catalogue, request_log
):
    title, price = "Ultimate Habit Tracker", "$12.90"

    page.goto("/")
    page.get_by_role("link", name=title, exact=True).first.click()

    expect(page.get_by_role("heading", level=1)).to_have_text(title)
    expect(page.locator(".product_main .price_color")).to_have_text(price)
    cover = page.locator(".product_page").get_by_role("img", name=title).first
    expect(cover).to_be_visible()
    media = re.compile(f"^{re.escape(settings.MEDIA_URL)}")
    expect(cover).to_have_attribute("src", media)
    assert cover.evaluate("img => img.complete && img.naturalWidth > 0"), (
        f"the cover {cover.get_attribute('src')} did not load"
    )

    page.get_by_role("button", name=ADD_TO_BASKET).click()
    messages = page.locator("#messages")
    expect(messages).to_contain_text(f"{title} has been added to your")
    messages.get_by_role("link", name=VIEW_BASKET).click()

    expect(page).to_have_url(re.compile(r"/basket/$"))
    expect(page.locator(".basket-count")).to_have_text("1")
    line = page.locator(".basket-line").filter(has_text=title)
    expect(line).to_have_count(1)
    expect(line.get_by_role("heading", name=title, exact=True)).to_be_visible()
    expect(line.locator(".price_color").first).to_contain_text(price)
    request_log.assert_nothing_broken()


def test_public_pages_are_accessible_fit_and_load_only_from_the_shop(
    page, catalogue, check_pages
):
    check_pages(
        {
            **{name: path() for name, path in PUBLIC_PAGES.items()},
            "missing": Visit("/no-such-page/", 404, "This page is not here"),
        }
    )

    _add_to_basket(page, "Simple Meal Planner")
    check_pages({"basket with a line": "/basket/"})
    expect(page.locator(".basket-line")).to_have_count(1)


def test_keyboard_user_can_skip_straight_to_the_content(page, catalogue):
    _visit(page, "/")

    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Skip to the content")
    expect(skip).to_be_focused()
    expect(skip).to_be_visible()
    page.keyboard.press("Enter")

    expect(page).to_have_url(re.compile(r"#main$"))


@pytest.mark.parametrize("viewport", [PHONE], ids=["375px"])
def test_reader_adds_from_an_article_card_without_losing_their_place_then_buys_now(
    page, browser, live_server, catalogue, assert_accessible, request_log
):
    call_command("load_demo_articles", verbosity=0)
    article = "/articles/ultimate-guide-to-micro-habits/"
    _visit(page, article)
    enhanced(page)
    related = page.locator(".article-related .card")
    first, second = related.nth(0), related.nth(1)
    first.scroll_into_view_if_needed()
    scrolled = page.evaluate("scrollY")
    assert scrolled > 1000, "the related cards are at the end of the article"

    # With JavaScript: in place, said in the card's live region, counted above.
    first.get_by_role("button", name=ADD_TO_BASKET_FOR).click()
    status = first.get_by_role("status")
    expect(status).to_contain_text("has been added to your basket")
    expect(status.get_by_role("link", name=VIEW_BASKET)).to_be_visible()
    expect(page.locator(".basket-count")).to_have_text("1")
    assert page.url.endswith(article)
    assert page.evaluate("scrollY") == scrolled
    assert_accessible(page)

    # Buy now: straight to checkout, whose header is quiet and says how
    # payment, download and refunds work.
    second.get_by_role("button", name=re.compile("^Buy now")).click()
    expect(page).to_have_url(re.compile(r"/checkout/$"))
    expect(page.get_by_role("navigation", name="Main")).to_have_count(0)
    expect(page.locator(".site-header")).to_contain_text("Secure checkout")
    trust = page.get_by_role("list", name="Before you pay")
    expect(trust).to_contain_text("Secure payment by Stripe")
    expect(trust).to_contain_text("Instant download")
    expect(trust.get_by_role("link", name=re.compile("money back"))).to_be_visible()
    assert_layout_holds(page)

    # The basket holds one copy of each, with one total.
    page.goto("/basket/")
    expect(page.locator(".basket-line")).to_have_count(2)
    expect(page.get_by_role("spinbutton")).to_have_count(0)
    expect(page.locator("#basket_totals tr")).to_have_count(1)
    page.get_by_role("button", name=re.compile("^Remove")).first.click()
    expect(page.locator(".basket-line")).to_have_count(1)
    request_log.assert_nothing_broken()

    # Without JavaScript: back at the same card, which says so.
    context = browser.new_context(
        base_url=live_server.url, viewport=PHONE, java_script_enabled=False
    )
    plain = context.new_page()
    plain.goto(article)
    card = plain.locator(".article-related .card").nth(1)
    card_id = card.get_attribute("id")
    card.get_by_role("button", name=ADD_TO_BASKET_FOR).click()
    expect(plain).to_have_url(re.compile(f"#{card_id}$"))
    added = plain.locator(f"#{card_id}").get_by_role("status")
    expect(added).to_contain_text("Added to your basket")
    expect(added).to_be_in_viewport()
    assert_layout_holds(plain)
    context.close()
