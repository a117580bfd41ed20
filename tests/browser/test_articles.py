"""Staff write an article in the admin; readers see it, accessible, on the site."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from playwright.sync_api import expect

from tests.browser.layout import assert_layout_holds

PHONE = {"width": 375, "height": 812}
DESKTOP = {"width": 1280, "height": 800}
VIEWPORTS = pytest.mark.parametrize(
    "viewport", [PHONE, DESKTOP], ids=lambda size: f"{size['width']}px"
)
BODY = """## Start small

*It happened, so it counts.*

- 🌱 One glass of water.

[[product: Simple Meal Planner]]

[[mini-tool: A 3-minute evening check-in]]
1. What went well today?
2. What felt heavy?
3. One tiny thing for tomorrow.
[[/mini-tool]]
"""


@pytest.fixture
def editor(transactional_db):
    get_user_model().objects.create_superuser(
        "editor", "editor@example.com", "a calm password"
    )
    return "editor", "a calm password"


@pytest.fixture
def demo_articles(catalogue):
    call_command("load_demo_articles", verbosity=0)


def test_staff_write_an_article_with_a_card_and_faq_and_readers_see_it(
    page, catalogue, editor, assert_accessible, request_log
):
    username, password = editor
    page.goto("/admin/articles/article/add/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Log in").click()

    page.get_by_label("Title:").fill("A Glass of Water Counts")
    page.get_by_label("Summary:").fill("The smallest habit there is, and why it works.")
    page.get_by_label("Body:").fill(BODY)
    page.get_by_label("Status:").select_option("published")
    page.locator("#id_faqs-0-question").fill("Is one glass really enough?")
    page.locator("#id_faqs-0-answer").fill("It is enough to count.")
    page.get_by_role("button", name="Save and continue editing").click()
    expect(page.locator(".messagelist")).to_contain_text("was added successfully")

    page.get_by_role("link", name="View on site").click()

    expect(page).to_have_url(re.compile(r"/articles/a-glass-of-water-counts/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("A Glass of Water Counts")
    card = page.locator(".article-product")
    expect(card.get_by_role("link", name="Simple Meal Planner").first).to_be_visible()
    expect(card).to_contain_text("$9.90")
    expect(page.locator(".mini-tool li")).to_have_count(3)
    question = page.get_by_text("Is one glass really enough?")
    question.click()
    expect(page.get_by_text("It is enough to count.")).to_be_visible()
    assert_accessible(page)
    request_log.assert_nothing_broken()

    page.context.clear_cookies()
    page.goto("/articles/")
    expect(page.get_by_role("link", name="A Glass of Water Counts")).to_be_visible()


ARTICLE_PAGES = {
    "article list": "/articles/",
    "pillar guide": "/articles/ultimate-guide-to-micro-habits/",
    "article": "/articles/one-small-plate-food-micro-habits/",
    "series": "/articles/series/micro-habits/",
    "topic": "/articles/topics/burnout/",
}


@VIEWPORTS
@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("path", ARTICLE_PAGES.values(), ids=ARTICLE_PAGES.keys())
def test_article_pages_have_no_wcag_21_aa_violations_and_load_only_from_the_shop(
    page, demo_articles, assert_accessible, request_log, path, scheme
):
    page.emulate_media(color_scheme=scheme)
    response = page.goto(path, wait_until="networkidle")
    assert response.ok

    assert_accessible(page)
    assert_layout_holds(page)
    request_log.assert_nothing_external()
    request_log.assert_nothing_broken()
