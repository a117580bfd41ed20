"""Staff refund one line of a paid order from the dashboard's order page,
in Chromium: a confirmation first, then the status, the figures and the
buyer's e-mail follow."""

import re

import pytest
from django.core import mail
from django.urls import reverse
from oscar.core.loading import get_model
from playwright.sync_api import expect

from tests.browser.test_checkout import ADD_TO_BASKET, _pay_with

Order = get_model("order", "Order")
Product = get_model("catalogue", "Product")

PASSWORD = "staff-pw-5133"
BOUGHT = ("Simple Meal Planner", "Self-Care Tracker")


@pytest.fixture
def paid_order(page, stripe_server, catalogue):
    page.context.route(f"{stripe_server}/**", lambda route: route.continue_())
    for title in BOUGHT:
        page.goto(Product.objects.get(title=title).get_absolute_url())
        page.get_by_role("button", name=ADD_TO_BASKET).click()
    page.goto("/basket/")
    page.get_by_role("link", name=re.compile("Proceed to checkout")).click()
    page.get_by_label("Your e-mail address").fill("reader@example.com")
    page.get_by_role("button", name="Continue to payment").click()
    _pay_with(page, "4242424242424242")
    expect(page.get_by_role("heading", name="Thank you for your order")).to_be_visible()
    return Order.objects.get()


@pytest.fixture
def staff_page(page, paid_order, django_user_model):
    django_user_model.objects.create_superuser(
        username="refunder", email="refunder@example.com", password=PASSWORD
    )
    page.goto(reverse("dashboard:login"))
    page.get_by_label("Username").fill("refunder")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Login").click()
    expect(page.get_by_role("link", name="Dashboard")).to_be_visible()
    return page


def test_staff_refund_one_order_line_after_confirming_it(
    staff_page, paid_order, csp_violations
):
    page = staff_page
    tracker = paid_order.lines.get(title="Self-Care Tracker")
    mail.outbox.clear()
    page.goto(reverse("dashboard:order-detail", kwargs={"number": paid_order.number}))

    page.locator(f'input[name="selected_line"][value="{tracker.pk}"]').check()
    page.get_by_role("button", name="Refund selected lines…").click()

    expect(page.get_by_text("Refunded: Self-Care Tracker ($9.90).")).to_be_visible()
    assert (
        not Order.objects.get()
        .payment_events.filter(event_type__code="refunded")
        .exists()
    )
    page.get_by_role("button", name="Refund $9.90").click()

    expect(page.get_by_text("Refunded $9.90 through Stripe")).to_be_visible()
    expect(
        page.get_by_role("heading", name="Order status: Partly refunded")
    ).to_be_visible()
    page.goto(reverse("dashboard:index"))
    revenue = page.locator("#shop-figures tr", has_text="Revenue, net of refunds")
    expect(revenue.locator("td").first).to_have_text("$9.90")
    refund_mails = [m for m in mail.outbox if m.subject.startswith("Your refund of")]
    assert [m.subject.split(" for ")[0] for m in refund_mails] == [
        "Your refund of $9.90"
    ]
    csp_violations.assert_none()
