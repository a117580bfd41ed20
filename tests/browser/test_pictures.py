"""Pictures in a real browser: a printable's previews on its product page and
an article's hero and body pictures, as resized copies, at phone and desktop
widths, accessible and from the shop alone."""

import re
import shutil

import pytest
from django.core.files.base import ContentFile
from oscar.core.loading import get_model
from playwright.sync_api import expect

from content.articles.models import ArticlePicture
from shop.downloads.previews import product_files_describe_waiting
from tests.browser.test_valid_html import _validate
from tests.factories import ArticleFactory, cover_png

Product = get_model("catalogue", "Product")

PHONE = {"width": 375, "height": 812}
DESKTOP = {"width": 1280, "height": 800}
VIEWPORTS = pytest.mark.parametrize(
    "viewport", [PHONE, DESKTOP], ids=lambda size: f"{size['width']}px"
)
SCHEMES = pytest.mark.parametrize("scheme", ["light", "dark"])


def _fits_the_window(page):
    return page.evaluate(
        "document.documentElement.scrollWidth <= document.documentElement.clientWidth"
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
@SCHEMES
def test_product_page_shows_the_pages_of_its_file_and_what_you_get(
    page, catalogue, assert_accessible, request_log, scheme
):
    page.emulate_media(color_scheme=scheme)
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
    assert _fits_the_window(page)
    assert_accessible(page)
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


@pytest.fixture
def pictured_article(transactional_db):
    article = ArticleFactory(
        title="Five Quiet Minutes",
        slug="five-quiet-minutes",
        hero_image_alt="A cup of tea on a sunny desk",
        body=(
            "## A calm start\n\nBegin where you are.\n\n"
            "[[image: sunrise | The view at dawn]]\n\n"
            "Then breathe. ![A notebook open at a blank page](notebook) counts too.\n"
        ),
    )
    article.hero_image = ContentFile(cover_png(width=2400, height=1200), "hero.png")
    article.save()
    for name, alt in (("sunrise", "A sunrise over a field"), ("notebook", "")):
        ArticlePicture.objects.create(
            article=article,
            name=name,
            alt=alt or "A notebook",
            image=ContentFile(cover_png(width=1800, height=1200), f"{name}.png"),
        )
    return article


@VIEWPORTS
@SCHEMES
def test_article_pictures_are_resized_copies_that_fit_the_page(
    page, pictured_article, assert_accessible, request_log, scheme
):
    page.emulate_media(color_scheme=scheme)
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
    assert _fits_the_window(page)
    assert_accessible(page)
    request_log.assert_nothing_external()
    request_log.assert_nothing_broken()


def test_pages_with_previews_and_pictures_are_valid_html(
    client, demo_catalogue, pictured_article, tmp_path
):
    if not shutil.which("java"):
        pytest.fail("Java is missing: `apt-get install default-jre-headless`.")
    product_files_describe_waiting()
    pages = {
        "product": Product.objects.get(title="Ultimate Habit Tracker"),
        "article": pictured_article,
    }
    for name, item in pages.items():
        response = client.get(item.get_absolute_url())
        assert response.status_code == 200
        (tmp_path / f"{name}.html").write_bytes(response.content)
    catalogue = client.get("/catalogue/").content
    assert b'class="card__facts"' in catalogue
    (tmp_path / "catalogue.html").write_bytes(catalogue)
    assert b'class="previews"' in (tmp_path / "product.html").read_bytes()

    result = _validate(tmp_path)

    assert result.returncode == 0, result.stdout + result.stderr
