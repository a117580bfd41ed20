"""A buyer's whole way back to their files, in Chromium: buy as a guest,
lose the receipt, get everything back from the footer's form; open an
account with the same address and find the order there; review the
printable through the review link; staff approve it; the product page shows
"Verified buyer" and the rating, in its JSON-LD too. Each page is checked
with axe, at a phone's width and a desktop's."""

import json
import re
from urllib.parse import urlsplit

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from oscar.core.loading import get_model
from playwright.sync_api import expect
from pypdf import PdfReader

from tests.browser.test_checkout import TITLE, _checkout_as_guest, _pay_with

Product = get_model("catalogue", "Product")

EMAIL = "reader@example.com"
PASSWORD = "a calm long passphrase"
LIBRARY_LINK = re.compile(r"https?://[^/\s]+(/my-downloads/[^\s]+/)")
ACTIVATION_LINK = re.compile(r"https?://[^/\s]+(/accounts/activate/[^\s]+/)")


@pytest.fixture
def card_page(page, stripe_server):
    page.context.route(f"{stripe_server}/**", lambda route: route.continue_())
    return page


def _heading(page):
    return page.get_by_role("heading", level=1)


def _check(page, assert_accessible):
    """No axe violation and nothing wider than the screen, on a phone and a
    desktop."""
    for width in (375, 1280):
        page.set_viewport_size({"width": width, "height": 800})
        assert_accessible(page)
        overflow = page.evaluate(
            "document.documentElement.scrollWidth - window.innerWidth"
        )
        assert overflow <= 0, f"{page.url} is {overflow}px too wide at {width}px"


def _mail_to(pattern):
    (message,) = [m for m in mail.outbox if pattern.search(m.body)]
    return pattern.search(message.body).group(1)


def test_a_guest_buyer_gets_the_files_back_opens_an_account_and_reviews(
    card_page, catalogue, assert_accessible, request_log
):
    page = card_page
    _checkout_as_guest(page, EMAIL)
    _pay_with(page, "4242424242424242")
    expect(_heading(page)).to_have_text("Thank you for your order")
    order_number = page.locator("#order-number").inner_text()
    expect(
        page.get_by_role("link", name="Get my downloads again").first
    ).to_be_visible()

    # The receipt is lost: a new visit, nothing but the address.
    page.context.clear_cookies()
    mail.outbox.clear()
    page.goto("/")
    page.get_by_role("contentinfo").get_by_role(
        "link", name="Get my downloads again"
    ).click()
    expect(_heading(page)).to_have_text("Get my downloads again")
    _check(page, assert_accessible)
    page.get_by_label("E-mail address").fill(EMAIL)
    page.get_by_role("button", name="E-mail me my downloads").click()
    expect(_heading(page)).to_have_text("Check your inbox")
    _check(page, assert_accessible)

    library = _mail_to(LIBRARY_LINK)
    page.goto(library)
    expect(_heading(page)).to_have_text("Your downloads")
    expect(page.get_by_role("heading", name=f"Order {order_number}")).to_be_visible()
    _check(page, assert_accessible)
    with page.expect_download() as download:
        page.get_by_role("link", name=re.compile(r"^Download ")).first.click()
    text = "\n".join(p.extract_text() for p in PdfReader(download.value.path()).pages)
    assert TITLE in text

    # An account with the same address: its opening link proves the address.
    page.goto("/accounts/login/")
    form = page.locator("#register_form")
    form.get_by_label("E-mail address").fill(EMAIL)
    form.get_by_label("Password", exact=True).fill(PASSWORD)
    form.get_by_label("Password again").fill(PASSWORD)
    form.get_by_role("button", name="Create account").click()
    page.goto(_mail_to(ACTIVATION_LINK))
    page.get_by_role("button", name="Open my account").click()
    expect(_heading(page)).to_have_text("Your orders")
    page.get_by_role("link", name=f"Order {order_number}").click()
    expect(page.get_by_role("link", name=re.compile(r"^Download "))).to_be_visible()
    _check(page, assert_accessible)

    # The review, through the library's signed link.
    page.goto(library)
    page.get_by_role("link", name=f"Review {TITLE}").click()
    expect(_heading(page)).to_have_text(f"Review {TITLE}")
    page.get_by_role("button", name="Send my review").click()
    expect(page.get_by_role("alert").first).to_be_visible()
    _check(page, assert_accessible)
    page.get_by_label("5 out of 5").check()
    page.get_by_label("A title for your review").fill("Sunday is calmer now")
    page.get_by_label("Your review", exact=True).fill(
        "Ten minutes of planning, a calm week."
    )
    page.get_by_label("The name shown with your review").fill("Ann B.")
    page.get_by_role("button", name="Send my review").click()
    expect(page.get_by_text("Thank you for your review!")).to_be_visible()
    expect(page.get_by_text("Sunday is calmer now")).to_have_count(0)

    # Staff approve it in the dashboard.
    get_user_model().objects.create_user(
        "moderator", "moderator@example.com", PASSWORD, is_staff=True, is_superuser=True
    )
    page.context.clear_cookies()
    page.goto("/accounts/login/")
    login = page.locator("#login_form")
    login.get_by_label("E-mail address").fill("moderator@example.com")
    login.get_by_label("Password").fill(PASSWORD)
    login.get_by_role("button", name="Sign in").click()
    page.goto("/dashboard/reviews/")
    page.get_by_role("link", name="Sunday is calmer now").first.click()
    page.get_by_label("Status").select_option(label="Approved")
    page.get_by_role("button", name="Save").click()

    page.context.clear_cookies()
    page.goto(Product.objects.get(title=TITLE).get_absolute_url())
    reviews = page.locator("#reviews")
    expect(reviews.get_by_text("Sunday is calmer now")).to_be_visible()
    expect(reviews.get_by_text("Ann B. · Verified buyer")).to_be_visible()
    expect(page.get_by_text("Rated 5.0 out of 5 (1 review)").first).to_be_visible()
    expect(page.get_by_text("No reviews yet")).to_have_count(0)
    _check(page, assert_accessible)
    product_ld = [
        json.loads(block)
        for block in page.locator(
            'script[type="application/ld+json"]'
        ).all_inner_texts()
        if '"Product"' in block
    ]
    assert product_ld[0]["aggregateRating"]["ratingValue"] == "5.0"
    assert product_ld[0]["aggregateRating"]["reviewCount"] == 1
    assert (
        urlsplit(page.url).path == Product.objects.get(title=TITLE).get_absolute_url()
    )
    request_log.assert_nothing_broken()
