"""Buying a printable in Chromium with the real card form (localstripe's
stand-in for Stripe.js), then downloading it."""

import re
from urllib.parse import urlsplit

import pytest
from django.core import mail
from oscar.core.loading import get_model
from playwright.sync_api import expect
from pypdf import PdfReader

from tests.browser.conftest import AXE_TAGS, format_violations, inject_axe

Product = get_model("catalogue", "Product")

TITLE = "Simple Meal Planner"
ADD_TO_BASKET = re.compile(r"^Add to basket$")


@pytest.fixture
def card_page(page, stripe_server):
    """The page, also allowed to load Stripe.js's stand-in and call it."""
    page.context.route(f"{stripe_server}/**", lambda route: route.continue_())
    return page


def _checkout_as_guest(page, email):
    page.goto(Product.objects.get(title=TITLE).get_absolute_url())
    page.get_by_role("button", name=ADD_TO_BASKET).click()
    page.goto("/basket/")
    page.get_by_role("link", name=re.compile("Proceed to checkout")).click()
    page.get_by_label("Your e-mail address").fill(email)
    page.get_by_role("button", name="Continue to payment").click()
    expect(page.get_by_role("heading", name="Pay by card")).to_be_visible()


def _pay_with(page, number):
    card = page.locator("#card-element")
    card.get_by_placeholder("number").fill(number)
    card.get_by_placeholder("exp_month").fill("12")
    card.get_by_placeholder("exp_year").fill("34")
    card.get_by_placeholder("cvc").fill("123")
    card.get_by_placeholder("postal_code").fill("10001")
    page.get_by_role("button", name=re.compile(r"^Pay ")).click()


def test_guest_buys_a_printable_by_card_and_downloads_it_stamped(
    card_page, catalogue, request_log, assert_accessible
):
    page = card_page
    _checkout_as_guest(page, "reader@example.com")

    _pay_with(page, "4242424242424242")

    expect(page.get_by_role("heading", name="Thank you for your order")).to_be_visible()
    expect(page.locator("#order-number")).to_have_text(re.compile(r"^\d+$"))
    assert_accessible(page)
    with page.expect_download() as download_info:
        page.get_by_role("link", name=re.compile(r"^Download ")).first.click()
    pdf = PdfReader(download_info.value.path())
    text = "\n".join(p.extract_text() for p in pdf.pages)
    assert TITLE in text
    assert "Licensed to reader@example.com" in text
    assert download_info.value.suggested_filename.endswith(".pdf")
    request_log.assert_nothing_broken()


def test_buyers_path_runs_within_the_content_security_policy(
    card_page, catalogue, csp_violations
):
    # Home, product, basket, e-mail, the card form with the stand-in's
    # Stripe.js and its 3-D Secure prompt, and the thank-you page.
    page = card_page
    page.goto("/")
    _checkout_as_guest(page, "reader@example.com")
    _pay_with(page, "4000002500003155")
    page.get_by_role("button", name="Complete authentication").click()
    page.get_by_role("button", name="Complete authentication").click()

    expect(page.get_by_role("heading", name="Thank you for your order")).to_be_visible()
    csp_violations.assert_none()


def test_the_receipt_emails_download_link_works(card_page, catalogue):
    page = card_page
    _checkout_as_guest(page, "reader@example.com")
    _pay_with(page, "4242424242424242")
    expect(page.get_by_role("heading", name="Thank you for your order")).to_be_visible()

    (receipt,) = [m for m in mail.outbox if "receipt" in m.subject]
    url = re.search(r"https?://\S+/downloads/\S+/", receipt.body).group(0)
    path = urlsplit(url).path

    with page.expect_download() as download_info:
        page.evaluate("path => { window.location.href = path; }", path)
    text = "\n".join(
        p.extract_text() for p in PdfReader(download_info.value.path()).pages
    )
    assert TITLE in text


def test_the_receipt_page_from_the_email_is_accessible_and_prints(
    card_page, catalogue, assert_accessible
):
    page = card_page
    _checkout_as_guest(page, "reader@example.com")
    _pay_with(page, "4242424242424242")
    expect(page.get_by_role("heading", name="Thank you for your order")).to_be_visible()
    (receipt,) = [m for m in mail.outbox if "receipt" in m.subject]
    url = re.search(r"https?://\S+/receipts/\S+/", receipt.body).group(0)
    page.context.clear_cookies()  # later, from the e-mail, with no session

    for scheme in ("light", "dark"):
        page.emulate_media(color_scheme=scheme)
        page.goto(urlsplit(url).path)
        expect(page.get_by_role("heading", level=1)).to_contain_text("Receipt")
        expect(page.get_by_text("Visa ending in 4242")).to_be_visible()
        for width in (375, 1280):
            page.set_viewport_size({"width": width, "height": 800})
            assert_accessible(page)

    page.emulate_media(media="print")
    expect(page.get_by_text("Visa ending in 4242")).to_be_visible()
    expect(page.get_by_role("navigation", name="Main")).to_be_hidden()
    expect(page.get_by_role("link", name=re.compile("^Download "))).to_be_hidden()


