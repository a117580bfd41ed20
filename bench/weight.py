"""Page weight and requests before first paint for every public page.

    .venv/bin/python bench/weight.py [http://127.0.0.1:8000]

Weight is HTML + CSS + JS as a browser receives them gzip-compressed (images
aside): HTML is compressed here at gzip's default level, as a front web server
would; CSS and JS are fetched asking for gzip, as whitenoise serves them.
Requests before first paint: the page itself plus every stylesheet and every
script in <head> that is neither async, deferred nor a module.
"""

import gzip
import sys
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin
from urllib.request import Request, urlopen

sys.path.insert(0, str(Path(__file__).resolve().parent))
from pages import public_pages  # noqa: E402

BUDGET_KB = 50


class Assets(HTMLParser):
    def __init__(self):
        super().__init__()
        self.in_head = False
        self.styles, self.scripts, self.blocking = [], [], 0

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "head":
            self.in_head = True
        elif tag == "link" and attrs.get("rel") == "stylesheet":
            self.styles.append(attrs["href"])
            self.blocking += 1
        elif tag == "script" and attrs.get("src"):
            self.scripts.append(attrs["src"])
            deferred = {"async", "defer"} & attrs.keys() or attrs.get(
                "type"
            ) == "module"
            if self.in_head and not deferred:
                self.blocking += 1

    def handle_endtag(self, tag):
        if tag == "head":
            self.in_head = False


def compressed_size(url: str) -> int:
    request = Request(url, headers={"Accept-Encoding": "gzip"})
    with urlopen(request) as response:
        body = response.read()
        if response.headers.get("Content-Encoding") == "gzip":
            return len(body)
    return len(gzip.compress(body))


def fetch(url: str) -> bytes:
    try:
        return urlopen(url).read()
    except OSError as error:  # a 404 page is still a page with a weight
        return error.read()


def main(base: str) -> None:
    columns = f"{'HTML':>8} {'CSS':>8} {'JS':>8} {'total':>8}"
    print(f"{'page':<12} {columns}  first-paint requests")
    for name, url in public_pages(base).items():
        html = fetch(url)
        assets = Assets()
        assets.feed(html.decode())
        html_kb = len(gzip.compress(html)) / 1024
        css_kb = sum(compressed_size(urljoin(url, s)) for s in assets.styles) / 1024
        js_kb = sum(compressed_size(urljoin(url, s)) for s in assets.scripts) / 1024
        total = html_kb + css_kb + js_kb
        flag = "" if total <= BUDGET_KB else f"  over {BUDGET_KB} KB"
        print(
            f"{name:<12} {html_kb:7.1f}K {css_kb:7.1f}K {js_kb:7.1f}K {total:7.1f}K"
            f"  {1 + assets.blocking}{flag}"
        )


if __name__ == "__main__":
    main(sys.argv[1].rstrip("/") if len(sys.argv) > 1 else "http://127.0.0.1:8000")
