"""Staff upload a product's PDF on the product editor's Files tab, publish
a new version and tell past buyers, who get it from old and new links."""

import re
from urllib.parse import urlsplit

import pytest
from django.core import mail
from django.urls import reverse
from playwright.sync_api import expect
from pypdf import PdfReader

from shop.downloads.models import ProductFile
from tests.factories import ProductFactory, category, paid_order, pdf_bytes

PASSWORD = "files-pw-7314"


@pytest.fixture
def staff_page(page, django_user_model):
    django_user_model.objects.create_superuser(
        username="shop-owner", email="owner@example.com", password=PASSWORD
    )
    page.goto(reverse("dashboard:login"))
    page.get_by_label("Username").fill("shop-owner")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Login").click()
    expect(page.get_by_role("link", name="Dashboard")).to_be_visible()
    return page


def _files_tab(page, product):
    page.goto(reverse("dashboard:catalogue-product", kwargs={"pk": product.pk}))
    page.locator('a[href="#product_files"]').click()
    expect(page.get_by_role("heading", name="Files buyers get")).to_be_visible()


def _save(page):
    page.get_by_role("button", name="Save and continue editing").click()


def _downloaded_text(page, path) -> str:
    with page.expect_download() as download_info:
        page.evaluate("path => { window.location.href = path; }", path)
    reader = PdfReader(download_info.value.path())
    return "\n".join(p.extract_text() for p in reader.pages)


def test_staff_upload_a_file_then_a_new_version_and_past_buyers_get_it(
    staff_page, tmp_path
):
    page = staff_page
    product = ProductFactory(
        title="Self-Care Tracker", files=False, categories=[category("Planners")]
    )
    first = tmp_path / "self-care first.pdf"
    first.write_bytes(pdf_bytes("Edition one"))
    second = tmp_path / "self-care second.pdf"
    second.write_bytes(pdf_bytes("Edition two"))

    _files_tab(page, product)
    page.get_by_label("PDF or ZIP file").set_input_files(first)
    _save(page)
    expect(page.get_by_text("“Self-Care Tracker (PDF)” was uploaded")).to_be_visible()

    order = paid_order(products=[product], email="ana@example.com")
    old_link = order.lines.get().download_links.get().get_absolute_url()

    _files_tab(page, product)
    page.get_by_label("Replace with a new version").set_input_files(second)
    page.get_by_label("What changed (optional)").fill("Bigger boxes")
    page.get_by_label("E-mail past buyers a fresh link to the new version").check()
    _save(page)
    expect(page.get_by_text("is now version 2")).to_be_visible()
    expect(page.get_by_text("Past buyers are being e-mailed")).to_be_visible()

    _files_tab(page, product)
    history = page.get_by_role("table", name="History of Self-Care Tracker (PDF)")
    expect(history).to_contain_text("Bigger boxes")
    expect(history).to_contain_text("shop-owner")
    assert ProductFile.objects.get(product=product).version == 2

    (told,) = [m for m in mail.outbox if "new version" in m.subject]
    assert told.to == ["ana@example.com"]
    assert told.subject == "A new version of Self-Care Tracker is ready"
    fresh_link = urlsplit(re.search(r"https?://\S+/downloads/\S+/", told.body)[0])
    assert "Edition two" in _downloaded_text(page, fresh_link.path)
    assert "Edition two" in _downloaded_text(page, old_link)
    assert "Licensed to ana@example.com" in _downloaded_text(page, old_link)


def test_the_files_tab_opens_without_javascript(staff_page, browser, live_server):
    product = ProductFactory(title="Self-Care Tracker", categories=[category("A")])
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    context.add_cookies(staff_page.context.cookies())
    page = context.new_page()

    page.goto(reverse("dashboard:catalogue-product", kwargs={"pk": product.pk}))
    page.locator('a[href="#product_files"]').click()

    expect(page.get_by_role("heading", name="Files buyers get")).to_be_visible()
    expect(page.get_by_label("Replace with a new version")).to_be_visible()
    expect(page.get_by_label("UPC")).to_be_hidden()
    context.close()
