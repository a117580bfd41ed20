"""A customer's account in Chromium: signing up, the account pages, signing
out and a forgotten password, checked with axe in both colour schemes on a
phone and a desktop."""

import re

from django.contrib.auth import get_user_model
from django.core import mail
from oscar.apps.partner.strategy import Default
from oscar.core.loading import get_model
from oscar.test.factories import create_order
from playwright.sync_api import expect

Basket = get_model("basket", "Basket")
Product = get_model("catalogue", "Product")

EMAIL = "reader@example.com"
PASSWORD = "a calm long passphrase"
ACTIVATION_LINK = re.compile(r"https?://[^/\s]+(/accounts/activate/[^\s]+/)")
RESET_LINK = re.compile(r"https?://[^/\s]+(/password-reset/confirm/[^\s]+/)")
SIGNED_IN_PAGES = {
    "Your orders": "/accounts/orders/",
    "Your details": "/accounts/profile/",
    "Change your details": "/accounts/profile/edit/",
    "Change your password": "/accounts/change-password/",
    "Delete your account": "/accounts/profile/delete/",
    "Sign out?": "/accounts/logout/",
}


def _heading(page):
    return page.get_by_role("heading", level=1)


def _sign_up(page, assert_accessible_everywhere):
    """Sign up, then open the account from the link e-mailed to the address."""
    page.goto("/accounts/login/")
    form = page.locator("#register_form")
    form.get_by_label("E-mail address").fill(EMAIL)
    form.get_by_label("Password", exact=True).fill(PASSWORD)
    form.get_by_label("Password again").fill(PASSWORD)
    form.get_by_role("button", name="Create account").click()
    expect(_heading(page)).to_have_text("Check your inbox")
    assert_accessible_everywhere(page)

    [message] = mail.outbox
    page.goto(ACTIVATION_LINK.search(message.body).group(1))
    expect(_heading(page)).to_have_text("One last click")
    assert_accessible_everywhere(page)
    page.get_by_role("button", name="Open my account").click()
    expect(_heading(page)).to_have_text("Your orders")


def _place_an_order_for(email):
    basket = Basket.objects.create()
    basket.strategy = Default()
    basket.add_product(Product.objects.get(title="Simple Meal Planner"))
    order = create_order(basket=basket, user=get_user_model().objects.get(email=email))
    order.status = "Paid"
    order.save()
    return order


def test_sign_in_mistakes_are_shown_without_wcag_21_aa_violations(
    page, catalogue, assert_accessible_everywhere
):
    page.goto("/accounts/login/")
    form = page.locator("#login_form")
    form.get_by_label("E-mail address").fill(EMAIL)
    form.get_by_label("Password").fill("not the password")
    form.get_by_role("button", name="Sign in").click()

    expect(form.get_by_role("alert")).to_contain_text("do not match an account")
    expect(form.get_by_label("E-mail address")).to_have_value(EMAIL)
    assert_accessible_everywhere(page)


def test_sign_up_mistakes_bring_the_reader_back_to_that_form(
    page, catalogue, assert_accessible_everywhere
):
    page.goto("/accounts/login/")
    form = page.locator("#register_form")
    form.get_by_label("E-mail address").fill(EMAIL)
    form.get_by_label("Password", exact=True).fill(PASSWORD)
    form.get_by_label("Password again").fill("another passphrase")
    form.get_by_role("button", name="Create account").click()

    expect(page.locator("section").first).to_have_attribute("id", "register")
    expect(form.get_by_text("The two password fields didn't match.")).to_be_visible()
    expect(form.get_by_label("Password again")).to_have_attribute(
        "aria-invalid", "true"
    )
    assert_accessible_everywhere(page)


def test_account_pages_have_no_wcag_21_aa_violations(
    page, catalogue, assert_accessible_everywhere
):
    _sign_up(page, assert_accessible_everywhere)
    order = _place_an_order_for(EMAIL)

    for heading, path in SIGNED_IN_PAGES.items():
        page.goto(path)
        expect(_heading(page)).to_have_text(heading)
        assert_accessible_everywhere(page)

    page.goto("/accounts/orders/")
    expect(page.get_by_role("link", name=f"Order {order.number}")).to_be_visible()
    page.get_by_role("button", name="Sign out").click()
    expect(page.locator("#messages")).to_contain_text("You are signed out.")
    assert_accessible_everywhere(page)


def test_the_four_password_reset_steps_have_no_wcag_21_aa_violations(
    page, catalogue, assert_accessible_everywhere
):
    get_user_model().objects.create_user(
        username="reader", email=EMAIL, password="an old passphrase"
    )
    page.goto("/accounts/login/")
    page.get_by_role("link", name="Forgotten your password?").click()
    expect(_heading(page)).to_have_text("Forgotten your password?")
    assert_accessible_everywhere(page)

    page.get_by_label("E-mail address").fill(EMAIL)
    page.get_by_role("button", name="E-mail me a link").click()
    expect(_heading(page)).to_have_text("Check your inbox")
    assert_accessible_everywhere(page)

    [message] = mail.outbox
    page.goto(RESET_LINK.search(message.body).group(1))
    expect(_heading(page)).to_have_text("Choose a new password")
    assert_accessible_everywhere(page)

    page.get_by_label("New password", exact=True).fill(PASSWORD)
    page.get_by_label("New password confirmation").fill(PASSWORD)
    page.get_by_role("button", name="Save the new password").click()
    expect(_heading(page)).to_have_text("Your new password is saved")
    assert_accessible_everywhere(page)

    page.get_by_role("link", name="Sign in").last.click()
    form = page.locator("#login_form")
    form.get_by_label("E-mail address").fill(EMAIL)
    form.get_by_label("Password").fill(PASSWORD)
    form.get_by_role("button", name="Sign in").click()
    expect(_heading(page)).to_have_text("Your orders")


def test_a_used_password_link_page_has_no_wcag_21_aa_violations(
    page, catalogue, assert_accessible_everywhere
):
    page.goto("/password-reset/confirm/MQ/not-a-token/")

    expect(_heading(page)).to_have_text("This link no longer works")
    assert_accessible_everywhere(page)
