"""Whether a page's layout holds at the viewport it is shown in.

`assert_layout_holds(page)` fails, as an axe violation does, when something
is wider than the viewport or runs out of its box, when product cards come
one per row on a phone or grow past a card's size, when an article's hero
is square, taller than a band or wider than the text, or when the header
takes more than one row. The per-page loops of the browser tests call it on
every public page they open, at 375 and 1280 px.
"""

from pathlib import Path

PHONE_MAX = 640  # px: below this, the phone layout applies
CARD_MAX_WIDTH = 420
INLINE_CARD_MAX_WIDTH = 560  # a product named in an article: cover beside text
CARD_MAX_HEIGHT = 720
HERO_MAX_HEIGHT = 360
HEADER_MAX_HEIGHT = {"phone": 64, "desktop": 80}

_PROBLEMS = (Path(__file__).parent / "layout_problems.js").read_text()


def layout_problems(page) -> list[str]:
    # Measured once the page has loaded: before its stylesheet arrives the
    # page is laid out without it (a click's navigation only waits for the
    # new address).
    page.wait_for_load_state("load")
    return page.evaluate(
        _PROBLEMS,
        {
            "phoneMax": PHONE_MAX,
            "cardMaxWidth": CARD_MAX_WIDTH,
            "inlineCardMaxWidth": INLINE_CARD_MAX_WIDTH,
            "cardMaxHeight": CARD_MAX_HEIGHT,
            "heroMaxHeight": HERO_MAX_HEIGHT,
            "headerMax": HEADER_MAX_HEIGHT,
        },
    )


def assert_layout_holds(page):
    problems = layout_problems(page)
    width = page.viewport_size["width"] if page.viewport_size else "?"
    assert not problems, f"The layout of {page.url} breaks at {width}px:\n" + "\n".join(
        f"  - {problem}" for problem in problems
    )
