"""A new shop owner adds a printable from the dashboard alone, sells it to a
guest, and ships a new version of it that the guest's old link delivers.

With ``SCREENSHOTS=1`` each step is also saved as a picture at 1280 px in
bench/screenshots/new-printable/.
"""

import io
import os
import re
from decimal import Decimal
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.core import mail
from oscar.core.loading import get_model
from PIL import Image
from playwright.sync_api import expect
from pypdf import PdfReader
from reportlab.lib.pagesizes import letter
from reportlab.pdfgen import canvas

from shop.downloads.models import ProductFile
from shop.mail.models import OutgoingMessage
from tests.browser.test_checkout import _pay_with
from tests.factories import category

Product = get_model("catalogue", "Product")

ROOT = Path(__file__).resolve().parents[2]
SHOTS = ROOT / "bench" / "screenshots" / "new-printable"
PASSWORD = "a new owner's long passphrase"
TITLE = "Evening Wind-Down Checklist"
BUYER = "guest.buyer@example.com"


@pytest.fixture
def screenshot():
    """``screenshot(page, name)`` saves the whole page when SCREENSHOTS=1."""
    wanted = os.environ.get("SCREENSHOTS") == "1"
    if wanted:
        SHOTS.mkdir(parents=True, exist_ok=True)

    def take(page, name):
        if not wanted:
            return
        page.wait_for_load_state("load")
        # A window as tall as the page, rather than a stitched full-page
        # capture, keeps the dashboard's fixed Save bar at the bottom.
        size = page.viewport_size
        height = page.evaluate("document.documentElement.scrollHeight")
        page.set_viewport_size({"width": size["width"], "height": height})
        page.screenshot(path=SHOTS / f"{name}.png")
        page.set_viewport_size(size)

    return take


@pytest.fixture
def card_page(page, stripe_server):
    """The page, also allowed to load Stripe.js's stand-in and call it."""
    page.context.route(f"{stripe_server}/**", lambda route: route.continue_())
    return page


@pytest.fixture
def owner(django_user_model):
    category("Planners")
    return django_user_model.objects.create_superuser(
        username="owner", email="owner@example.com", password=PASSWORD
    )


def _pdf(path: Path, marker: str) -> Path:
    """A two-page US Letter printable saying ``marker`` on each page."""
    drawing = canvas.Canvas(str(path), pagesize=letter)
    for number in (1, 2):
        drawing.setFont("Helvetica-Bold", 28)
        drawing.drawString(72, 700, TITLE)
        drawing.setFont("Helvetica", 18)
        drawing.drawString(72, 660, f"{marker}, page {number}")
        for row in range(12):
            drawing.rect(72, 600 - row * 40, 468, 30)
        drawing.showPage()
    drawing.save()
    return path


def _cover(path: Path) -> Path:
    picture = Image.new("RGB", (900, 1200), (238, 226, 205))
    picture.paste((92, 122, 104), (90, 120, 810, 420))
    buffer = io.BytesIO()
    picture.save(buffer, format="JPEG", quality=85)
    path.write_bytes(buffer.getvalue())
    return path


def _text(pdf_path) -> str:
    """The PDF's text, checking it has the two pages of the uploads."""
    pages = PdfReader(pdf_path).pages
    assert len(pages) == 2
    return "\n".join(page.extract_text() for page in pages)


def _downloaded_text(page, path) -> str:
    """Opens a download link as a buyer does from an e-mail."""
    with page.expect_download() as download:
        page.evaluate("path => { window.location.href = path; }", path)
    return _text(download.value.path())


def _sign_in(page):
    page.goto("/dashboard/login/")
    page.get_by_label("Username").fill("owner")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Login").click()
    expect(page.get_by_role("link", name="Dashboard")).to_be_visible()


