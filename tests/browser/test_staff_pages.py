"""The staff pages (Oscar's dashboard, Django's admin) work within the
Content-Security-Policy: their scripts run, nothing they need is refused."""

import pytest
from django.urls import reverse
from oscar.core.loading import get_model
from playwright.sync_api import expect

from tests.browser.conftest import fits_the_window

Product = get_model("catalogue", "Product")

PASSWORD = "staff-pw-4821"


@pytest.fixture
def staff_page(page, catalogue, django_user_model):
    django_user_model.objects.create_superuser(
        username="night-editor", email="night@example.com", password=PASSWORD
    )
    page.goto(reverse("dashboard:login"))
    page.get_by_label("Username").fill("night-editor")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Login").click()
    expect(page.get_by_role("link", name="Dashboard")).to_be_visible()
    return page


def test_dashboard_pages_run_within_the_content_security_policy(
    staff_page, csp_violations
):
    page = staff_page
    product = Product.objects.get(title="Simple Meal Planner")
    for url in (
        reverse("dashboard:index"),
        reverse("dashboard:catalogue-product-list"),
        reverse("dashboard:catalogue-product", kwargs={"pk": product.pk}),
        reverse("dashboard:catalogue-category-create"),
        reverse("dashboard:order-list"),
    ):
        page.goto(url)
        expect(page.locator("h1")).to_be_visible()

    # The menu keeps to one row that fits a 1280 px window.
    page.goto(reverse("dashboard:index"))
    menu = page.locator("nav.navbar-primary").bounding_box()
    assert fits_the_window(page)
    assert menu["height"] < 60, f"the dashboard's menu wraps: {menu}"

    # The dashboard's inline set-up ran: it starts the product form's
    # rich-text editor (TinyMCE).
    page.goto(reverse("dashboard:catalogue-product", kwargs={"pk": product.pk}))
    expect(page.locator(".tox-tinymce").first).to_be_visible()
    csp_violations.assert_none()


def test_admin_pages_run_within_the_content_security_policy(staff_page, csp_violations):
    page = staff_page
    for url in (
        reverse("admin:index"),
        reverse("admin:articles_article_add"),
        reverse("admin:catalogue_product_changelist"),
    ):
        page.goto(url)
        expect(page.locator("#content")).to_be_visible()
    csp_violations.assert_none()
