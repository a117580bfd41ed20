"""A reader claims the starter kit in a real browser, and later leaves."""

import re
from io import BytesIO
from pathlib import Path

import pytest
from django.core import mail
from playwright.sync_api import expect
from pypdf import PdfReader

from content.kit.models import Subscriber
from tests.browser.conftest import enhanced

CONFIRM_SUBJECT = "Please confirm: your Micro Habits Starter Kit"
KIT_LINK = re.compile(r"https?://[^/\s]+(/kit/[^\s]+)")


def _link_in(subject, starting):
    [message] = [m for m in mail.outbox if m.subject == subject]
    return next(p for p in KIT_LINK.findall(message.body) if p.startswith(starting))


def _fill_the_box(page, email):
    box = page.locator("form[data-kit-box]")
    box.get_by_label("Your e-mail address").fill(email)
    box.get_by_label("Your first name").fill("Ana")
    box.get_by_label(re.compile("Yes, e-mail me the free")).check()
    box.get_by_role("button", name="Send me the kit").click()
    return box


def test_reader_claims_confirms_downloads_and_unsubscribes(
    page, request_log, assert_accessible
):
    page.goto("/kit/")
    assert_accessible(page)
    enhanced(page)

    box = _fill_the_box(page, "ana@example.test")

    # With JavaScript the box answers in place: same page, and the thanks
    # take the place of the form.
    expect(box.get_by_role("status")).to_contain_text("Please check your inbox")
    expect(box.get_by_role("status")).to_be_focused()
    expect(box.get_by_label("Your e-mail address")).to_be_hidden()
    expect(box.get_by_role("button", name="Send me the kit")).to_be_hidden()
    expect(page).to_have_url(re.compile(r"/kit/$"))
    assert Subscriber.objects.get().status == Subscriber.Status.PENDING

    page.goto(_link_in(CONFIRM_SUBJECT, "/kit/confirm/"))
    assert_accessible(page)
    assert Subscriber.objects.get().status == Subscriber.Status.PENDING
    page.get_by_role("button", name="Yes, send me the kit").click()

    expect(page.get_by_text("Your address is confirmed.")).to_be_visible()
    assert_accessible(page)
    # The three printables as cards, each with a picture of its first page,
    # then a gentle next step.
    files = page.locator(".kit-file")
    expect(files).to_have_count(3)
    for picture in files.locator("img").all():
        picture.scroll_into_view_if_needed()
        expect(picture).to_have_js_property("complete", True)
        assert picture.evaluate("img => img.naturalWidth") > 0
    expect(page.get_by_role("link", name="See the trackers")).to_be_visible()
    with page.expect_download() as download:
        page.get_by_role("link", name="Micro Habit Tracker").click()
    pdf = PdfReader(BytesIO(Path(download.value.path()).read_bytes()))
    assert "Micro Habit Tracker" in pdf.pages[0].extract_text()

    page.goto(_link_in("Your Micro Habits Starter Kit", "/kit/unsubscribe/"))
    assert_accessible(page)
    page.get_by_role("button", name="Unsubscribe me").click()

    expect(page.get_by_role("heading", name="You are unsubscribed")).to_be_visible()
    assert_accessible(page)
    assert Subscriber.objects.get().status == Subscriber.Status.UNSUBSCRIBED
    request_log.assert_nothing_external()
    request_log.assert_nothing_broken()


def test_the_box_shows_what_to_fix_in_place(page):
    page.goto("/kit/")
    enhanced(page)
    box = page.locator("form[data-kit-box]")
    # The browser's own checks are skipped so the server's answer is shown.
    box.evaluate("form => { form.noValidate = true; }")
    box.get_by_label("Your e-mail address").fill("not-an-address")
    box.get_by_role("button", name="Send me the kit").click()

    expect(box.get_by_text("Please enter a whole e-mail address")).to_be_visible()
    expect(box.get_by_text("Please tick the box")).to_be_visible()
    expect(box.get_by_label("Your e-mail address")).to_have_attribute(
        "aria-invalid", ""
    )
    assert not Subscriber.objects.exists()


@pytest.fixture
def page_without_javascript(browser, live_server, transactional_db):
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    yield context.new_page()
    context.close()


def test_the_box_works_without_javascript(page_without_javascript):
    page = page_without_javascript
    page.goto("/")

    _fill_the_box(page, "bo@example.test")

    expect(page).to_have_url(re.compile(r"/kit/check-your-inbox/$"))
    expect(page.get_by_text("Please check your inbox")).to_be_visible()
    assert Subscriber.objects.get().source == "home"


def test_without_the_script_a_mistake_comes_back_clearly_and_keeps_the_name(
    page, assert_accessible
):
    # The box's module is held back (JavaScript itself stays on, for axe).
    page.route("**/shop/site.js", lambda route: route.abort())
    page.goto("/kit/")
    page.locator("form[data-kit-box]").evaluate("form => { form.noValidate = true; }")

    page.get_by_label("Your e-mail address").fill("ana@")
    page.get_by_label("Your first name").fill("Ana")
    page.get_by_role("button", name="Send me the kit").click()

    expect(page.get_by_role("alert")).to_contain_text("Please check the form")
    expect(page.get_by_text("Please enter a whole e-mail address")).to_be_visible()
    expect(page.get_by_label("Your first name")).to_have_value("Ana")
    expect(page.get_by_label("Your e-mail address")).to_have_value("ana@")
    assert not Subscriber.objects.exists()
    assert_accessible(page)


def test_an_expired_link_page_is_accessible(page, assert_accessible):
    page.goto("/kit/confirm/not-a-real-token/")

    expect(page.get_by_role("heading", level=1)).to_have_text(
        "This link no longer works"
    )
    assert_accessible(page)
