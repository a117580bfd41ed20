"""The blocks staff type into an article's Markdown, each on lines of its own.

    [[product: Simple Meal Planner]]          a product card
    [[cross-sell: Ultimate Habit Tracker | Ready to track more than one habit?]]
    [[kit]]                                   the free starter-kit box
    [[mini-tool: A 3-minute evening check-in]]
    1. What went well today, even a little?
    2. What felt heavy?
    3. One tiny thing for tomorrow.
    [[/mini-tool]]
    [[quote: a reader]]                       (who said it is optional)
    It happened, so it counts.
    [[/quote]]
    [[image: morning-tea | A caption]]        a picture uploaded to the article
                                              (the caption is optional)

A picture can also sit inside a paragraph, in Markdown: ![what it shows](morning-tea).
Either way it names a picture uploaded with the article (ArticlePicture), and
readers get its resized copies; a picture from another site is never shown.

A mini tool or quote ends at its closing line, or at the first empty line
when there is no closing line. Parsing never fails: a block it cannot read
becomes a Problem, shown to staff in the preview and left out of the public
page. Products are only named here; which ones are on sale is decided when the
page is shown, so the parsed body can be cached whatever happens to products.

Each block names its template (`template`); the page renders them all in one
loop (`articles_tags.article_body`), asking each for its template's context
(`context(page)`), so a new block is a dataclass and a template, nothing more.
"""

import html
import re
import unicodedata
from dataclasses import dataclass
from typing import ClassVar

import markdown
from django.utils.safestring import mark_safe

from shop.markup.policy import sanitise

BLOCK_NAMES = ("product", "cross-sell", "kit", "mini-tool", "quote", "image")
OPENING = re.compile(
    r"^\s*\[\[\s*(?P<name>[^\]:/|]+?)\s*(?::(?P<args>[^\]]*))?\]\]\s*$"
)
CLOSING = re.compile(r"^\s*\[\[\s*/\s*(?P<name>[^\]]+?)\s*\]\]\s*$")
STEP_NUMBER = re.compile(r"^\s*(?:\d+[.)]|[-*•])\s+")
MAX_STEPS = 6
# An <img> in cleaned Markdown HTML; nh3 writes every attribute double-quoted.
IMG_TAG = re.compile(r"<img\b([^>]*)>")
ATTRIBUTE = re.compile(r'([a-z-]+)="([^"]*)"')


class Block:
    """A part of the body that renders through its own template.

    `context(page)` returns the template's context; None when the block shows
    nothing on this page; or a Problem to show staff instead (a product no
    longer on sale). `page` is the `rendering.BodyPage` being drawn.
    """

    template: ClassVar[str]

    def context(self, page) -> dict | None:
        raise NotImplementedError


@dataclass(frozen=True)
class Html(Block):
    html: str
    template: ClassVar[str] = "articles/blocks/html.html"

    def context(self, page):
        return {"html": mark_safe(page.with_pictures(self.html))}


@dataclass(frozen=True)
class Quote(Block):
    words: str  # sanitised HTML
    cite: str = ""
    template: ClassVar[str] = "articles/blocks/quote.html"

    def context(self, page):
        return {"words": mark_safe(self.words), "cite": self.cite}


@dataclass(frozen=True)
class MiniTool(Block):
    title: str
    steps: tuple[str, ...]  # each sanitised inline HTML
    template: ClassVar[str] = "articles/blocks/mini_tool.html"

    def context(self, page):
        return {"title": self.title, "steps": [mark_safe(step) for step in self.steps]}


@dataclass(frozen=True)
class ProductCard(Block):
    product_name: str
    template: ClassVar[str] = "articles/blocks/product.html"

    def context(self, page):
        product = page.product(self.product_name)
        return {"product": product} if product else missing_product(self.product_name)


@dataclass(frozen=True)
class CrossSell(Block):
    product_name: str
    heading: str
    template: ClassVar[str] = "articles/blocks/cross_sell.html"

    def context(self, page):
        product = page.product(self.product_name)
        if product is None:
            return missing_product(self.product_name)
        return {"product": product, "heading": self.heading}


@dataclass(frozen=True)
class KitBox(Block):
    """The kit's sign-up form the first time; a link back to it after that,
    so a long article asks more than once without repeating the whole form."""

    template: ClassVar[str] = "articles/blocks/kit.html"

    def context(self, page):
        number = page.count("kit")
        return {"source": page.article.slug, "first": number == 1}


@dataclass(frozen=True)
class Picture(Block):
    name: str
    caption: str = ""
    template: ClassVar[str] = "articles/blocks/picture.html"

    def context(self, page):
        picture = page.picture(self.name)
        if picture is None:
            return Problem(missing_picture(self.name))
        return {"picture": picture, "caption": self.caption}


@dataclass(frozen=True)
class Problem(Block):
    message: str
    template: ClassVar[str] = "articles/blocks/problem.html"

    def context(self, page):
        return {"message": self.message} if page.show_problems else None


def missing_product(name):
    return Problem(
        f"No product called “{name}” is on sale, so readers "
        "will not see this block. Check the name against the catalogue."
    )


def missing_picture(name):
    if name.startswith(("http:", "https:", "//")):
        return (
            f"“{name}” is a picture from another site, which readers are not "
            "shown. Upload it under “Pictures in the body” and use its name."
        )
    return (
        f"No picture called “{name}” is uploaded with this article, so readers "
        "will not see it. Upload it under “Pictures in the body”, or check the name."
    )


