"""The shop's stylesheet, written into the head of every public page.

A linked stylesheet holds the first paint back by a round trip after the
page arrives, on a connection of its own. Written into the page (comments
and indents left out) it costs about 6 kB compressed, compressed once per
page kept in the page cache, and nothing more to ask for.

The Content-Security-Policy still allows no inline style but this one: its
SHA-256 is added to ``style-src`` (shop/content_policy.py).
"""

import base64
import functools
import hashlib
import re
from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles import finders

PATH = "shop/shop.css"
COMMENT = re.compile(r"/\*.*?\*/", re.DOTALL)


def text() -> str:
    # Read again on every page while developing, so edits show at once.
    return _read() if settings.DEBUG else _kept()


def csp_source() -> str:
    """The policy's source that lets the browser apply exactly text()."""
    # Hashed once per process, not for every response, unless developing.
    return _source(text()) if settings.DEBUG else _kept_source()


@functools.cache
def _kept_source() -> str:
    return _source(_kept())


def _source(css: str) -> str:
    digest = hashlib.sha256(css.encode()).digest()
    return f"'sha256-{base64.b64encode(digest).decode()}'"


@functools.cache
def _kept() -> str:
    return _read()


def _read() -> str:
    css = Path(finders.find(PATH)).read_text(encoding="utf-8")
    if "</" in css:
        raise ValueError(f"{PATH} must not hold '</' to be written into a page")
    css = COMMENT.sub("", css)
    return "\n".join(line.strip() for line in css.splitlines() if line.strip())
