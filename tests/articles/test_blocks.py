"""Each block staff can type, as parsed and rendered, and what sanitising removes."""

from content.articles import blocks, rendering
from content.articles.blocks import (
    CrossSell,
    Html,
    KitBox,
    MiniTool,
    Problem,
    ProductCard,
    Quote,
)


def only(parts, kind):
    return [part for part in parts if isinstance(part, kind)]


def rendered(part):
    """One block as readers see it, through its own template."""
    page = rendering.BodyPage(
        article=None, body=rendering.ArticleBody(parts=[part]), request=None
    )
    return page.render()


def test_markdown_prose_becomes_headings_emphasis_and_emoji_bullets():
    parts = blocks.parse("## Start here\n\n*It counts.*\n\n- 🌱 one\n- 🧭 two")

    assert parts == [
        Html(
            "<h2>Start here</h2>\n<p><em>It counts.</em></p>\n"
            '<ul class="emoji-list">\n<li>🌱 one</li>\n<li>🧭 two</li>\n</ul>'
        )
    ]


def test_a_list_is_marked_as_emoji_bullets_only_when_every_item_starts_with_one():
    emoji = blocks.markdown_to_html("- 👟 shoes by the door\n- ✅ one tick")
    mixed = blocks.markdown_to_html("- 👟 shoes by the door\n- a walk")

    assert emoji.startswith('<ul class="emoji-list">')
    assert mixed.startswith("<ul>")


def test_product_line_names_the_product_for_a_card():
    parts = blocks.parse("Before\n\n[[product: Simple Meal Planner]]\n\nAfter")

    assert parts[1] == ProductCard(product_name="Simple Meal Planner")
    assert [type(part) for part in parts] == [Html, ProductCard, Html]


def test_cross_sell_line_names_a_product_and_a_heading():
    parts = blocks.parse(
        "[[cross-sell: Ultimate Habit Tracker | Ready to track more than one habit?]]"
    )

    assert parts == [
        CrossSell(
            product_name="Ultimate Habit Tracker",
            heading="Ready to track more than one habit?",
        )
    ]


def test_kit_line_is_a_kit_box_and_may_appear_twice():
    parts = blocks.parse("[[kit]]\n\nMiddle\n\n[[ KIT ]]")

    assert len(only(parts, KitBox)) == 2


def test_mini_tool_shows_its_title_and_numbered_steps():
    parts = blocks.parse(
        "[[mini-tool: A 3-minute evening check-in]]\n"
        "1. What went *well*?\n2. What felt heavy?\n3. One tiny thing.\n"
        "[[/mini-tool]]\nAfter the tool."
    )

    assert isinstance(parts[0], MiniTool)
    html = rendered(parts[0])
    assert 'aria-label="Mini Tool: A 3-minute evening check-in"' in html
    assert "<strong>A 3-minute evening check-in</strong>" in html
    assert (
        "<ol><li>What went <em>well</em>?</li><li>What felt heavy?</li>"
        "<li>One tiny thing.</li></ol>" in html
    )
    assert parts[1] == Html("<p>After the tool.</p>")


def test_mini_tool_without_closing_line_ends_at_the_first_empty_line():
    parts = blocks.parse("[[mini-tool: Quick]]\n1. One\n2. Two\n\nBack to prose.")

    assert len(parts[0].steps) == 2
    assert parts[1] == Html("<p>Back to prose.</p>")


def test_quote_with_who_said_it_is_a_figure_with_caption():
    parts = blocks.parse("[[quote: a reader]]\nIt happened, so it counts.\n[[/quote]]")

    assert parts == [Quote(words="<p>It happened, so it counts.</p>", cite="a reader")]
    assert rendered(parts[0]) == (
        '<figure class="pull-quote"><blockquote><p>It happened, so it counts.</p>'
        "</blockquote><figcaption>a reader</figcaption></figure>"
    )


def test_unknown_block_is_a_problem_naming_the_blocks_there_are():
    [problem] = blocks.parse("[[video: my walk]]")

    assert isinstance(problem, Problem)
    assert "“[[video: my walk]]” is not a block this page knows" in problem.message
    assert "[[mini-tool]]" in problem.message


def test_product_block_without_a_name_is_a_problem():
    [problem] = blocks.parse("[[product]]")

    assert "needs a product name" in problem.message


def test_mini_tool_without_steps_is_a_problem():
    parts = blocks.parse("[[mini-tool: Empty]]\n[[/mini-tool]]")

    assert parts == [Problem("The mini tool “Empty” needs numbered steps below it.")]


def test_closing_line_without_opening_is_a_problem():
    [problem] = blocks.parse("[[/quote]]")

    assert "closes a block that was never opened" in problem.message


def test_brackets_inside_a_sentence_stay_text():
    parts = blocks.parse("Write [[this]] down and [[kit]] later.")

    assert only(parts, KitBox) == []
    assert "[[this]]" in parts[0].html


def test_sanitising_removes_script_tags_and_their_content():
    [part] = blocks.parse("Hello\n\n<script>alert('x')</script>\n\nBye")

    assert "<script" not in part.html
    assert "alert" not in part.html


def test_sanitising_removes_event_handlers():
    [part] = blocks.parse(
        '<p onclick="steal()">Hi <img src="/a.png" onerror="x()"></p>'
    )

    assert "onclick" not in part.html
    assert "onerror" not in part.html
    assert 'src="/a.png"' in part.html


def test_sanitising_removes_javascript_links_from_markdown_and_html():
    [part] = blocks.parse(
        '[click](javascript:alert(1)) and <a href="JaVaScRiPt:alert(2)">me</a>'
    )

    assert "javascript" not in part.html.lower()
    assert ">click</a>" in part.html


def test_sanitising_keeps_ordinary_links():
    [part] = blocks.parse("[the kit](/kit/) and [a site](https://example.org)")

    assert '<a href="/kit/">the kit</a>' in part.html
    assert '<a href="https://example.org">a site</a>' in part.html


def test_block_text_is_escaped_not_run():
    [part] = blocks.parse(
        '[[mini-tool: <img src=x onerror="x()">]]\n1. <script>x()</script>Go\n'
        "[[/mini-tool]]"
    )

    html = rendered(part)
    assert "<img" not in html
    assert "<script" not in html
    assert "&lt;img" in html


def test_a_body_is_parsed_once_then_served_from_the_cache(monkeypatch):
    parsed = []
    real_parse = blocks.parse
    monkeypatch.setattr(
        blocks, "parse", lambda source: parsed.append(source) or real_parse(source)
    )

    first = rendering.parsed_body("## Once\n\n[[kit]]")
    second = rendering.parsed_body("## Once\n\n[[kit]]")

    assert parsed == ["## Once\n\n[[kit]]"]
    assert first == second