def test_declined_card_shows_why_and_the_basket_stays(card_page, catalogue):
    page = card_page
    _checkout_as_guest(page, "reader@example.com")

    _pay_with(page, "4000000000000341")

    expect(page.locator("#payment-error")).to_contain_text(re.compile("declined", re.I))
    page.goto("/basket/")
    expect(page.locator(".basket-line")).to_have_count(1)


def test_after_a_declined_card_another_card_pays(card_page, catalogue):
    page = card_page
    _checkout_as_guest(page, "reader@example.com")
    _pay_with(page, "4000000000000341")
    expect(page.locator("#payment-error")).to_contain_text(re.compile("declined", re.I))

    _pay_with(page, "4242424242424242")

    expect(page.get_by_role("heading", name="Thank you for your order")).to_be_visible()


def test_card_needing_3d_secure_is_paid_after_the_buyer_authenticates(
    card_page, catalogue
):
    page = card_page
    _checkout_as_guest(page, "reader@example.com")

    _pay_with(page, "4000002500003155")
    # The bank asks once when the card is saved, once when it is charged.
    page.get_by_role("button", name="Complete authentication").click()
    page.get_by_role("button", name="Complete authentication").click()

    expect(page.get_by_role("heading", name="Thank you for your order")).to_be_visible()


def test_failed_3d_secure_returns_to_the_payment_page_with_the_basket(
    card_page, catalogue
):
    page = card_page
    _checkout_as_guest(page, "reader@example.com")

    _pay_with(page, "4000002500003155")
    page.get_by_role("button", name="Complete authentication").click()
    expect(page.locator("#card-status")).to_contain_text("confirm this payment")
    page.get_by_role("button", name="Fail authentication").click()

    expect(page.get_by_role("heading", name="Pay by card")).to_be_visible()
    expect(page.get_by_text(re.compile("authentication failed"))).to_be_visible()
    expect(page.locator(".checkout-summary")).to_contain_text(TITLE)

    _pay_with(page, "4242424242424242")

    expect(page.get_by_role("heading", name="Thank you for your order")).to_be_visible()


def test_email_step_has_no_wcag_21_aa_violations(
    card_page, catalogue, assert_accessible
):
    page = card_page
    page.goto(Product.objects.get(title=TITLE).get_absolute_url())
    page.get_by_role("button", name=ADD_TO_BASKET).click()
    page.goto("/checkout/")

    expect(page.get_by_label("Your e-mail address")).to_be_visible()
    assert_accessible(page)


def test_payment_page_has_no_wcag_21_aa_violations_around_the_card_field(
    card_page, catalogue, axe_source
):
    # The card field itself is Stripe's (an iframe with its own labels); the
    # stand-in's bare inputs are not ours to fix, so axe skips that element.
    page = card_page
    _checkout_as_guest(page, "reader@example.com")
    expect(page.get_by_placeholder("number")).to_be_visible()

    inject_axe(page, axe_source)
    violations = page.evaluate(
        """options => axe.run({exclude: [["#card-element"]]}, options)
            .then(r => r.violations)""",
        {"runOnly": {"type": "tag", "values": AXE_TAGS}},
    )

    assert violations == [], format_violations(violations)


def test_used_up_link_page_and_fresh_link_request_are_accessible(
    card_page, catalogue, assert_accessible
):
    from shop.downloads.models import DownloadLink

    page = card_page
    _checkout_as_guest(page, "reader@example.com")
    _pay_with(page, "4242424242424242")
    expect(page.get_by_role("heading", name="Thank you for your order")).to_be_visible()
    link = DownloadLink.objects.get()
    DownloadLink.objects.filter(pk=link.pk).update(download_count=link.max_downloads)

    page.goto(link.get_absolute_url())
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "This download link no longer works"
    )
    assert_accessible(page)
    page.get_by_role("button", name="E-mail me a fresh link").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Check your inbox")
    assert_accessible(page)


def test_thank_you_and_account_order_pages_have_no_violations_in_either_scheme(
    card_page, catalogue, django_user_model, assert_accessible
):
    django_user_model.objects.create_user(
        username="ann", email="ann@example.com", password="a calm long passphrase"
    )
    page = card_page
    page.goto("/accounts/login/")
    login = page.locator("#login_form")
    login.get_by_label("E-mail address").fill("ann@example.com")
    login.get_by_label("Password").fill("a calm long passphrase")
    login.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", name="Your orders")).to_be_visible()
    page.goto(Product.objects.get(title=TITLE).get_absolute_url())
    page.get_by_role("button", name=ADD_TO_BASKET).click()
    page.goto("/checkout/")
    _pay_with(page, "4242424242424242")
    expect(page.get_by_role("heading", name="Thank you for your order")).to_be_visible()
    order_number = page.locator("#order-number").inner_text()

    for scheme in ("light", "dark"):
        # Set before each visit: a scheme switched on an open page is checked
        # halfway through its colour transitions.
        page.emulate_media(color_scheme=scheme)
        for path in ("/checkout/thank-you/", f"/accounts/orders/{order_number}/"):
            page.goto(path)
            expect(
                page.get_by_role("link", name=re.compile("^Download "))
            ).to_be_visible()
            for width in (375, 1280):
                page.set_viewport_size({"width": width, "height": 800})
                assert_accessible(page)
