"""Screenshots of every public page at 375 and 1280 px, light and dark.

    .venv/bin/python bench/screenshots.py [http://127.0.0.1:8000]

writes bench/screenshots/<page>-<width>-<scheme>.png (full page) from a
running shop, using Debian's Chromium.
"""

import os
import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

sys.path.insert(0, str(Path(__file__).resolve().parent))
from pages import public_pages  # noqa: E402

OUT = Path(__file__).resolve().parent / "screenshots"
WIDTHS = {375: 812, 1280: 800}
SCHEMES = ("light", "dark")
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")


def main(base: str) -> None:
    OUT.mkdir(exist_ok=True)
    pages = public_pages(base)
    with sync_playwright() as driver:
        browser = driver.chromium.launch(
            executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"]
        )
        for width, height in WIDTHS.items():
            for scheme in SCHEMES:
                context = browser.new_context(
                    viewport={"width": width, "height": height},
                    color_scheme=scheme,
                )
                page = context.new_page()
                for name, url in pages.items():
                    page.goto(url, wait_until="networkidle")
                    # Lazy covers load once scrolled to; a screenshot shows them all.
                    page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
                    page.wait_for_load_state("networkidle")
                    path = OUT / f"{name}-{width}-{scheme}.png"
                    page.screenshot(path=path, full_page=True)
                    print(path.relative_to(OUT.parent.parent))
                context.close()
        browser.close()


if __name__ == "__main__":
    main(sys.argv[1].rstrip("/") if len(sys.argv) > 1 else "http://127.0.0.1:8000")
