"""Screenshots of every public page at 375 and 1280 px, light and dark, and
of every e-mail the shop sends at 375 px, light and dark.

    .venv/bin/python bench/screenshots.py [http://127.0.0.1:8000]
    .venv/bin/python bench/screenshots.py --emails   # the e-mails alone
    SCREENSHOTS_ONLY=home,kit .venv/bin/python bench/screenshots.py  # these pages

writes bench/screenshots/<page>-<width>-<scheme>.png (full page) from a
running shop, using Debian's Chromium. Besides the pages every bench visits
it shoots the series, topic and review pages, a guest's basket with a
printable in it and the checkout it leads to. For the account's pages it signs up a
throwaway customer (a random address at example.invalid and a random
password), opens the account from the link that `make run` writes to
var/mail/, and deletes that account again at the end. The e-mails are built
by the shop's own code from demo data (`manage.py render_emails`, which
keeps nothing) and written beside the pages as email-<name>-375-<scheme>.png.
"""

import os
import re
import secrets
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.request import urlopen

from playwright.sync_api import sync_playwright

sys.path.insert(0, str(Path(__file__).resolve().parent))
from pages import ACCOUNT_SIGNED_IN, ACCOUNT_SIGNED_OUT, public_pages  # noqa: E402

OUT = Path(__file__).resolve().parent / "screenshots"
MAIL = Path(os.environ.get("VAR_DIR", OUT.parent.parent / "var")) / "mail"
ACTIVATION_LINK = re.compile(r"https?://[^/\s]+(/accounts/activate/[^\s]+/)")
WIDTHS = {375: 812, 1280: 800}
SCHEMES = ("light", "dark")
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


SCROLL_THROUGH = """async () => {
    for (let y = 0; y < document.body.scrollHeight; y += innerHeight / 2) {
        scrollTo(0, y);
        await new Promise((resolve) => setTimeout(resolve, 50));
    }
    scrollTo(0, 0);
}"""
# Public pages beyond the ones every bench visits, found from those.
MORE_PATHS = {
    "offers": "/offers/",
    "kit-check-inbox": "/kit/check-your-inbox/",
    "kit-link-expired": "/kit/yours/no-such-token/",
    "library-request": "/my-downloads/",
}


def more_public_pages(base: str, pages: dict[str, str]) -> dict[str, str]:
    """The series, topic and review pages the article and products link to,
    and pages reached by a link from an e-mail."""
    more = {name: base + path for name, path in MORE_PATHS.items()}
    if "article" in pages:
        html = urlopen(pages["article"]).read().decode()
        for name, kind in (("series", "series"), ("topic", "topics")):
            found = re.search(rf'href="(/articles/{kind}/[^"]+/)"', html)
            if found:
                more[name] = base + found.group(1)
    catalogue = urlopen(base + "/catalogue/").read().decode()
    for path in re.findall(r'class="card__title"><a href="([^"]+)"', catalogue):
        reviews = base + path + "reviews/"
        html = urlopen(reviews).read().decode()
        review = re.search(rf'href="({re.escape(path)}reviews/\d+/)"', html)
        if review:
            more["reviews"] = reviews
            more["review"] = base + review.group(1)
            break
    return more


ONLY = set(filter(None, os.environ.get("SCREENSHOTS_ONLY", "").split(",")))


def _shoot(context, pages, width, scheme):
    page = context.new_page()
    for name, url in pages.items():
        if ONLY and name not in ONLY:
            continue
        page.goto(url, wait_until="networkidle")
        # Lazy covers load once scrolled to; a screenshot shows them all. One
        # jump to the bottom would pass over the covers in between.
        page.evaluate(SCROLL_THROUGH)
        page.wait_for_load_state("networkidle")
        path = OUT / f"{name}-{width}-{scheme}.png"
        page.screenshot(path=path, full_page=True)
        print(path.relative_to(OUT.parent.parent))
    page.close()