def markdown_to_html(text: str) -> str:
    html = markdown.markdown(text, extensions=["extra", "sane_lists"])
    return mark_emoji_lists(sanitise(html))


# A list in cleaned Markdown HTML, and the first character of each item.
BULLET_LIST = re.compile(r"<ul>(.*?)</ul>", re.S)
ITEM_START = re.compile(r"<li>(.)", re.S)


def mark_emoji_lists(html: str) -> str:
    """Lists whose every item starts with an emoji (the brand's bullets) are
    marked, so the page shows the emoji alone and not a dot before it too."""

    def mark(found):
        starts = ITEM_START.findall(found.group(1))
        if starts and all(unicodedata.category(c) == "So" for c in starts):
            return f'<ul class="emoji-list">{found.group(1)}</ul>'
        return found.group(0)

    return BULLET_LIST.sub(mark, html)


def inline_markdown_to_html(text: str) -> str:
    """One line of Markdown, without the paragraph around it."""
    html = markdown_to_html(text).strip()
    if html.startswith("<p>") and html.endswith("</p>") and html.count("<p>") == 1:
        html = html[3:-4]
    return html


def parse(source: str) -> list:
    """The article body as Html, ProductCard, CrossSell, KitBox and Problem parts."""
    lines = source.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    parts, prose = [], []

    def flush_prose():
        text = "\n".join(prose).strip()
        if text:
            parts.append(Html(markdown_to_html(text)))
        prose.clear()

    index = 0
    while index < len(lines):
        line = lines[index]
        index += 1
        closing = CLOSING.match(line)
        opening = None if closing else OPENING.match(line)
        if closing:
            flush_prose()
            parts.append(
                Problem(f"“{line.strip()}” closes a block that was never opened.")
            )
            continue
        if not opening:
            prose.append(line)
            continue
        flush_prose()
        name = opening["name"].strip().lower()
        args = (opening["args"] or "").strip()
        if name in ("mini-tool", "quote"):
            content, index = _block_content(lines, index, name)
            parts.append(_multiline_block(name, args, content))
        else:
            parts.append(_line_block(name, args, line.strip()))
    flush_prose()
    return parts


def _block_content(lines, start, name):
    """The lines of a multi-line block and the index just after it."""
    for index in range(start, len(lines)):
        closing = CLOSING.match(lines[index])
        if closing and closing["name"].strip().lower() == name:
            return lines[start:index], index + 1
        if OPENING.match(lines[index]):
            break
    end = start
    while end < len(lines) and lines[end].strip() and not OPENING.match(lines[end]):
        end += 1
    return lines[start:end], end


def _line_block(name, args, line):
    if name == "product":
        if not args:
            return Problem(f"“{line}” needs a product name: [[product: Product name]].")
        return ProductCard(product_name=args)
    if name == "cross-sell":
        product_name, _, heading = (part.strip() for part in args.partition("|"))
        if not product_name:
            return Problem(
                f"“{line}” needs a product name: "
                "[[cross-sell: Product name | A short question]]."
            )
        return CrossSell(product_name=product_name, heading=heading)
    if name == "kit":
        return KitBox()
    if name == "image":
        picture_name, _, caption = (part.strip() for part in args.partition("|"))
        if not picture_name:
            return Problem(
                f"“{line}” needs the name of a picture uploaded with the article: "
                "[[image: morning-tea]]."
            )
        return Picture(name=picture_name, caption=caption)
    if name in BLOCK_NAMES:
        return Problem(f"“{line}” needs lines below it and a closing [[/{name}]].")
    known = ", ".join(f"[[{each}]]" for each in BLOCK_NAMES)
    return Problem(f"“{line}” is not a block this page knows. Blocks are {known}.")


def _multiline_block(name, args, content):
    text = [line for line in content if line.strip()]
    if name == "mini-tool":
        return _mini_tool(title=args, steps=text)
    if not text:
        return Problem("A [[quote]] needs the quoted words on the lines below it.")
    return Quote(words=markdown_to_html("\n".join(text)), cite=args)


def _mini_tool(*, title, steps):
    if not title:
        return Problem(
            "A mini tool needs a title: [[mini-tool: A 3-minute evening check-in]]."
        )
    if not steps:
        return Problem(f"The mini tool “{title}” needs numbered steps below it.")
    if len(steps) > MAX_STEPS:
        return Problem(
            f"The mini tool “{title}” has {len(steps)} steps; "
            f"keep it to {MAX_STEPS} or fewer."
        )
    return MiniTool(
        title=title,
        steps=tuple(inline_markdown_to_html(STEP_NUMBER.sub("", s)) for s in steps),
    )


def img_attributes(tag_attributes: str) -> dict:
    """The attributes of one <img> tag of cleaned HTML, unescaped."""
    return {
        key: html.unescape(value) for key, value in ATTRIBUTE.findall(tag_attributes)
    }


def picture_names(parts) -> set[str]:
    """Every picture the body names: image blocks and Markdown images."""
    names = {part.name for part in parts if isinstance(part, Picture)}
    for part in parts:
        if isinstance(part, Html):
            for tag in IMG_TAG.finditer(part.html):
                names.add(img_attributes(tag[1]).get("src", ""))
    return names
