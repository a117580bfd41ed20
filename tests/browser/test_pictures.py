"""Pictures in a real browser: a printable's previews on its product page and
an article's hero and body pictures, as resized copies, at phone and desktop
widths, accessible and from the shop alone."""

import re

import pytest
from oscar.core.loading import get_model
from playwright.sync_api import expect

Product = get_model("catalogue", "Product")

PHONE = {"width": 375, "height": 812}
DESKTOP = {"width": 1280, "height": 800}
VIEWPORTS = pytest.mark.parametrize(
    "viewport", [PHONE, DESKTOP], ids=lambda size: f"{size['width']}px"
)


def _loaded_pictures(page, selector):
    """Every picture in selector, scrolled into view and decoded: the
    (currentSrc, naturalWidth) the browser chose."""
    pictures = page.locator(f"{selector} img")
    for index in range(pictures.count()):
        pictures.nth(index).scroll_into_view_if_needed()
    page.wait_for_load_state("networkidle")
    return pictures.evaluate_all(
        "images => images.map(i => [i.currentSrc, i.complete ? i.naturalWidth : 0])"
    )


@VIEWPORTS
def test_product_page_shows_the_pages_of_its_file_and_what_you_get(
    page, catalogue, variant_problems, request_log
):
    product = Product.objects.get(title="Complete Meal Planning Toolkit")
    page.goto(product.get_absolute_url(), wait_until="networkidle")

    gallery = page.locator(".previews")
    for number in (1, 2, 3):
        name = f"Page {number} of Complete Meal Planning Toolkit (PDF)"
        expect(gallery.get_by_role("img", name=name)).to_be_visible()
    expect(page.locator(".what-you-get")).to_contain_text(
        re.compile(r"PDF · 3 pages · US Letter · \d+ KB")
    )
    loaded = _loaded_pictures(page, ".previews")
    assert len(loaded) == 3
    assert all(re.search(r"/media/images/previews/.+\.webp$", s) for s, _ in loaded)
    assert all(width > 0 for _, width in loaded)
    # Both colour schemes at this width: axe, and nothing wider than it.
    problems = variant_problems(page)
    assert not problems, "\n\n".join(problems)
    request_log.assert_nothing_external()
    request_log.assert_nothing_broken()


@VIEWPORTS
def test_a_preview_opens_its_page_large_without_javascript(
    browser, live_server, catalogue, viewport
):
    context = browser.new_context(
        base_url=live_server.url, viewport=viewport, java_script_enabled=False
    )
    page = context.new_page()
    product = Product.objects.get(title="Self-Care Tracker")
    page.goto(product.get_absolute_url())

    page.get_by_role("link", name="Page 1 of Self-Care Tracker (PDF)").click()

    assert re.search(
        r"/media/images/previews/self-care-tracker-page-1-.+-960\.jpeg$", page.url
    )
    context.close()


@VIEWPORTS
def test_article_pictures_are_resized_copies_that_fit_the_page(
    page, pictured_article, variant_problems, request_log
):
    page.goto(pictured_article.get_absolute_url(), wait_until="networkidle")

    expect(page.get_by_role("img", name="A cup of tea on a sunny desk")).to_be_visible()
    expect(page.get_by_role("img", name="A sunrise over a field")).to_be_attached()
    expect(
        page.get_by_role("img", name="A notebook open at a blank page")
    ).to_be_attached()
    loaded = _loaded_pictures(page, ".article")
    assert len(loaded) == 3
    assert all(re.search(r"/media/images/renditions/.+\.webp$", s) for s, _ in loaded)
    assert all(width > 0 for _, width in loaded)
    uploads = [url for url in request_log.urls if "/media/articles/" in url]
    assert uploads == []
    # Both colour schemes at this width: axe, and nothing wider than it.
    problems = variant_problems(page)
    assert not problems, "\n\n".join(problems)
    request_log.assert_nothing_external()
    request_log.assert_nothing_broken()