def _shown_previews(page) -> list[str]:
    """The product page's first-page pictures, each loaded; their addresses."""
    previews = page.get_by_role("region", name=f"Pages from {TITLE} (PDF)")
    pictures = previews.get_by_role("img")
    expect(pictures).to_have_count(2)
    for picture in pictures.all():
        picture.scroll_into_view_if_needed()
        expect(picture).to_have_js_property("complete", True)
        assert picture.evaluate("img => img.naturalWidth") > 0
    return [picture.evaluate("img => img.currentSrc") for picture in pictures.all()]


def _find_in_shop(page):
    page.goto("/")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Shop").click()
    page.get_by_role("link", name=TITLE).first.click()
    expect(page.get_by_role("heading", name=TITLE, level=1)).to_be_visible()


def _menu(page, heading, item):
    """Opens ``item`` from the dashboard's menu ``heading``."""
    # The menus open once the page's scripts have run; a click before that
    # only follows the button's "#" link.
    page.wait_for_load_state("load")
    page.get_by_role("button", name=heading, exact=True).click()
    page.locator(".dropdown-menu.show").get_by_role(
        "link", name=item, exact=True
    ).click()


def _open_tab(page, name):
    page.locator("#product_update_tabs").get_by_role("link", name=name).click()


def _choose(page, select_id, option):
    """Picks ``option`` in the dashboard's searchable drop-down (select2)."""
    page.locator(f"#select2-{select_id}-container").click()
    page.locator(".select2-results__option", has_text=option).click()
    expect(page.locator(f"#{select_id}")).to_have_value(re.compile(r"\d"))


def _save_and_continue(page):
    page.get_by_role("button", name="Save and continue editing").click()


