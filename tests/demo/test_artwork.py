"""The demo artwork: printable PDFs and product covers, built without Django."""

from io import BytesIO

import pytest
from PIL import Image
from pypdf import PdfReader

from shop.demo.covers import PALETTES, draw_cover
from shop.demo.printables import (
    DEFAULT_TITLES,
    KINDS,
    build_printable,
    tracker_grid_pdf,
)

EXPECTED_PAGES = {
    "habit-tracker": 2,
    "self-care-tracker": 1,
    "meal-toolkit": 3,
    "simple-meal-planner": 1,
    "workout-planner": 2,
}


def _pages_text(pdf: bytes) -> list[str]:
    return [page.extract_text() for page in PdfReader(BytesIO(pdf)).pages]


def test_every_kind_has_a_product_title_and_a_page_count():
    assert set(KINDS) == set(EXPECTED_PAGES) == set(DEFAULT_TITLES)


@pytest.mark.parametrize("kind", KINDS)
def test_printable_is_a_readable_pdf_titled_on_every_page(kind):
    title = DEFAULT_TITLES[kind]
    pdf = build_printable(kind, title=title)

    assert pdf.startswith(b"%PDF-")
    pages = _pages_text(pdf)
    assert len(pages) == EXPECTED_PAGES[kind]
    for number, text in enumerate(pages, start=1):
        assert title in text
        assert "GoToBetter" in text
        assert f"Page {number} of {len(pages)}" in text


@pytest.mark.parametrize("kind", KINDS)
def test_printable_is_byte_for_byte_repeatable(kind):
    title = DEFAULT_TITLES[kind]
    assert build_printable(kind, title=title) == build_printable(kind, title=title)


def test_printable_uses_the_given_title():
    pdf = build_printable("simple-meal-planner", title="Sunday Reset Planner")
    assert "Sunday Reset Planner" in _pages_text(pdf)[0]
    assert "Simple Meal Planner" not in _pages_text(pdf)[0]


def test_unknown_kind_is_refused():
    with pytest.raises(ValueError, match="habit-tracker"):
        build_printable("poster", title="Anything")


@pytest.mark.parametrize("kind", ["habit-tracker", "self-care-tracker"])
def test_tracker_has_thirty_numbered_days(kind):
    grid = _pages_text(build_printable(kind, title=DEFAULT_TITLES[kind]))[0]
    numbers = set(grid.split())
    assert {str(day) for day in range(1, 31)} <= numbers
    assert "31" not in numbers


def test_tracker_day_count_follows_days():
    grid = _pages_text(tracker_grid_pdf(title="Short Month", days=28))[0]
    numbers = set(grid.split())
    assert "28" in numbers
    assert "29" not in numbers and "30" not in numbers


def test_habit_tracker_asks_what_is_working():
    text = "\n".join(_pages_text(build_printable("habit-tracker", title="T")))
    assert "What is working" in text


def test_self_care_tracker_lists_small_check_ins():
    grid = _pages_text(build_printable("self-care-tracker", title="Self-Care"))[0]
    assert "A glass of water" in grid
    assert "A short walk" in grid


def test_meal_toolkit_adds_shopping_and_prep_pages():
    pages = _pages_text(build_printable("meal-toolkit", title="Toolkit"))
    for day in ("Monday", "Sunday"):
        assert day in pages[0]
    for meal in ("Breakfast", "Lunch", "Dinner", "Snack"):
        assert meal in pages[0]
    assert "SHOPPING LIST" in pages[1]
    assert "PREP PLAN" in pages[2]


def test_workout_planner_has_a_plan_and_a_calorie_log():
    plan, log = _pages_text(build_printable("workout-planner", title="Workout"))
    assert "WEEKLY WORKOUT PLAN" in plan
    assert "DAILY CALORIE LOG" in log
    assert "Calories" in log


def _cover(title: str = "Ultimate Habit Tracker", palette: str = "sage") -> bytes:
    return draw_cover(title=title, subtitle="Several habits, one page", palette=palette)


@pytest.mark.parametrize("palette", sorted(PALETTES))
def test_cover_is_a_square_rgb_png(palette):
    data = _cover(palette=palette)
    assert data.startswith(b"\x89PNG\r\n\x1a\n")
    with Image.open(BytesIO(data)) as image:
        image.verify()
    with Image.open(BytesIO(data)) as image:
        assert image.format == "PNG"
        assert image.size == (1200, 1200)
        assert image.mode == "RGB"


def test_cover_is_repeatable_and_depends_on_the_title():
    assert _cover() == _cover()
    assert _cover() != _cover(title="Simple Meal Planner")


def test_cover_copes_with_a_very_long_title():
    long_title = "A Very Long Title " * 6
    with Image.open(BytesIO(_cover(title=long_title))) as image:
        assert image.size == (1200, 1200)


def test_cover_refuses_an_unknown_palette():
    with pytest.raises(ValueError, match="sage"):
        _cover(palette="neon")
