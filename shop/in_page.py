"""Small static files written into the head of every public page.

A linked stylesheet holds the first paint back by a round trip after the
page arrives, on a connection of its own; so does, on a slow phone, a script
asked for before the page has painted. Written into the page (comments and
indents left out), the stylesheet and the few lines that fetch the page's
script once it has painted cost a few kB compressed, compressed once per page
kept in the page cache, and nothing more to ask for.

The Content-Security-Policy still allows no inline style or script but
these: their SHA-256 are added to ``style-src`` and ``script-src``
(shop/content_policy.py).
"""

import base64
import functools
import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles import finders


@dataclass(frozen=True)
class InPage:
    """A static file at ``path`` to write into a page between its tags.

    ``comment`` matches what is left out; the file must not hold
    ``closing_tag``, which would end the element early.
    """

    path: str
    comment: re.Pattern
    closing_tag: str

    def text(self) -> str:
        # Read again on every page while developing, so edits show at once.
        return self.read() if settings.DEBUG else _kept(self)

    def csp_source(self) -> str:
        """The policy's source that lets the browser use exactly text()."""
        # Hashed once per process, not for every response, unless developing.
        return _source(self.text()) if settings.DEBUG else _kept_source(self)

    def read(self) -> str:
        text = Path(finders.find(self.path)).read_text(encoding="utf-8")
        if self.closing_tag in text.lower():
            raise ValueError(
                f"{self.path} must not hold {self.closing_tag!r}: "
                "it is written into a page"
            )
        text = self.comment.sub("", text)
        return "\n".join(line.strip() for line in text.splitlines() if line.strip())


@functools.cache
def _kept(part: InPage) -> str:
    return part.read()


@functools.cache
def _kept_source(part: InPage) -> str:
    return _source(_kept(part))


def _source(text: str) -> str:
    digest = hashlib.sha256(text.encode()).digest()
    return f"'sha256-{base64.b64encode(digest).decode()}'"


STYLESHEET = InPage("shop/shop.css", re.compile(r"/\*.*?\*/", re.DOTALL), "</style")
# Only whole-line comments are left out: "//" also begins a URL.
SCRIPT_LOADER = InPage(
    "shop/load-site.js", re.compile(r"^\s*//.*$", re.MULTILINE), "</script"
)