def test_owner_adds_sells_and_updates_a_printable_from_the_dashboard(
    card_page, owner, outbox_mail, tmp_path, screenshot, request_log
):
    page = card_page
    version_one = _pdf(tmp_path / "wind-down-v1.pdf", "Version one")
    version_two = _pdf(tmp_path / "wind-down-v2.pdf", "Version two")
    cover = _cover(tmp_path / "wind-down-cover.jpg")

    # Staff: the things a printable needs, then the printable itself.
    _sign_in(page)
    _menu(page, "Catalogue", "Product Types")
    page.get_by_role("link", name=re.compile("Create new product type")).click()
    page.get_by_label("Name").fill("Printable")
    page.get_by_label("Requires shipping?").uncheck()
    page.get_by_label("Track stock levels?").uncheck()
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Printable")).to_be_visible()

    _menu(page, "Fulfilment", "Partners")
    page.get_by_role("link", name=re.compile("Create new partner")).click()
    page.get_by_label("Name").fill("GoToBetter")
    page.get_by_role("button", name="Save").click()

    _menu(page, "Catalogue", "Products")
    page.locator("#create_product_with_class_form").get_by_role(
        "button", name="New Product"
    ).click()

    details = page.locator("#product_details")
    details.get_by_label("Title", exact=True).fill(TITLE)
    details.get_by_label("UPC").fill("WIND-DOWN-1")
    _open_tab(page, "Categories")
    _choose(page, "id_productcategory_set-0-category", "Planners")
    _open_tab(page, "Images")
    page.locator("#id_images-0-original").set_input_files(cover)
    _open_tab(page, "Stock and pricing")
    _choose(page, "id_stockrecords-0-partner", "GoToBetter")
    page.locator("#id_stockrecords-0-partner_sku").fill("WIND-DOWN-1")
    page.locator("#id_stockrecords-0-price").fill("6.50")
    _open_tab(page, "Files")
    page.get_by_label("PDF or ZIP file").set_input_files(version_one)
    screenshot(page, "1-dashboard-files-tab")
    _save_and_continue(page)

    expect(
        page.get_by_text(f"“{TITLE} (PDF)” was uploaded: buyers get it from now on.")
    ).to_be_visible()
    product = Product.objects.get(title=TITLE)
    assert product.images.count() == 1
    assert product.stockrecords.get().price == Decimal("6.50")
    assert "Version one" in _text(ProductFile.objects.get(product=product).file.path)

    # The product page: the cover, the first pages, what the buyer gets.
    page.get_by_role("link", name="View it on the site").click()
    expect(page.get_by_role("heading", name=TITLE, level=1)).to_be_visible()
    first_pages = _shown_previews(page)
    facts = page.get_by_role("region", name="What you get")
    expect(facts).to_contain_text(re.compile(r"PDF · 2 pages · US Letter · \d"))
    screenshot(page, "2-product-page-previews")

    # A guest buys it with a card and downloads it from the thank-you page.
    page.context.clear_cookies()
    _find_in_shop(page)
    page.get_by_role("button", name="Add to basket").click()
    page.get_by_role("navigation", name="Main").get_by_role(
        "link", name=re.compile("^Basket")
    ).click()
    page.get_by_role("link", name=re.compile("Proceed to checkout")).click()
    page.get_by_label("Your e-mail address").fill(BUYER)
    page.get_by_role("button", name="Continue to payment").click()
    _pay_with(page, "4242424242424242")
    expect(page.get_by_role("heading", name="Thank you for your order")).to_be_visible()
    screenshot(page, "3-thank-you-page")
    download_link = page.get_by_role("link", name=re.compile(r"^Download "))
    expect(download_link).to_have_count(1)
    old_link = urlsplit(download_link.get_attribute("href")).path
    with page.expect_download() as bought:
        download_link.click()
    text = _text(bought.value.path())
    assert "Version one" in text
    assert f"Licensed to {BUYER}" in text
    assert bought.value.suggested_filename == "evening-wind-down-checklist.pdf"

    # Staff publish a new version and tell past buyers.
    page.context.clear_cookies()
    _sign_in(page)
    _menu(page, "Catalogue", "Products")
    page.get_by_role("link", name=TITLE).first.click()
    _open_tab(page, "Files")
    page.get_by_label("Replace with a new version").set_input_files(version_two)
    page.get_by_label("What changed (optional)").fill("Room for a note each night")
    page.get_by_label("E-mail past buyers a fresh link to the new version").check()
    _save_and_continue(page)
    expect(page.get_by_text("is now version 2")).to_be_visible()
    expect(page.get_by_text("Past buyers are being e-mailed")).to_be_visible()
    _open_tab(page, "Files")
    history = page.get_by_role("table", name=f"History of {TITLE} (PDF)")
    expect(history.locator("tbody tr")).to_have_count(2)
    expect(history).to_contain_text("Room for a note each night")
    expect(history).to_contain_text("wind-down-v1.pdf")
    expect(history).to_contain_text("wind-down-v2.pdf")
    screenshot(page, "4-files-tab-version-history")

    # The buyer's earlier link gives version two, and the e-mail has come.
    page.context.clear_cookies()
    text = _downloaded_text(page, old_link)
    assert "Version two" in text
    assert "Version one" not in text
    assert f"Licensed to {BUYER}" in text

    _find_in_shop(page)
    assert set(_shown_previews(page)).isdisjoint(first_pages)

    (told,) = [m for m in mail.outbox if "new version" in m.subject.lower()]
    assert told.to == [BUYER]
    assert told.subject == f"A new version of {TITLE} is ready"
    kept = OutgoingMessage.objects.get(subject=told.subject)
    assert kept.status == OutgoingMessage.Status.SENT
    assert "Room for a note each night" in told.body
    fresh_link = urlsplit(re.search(r"https?://\S+/downloads/\S+/", told.body)[0])
    assert fresh_link.path != old_link
    assert "Version two" in _downloaded_text(page, fresh_link.path)
    (html,) = [body for body, kind in told.alternatives if kind == "text/html"]
    # A blank page of its own, as a mail reader shows it: written into a
    # shop page, the e-mail's own styles would meet the shop's CSP.
    reader = page.context.new_page()
    reader.set_content(html)
    expect(reader.get_by_role("heading", level=1)).to_have_text(
        f"A new version of {TITLE} is ready"
    )
    expect(reader.get_by_text("a fresh link inside")).to_be_hidden()
    screenshot(reader, "5-update-email")
    request_log.assert_nothing_broken()