def _shoot_emails(browser):
    """Each e-mail as a phone's mail client shows it: its HTML alone, with
    nothing loaded from anywhere (mail clients block remote content)."""
    project = OUT.parent.parent
    with tempfile.TemporaryDirectory() as folder:
        subprocess.run(
            [sys.executable, str(project / "manage.py"), "render_emails", folder],
            check=True,
            cwd=project,
            env={"DEBUG": "1", **os.environ},
            stdout=subprocess.DEVNULL,
        )
        for scheme in SCHEMES:
            context = browser.new_context(
                viewport={"width": 375, "height": 812},
                color_scheme=scheme,
                java_script_enabled=False,
            )
            context.route("**/*", lambda route: route.abort())
            page = context.new_page()
            for html in sorted(Path(folder).glob("*.html")):
                page.set_content(html.read_text(), wait_until="load")
                path = OUT / f"email-{html.stem}-375-{scheme}.png"
                page.screenshot(path=path, full_page=True)
                print(path.relative_to(project))
            context.close()


# A guest's basket with one printable in it, and where it leads.
BUYING = {"basket-full": "/basket/", "checkout": "/checkout/"}


def _with_a_printable(browser, base):
    """A guest session whose basket holds the catalogue's first printable."""
    context = browser.new_context()
    page = context.new_page()
    page.goto(base + "/catalogue/")
    page.get_by_role("button", name="Add to basket").first.click()
    page.get_by_text("Added to your basket").first.wait_for()
    session = context.storage_state()
    context.close()
    return session


def _sign_up(browser, base):
    """A signed-in session of a new customer, and that customer's password."""
    context = browser.new_context()
    page = context.new_page()
    password = secrets.token_urlsafe(18)
    email = f"screenshots-{secrets.token_hex(6)}@example.invalid"
    page.goto(base + "/accounts/login/")
    form = page.locator("#register_form")
    form.get_by_label("E-mail address").fill(email)
    form.get_by_label("Password", exact=True).fill(password)
    form.get_by_label("Password again").fill(password)
    form.get_by_role("button", name="Create account").click()
    page.wait_for_url("**/accounts/register/check-your-inbox/")
    page.goto(base + _activation_path(email))
    page.get_by_role("button", name="Open my account").click()
    page.wait_for_url("**/accounts/orders/")
    session = context.storage_state()
    context.close()
    return session, password


def _activation_path(email, seconds=30):
    """The link the worker e-mailed to `email` (written to var/mail/)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        for message in sorted(MAIL.glob("*.log"), key=os.path.getmtime):
            text = message.read_text(errors="replace")
            if f"To: {email}" in text and (found := ACTIVATION_LINK.search(text)):
                return found.group(1)
        time.sleep(0.5)
    raise SystemExit(f"No account e-mail for {email} in {MAIL} (is the worker up?)")


def _delete_account(browser, base, session, password):
    context = browser.new_context(storage_state=session)
    page = context.new_page()
    page.goto(base + ACCOUNT_SIGNED_IN["account-delete"])
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Delete my account").click()
    page.wait_for_load_state()
    context.close()


def main(base: str, *, emails_only: bool = False) -> None:
    OUT.mkdir(exist_ok=True)
    if emails_only:
        with sync_playwright() as driver:
            browser = driver.chromium.launch(
                executable_path=CHROMIUM, args=CHROMIUM_ARGS
            )
            _shoot_emails(browser)
            browser.close()
        return
    pages = public_pages(base)
    pages.update(more_public_pages(base, pages))
    pages.update({name: base + path for name, path in ACCOUNT_SIGNED_OUT.items()})
    account = {name: base + path for name, path in ACCOUNT_SIGNED_IN.items()}
    with sync_playwright() as driver:
        browser = driver.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        session, password = _sign_up(browser, base)
        buyer = _with_a_printable(browser, base)
        buying = {name: base + path for name, path in BUYING.items()}
        try:
            for width, height in WIDTHS.items():
                for scheme in SCHEMES:
                    size = {"width": width, "height": height}
                    for state, shots in (
                        (None, pages),
                        (session, account),
                        (buyer, buying),
                    ):
                        context = browser.new_context(
                            viewport=size, color_scheme=scheme, storage_state=state
                        )
                        _shoot(context, shots, width, scheme)
                        context.close()
        finally:
            _delete_account(browser, base, session, password)
        _shoot_emails(browser)
        browser.close()


if __name__ == "__main__":
    arguments = [argument for argument in sys.argv[1:] if argument != "--emails"]
    main(
        arguments[0].rstrip("/") if arguments else "http://127.0.0.1:8000",
        emails_only="--emails" in sys.argv[1:],
    )
