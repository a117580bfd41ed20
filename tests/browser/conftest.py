"""Fixtures for the browser tests: Debian's Chromium, driven by Playwright.

Every test in this folder is marked ``browser``; run them with
``pytest tests/browser -m browser``. Chromium and axe-core are installed by CI
(``apt-get install chromium``, ``npm ci``): when one is missing the tests fail
and say which, because a skipped browser suite looks the same as a green one.
"""

import os
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.core.files.base import ContentFile

from content.articles.models import ArticlePicture
from tests.browser.layout import layout_problems
from tests.catalogue_snapshot import CatalogueSnapshot
from tests.factories import ArticleFactory, cover_png

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path(os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"))
AXE_JS = ROOT / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
PHONE = {"width": 375, "height": 812}
DESKTOP = {"width": 1280, "height": 800}
# Every page is judged at both widths in both colour schemes.
VIEWPORTS = (PHONE, DESKTOP)
SCHEMES = ("light", "dark")
# Short enough that a missing element fails the test in seconds, not 30 s.
TIMEOUT_MS = 10_000
# Schemes that never reach the network.
LOCAL_SCHEMES = {"data", "blob", "about"}

HERE = Path(__file__).resolve().parent


# First, so that ``-m browser`` / ``-m "not browser"`` see the marker.
@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(items):
    for item in items:
        if HERE in Path(str(item.path)).resolve().parents:
            item.add_marker(pytest.mark.browser)


# Package scope, not session: Chromium starts once for this folder and the
# async guard below is restored before any other test runs (a leftover
# DJANGO_ALLOW_ASYNC_UNSAFE fails `manage.py check --deploy` in
# tests/test_deploy_check.py, whose subprocess inherits the environment).
@pytest.fixture(scope="package")
def playwright_driver():
    from playwright.sync_api import sync_playwright

    # Playwright's sync API keeps an asyncio loop running in this thread, and
    # Django then refuses every ORM call made here (fixtures, flushes between
    # tests) with SynchronousOnlyOperation. The calls really are synchronous,
    # so the guard is lifted for exactly as long as the loop runs.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    driver = sync_playwright().start()
    try:
        yield driver
    finally:
        driver.stop()
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture(scope="package")
def browser(playwright_driver):
    if not CHROMIUM.exists():
        pytest.fail(
            f"Chromium not found at {CHROMIUM}. Install it with "
            "`apt-get install chromium` (or set CHROMIUM_PATH); "
            "never `playwright install`.",
            pytrace=False,
        )
    browser = playwright_driver.chromium.launch(
        executable_path=str(CHROMIUM), args=CHROMIUM_ARGS
    )
    yield browser
    browser.close()


@pytest.fixture
def viewport():
    """The window size of ``page``; parametrize ``viewport`` to change it."""
    return DESKTOP


@pytest.fixture
def page(browser, live_server, transactional_db, viewport):
    """A fresh guest (own cookies, own storage) on the live server."""
    context = browser.new_context(
        base_url=live_server.url, viewport=viewport, locale="en-US"
    )
    context.set_default_timeout(TIMEOUT_MS)
    # Nothing may come from elsewhere; blocking it keeps an offline CI run from
    # waiting on DNS, while request_log still sees the attempt.
    server = _origin(live_server.url)
    context.route(lambda url: not _is_served_by(url, server), lambda r: r.abort())
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture(scope="session")
def catalogue_snapshot(tmp_path_factory):
    return CatalogueSnapshot(tmp_path_factory.mktemp("catalogue"))


@pytest.fixture
def catalogue(transactional_db, catalogue_snapshot):
    """The five demo printables, with prices, covers and files, their
    previews drawn (committed, so the task that reads each file has run)."""
    catalogue_snapshot.load()


@pytest.fixture
def pictured_article(db):
    article = ArticleFactory(
        title="Five Quiet Minutes",
        slug="five-quiet-minutes",
        hero_image_alt="A cup of tea on a sunny desk",
        body=(
            "## A calm start\n\nBegin where you are.\n\n"
            "[[image: sunrise | The view at dawn]]\n\n"
            "Then breathe. ![A notebook open at a blank page](notebook) counts too.\n"
        ),
    )
    article.hero_image = ContentFile(cover_png(width=2400, height=1200), "hero.png")
    article.save()
    for name, alt in (("sunrise", "A sunrise over a field"), ("notebook", "")):
        ArticlePicture.objects.create(
            article=article,
            name=name,
            alt=alt or "A notebook",
            image=ContentFile(cover_png(width=1800, height=1200), f"{name}.png"),
        )
    return article


def _origin(url):
    parts = urlsplit(url)
    return (parts.scheme, parts.hostname, parts.port)


def _is_served_by(url, origin):
    return urlsplit(url).scheme in LOCAL_SCHEMES or _origin(url) == origin


@dataclass
class RequestLog:
    """Every request the page made, and every one that did not succeed."""

    server: str
    urls: list[str] = field(default_factory=list)
    broken: list[str] = field(default_factory=list)

    def requested(self, request):
        self.urls.append(request.url)

    def responded(self, response):
        if response.status >= 400:
            self.broken.append(f"{response.status} {response.url}")

    def failed(self, request):
        # A request cut short by the next navigation (or blocked by the page
        # fixture, which external() reports) is not a broken resource.
        if request.failure != "net::ERR_ABORTED":
            self.broken.append(f"{request.failure} {request.url}")

    def external(self):
        origin = _origin(self.server)
        return [url for url in self.urls if not _is_served_by(url, origin)]

    def assert_nothing_external(self):
        external = self.external()
        assert not external, (
            f"{len(external)} request(s) left {self.server}:\n  "
            + "\n  ".join(external)
        )

    def assert_nothing_broken(self):
        assert not self.broken, (
            f"{len(self.broken)} request(s) failed:\n  " + "\n  ".join(self.broken)
        )


@pytest.fixture
def request_log(page, live_server):
    """Records what ``page`` fetches from the moment the fixture is set up."""
    log = RequestLog(server=live_server.url)
    page.context.on("request", log.requested)
    page.context.on("response", log.responded)
    page.context.on("requestfailed", log.failed)
    return log


@dataclass
class PolicyViolations:
    """What the Content-Security-Policy refused: the pages' own reports
    (``securitypolicyviolation`` events) and Chromium's console errors."""

    seen: list[str] = field(default_factory=list)

    def reported(self, source, violation):
        self.seen.append(
            f"{violation['directive']} refused {violation['blocked'] or 'inline'}"
            f" on {violation['page']} {violation['sample']}".rstrip()
        )

    def console(self, message):
        if "Refused to" in message.text or "Content Security Policy" in message.text:
            self.seen.append(f"console: {message.text}")

    def assert_none(self):
        assert not self.seen, (
            f"{len(self.seen)} Content-Security-Policy violation(s):\n  "
            + "\n  ".join(self.seen)
        )


@pytest.fixture
def csp_violations(page):
    """Collects every Content-Security-Policy violation in ``page``'s context
    (each page it opens, each frame) from the moment the fixture is set up."""
    log = PolicyViolations()
    page.context.expose_binding("reportPolicyViolation", log.reported)
    page.context.add_init_script(
        """document.addEventListener("securitypolicyviolation", (event) =>
            window.reportPolicyViolation({
                directive: event.effectiveDirective,
                blocked: event.blockedURI,
                page: document.location.href,
                sample: event.sample,
            }));"""
    )
    page.context.on("console", log.console)
    return log


@pytest.fixture(scope="session")
def axe_source():
    if not AXE_JS.exists():
        pytest.fail(
            f"{AXE_JS.relative_to(ROOT)} is missing. Run `npm ci` in {ROOT}.",
            pytrace=False,
        )
    return AXE_JS.read_text(encoding="utf-8")


def inject_axe(page, axe_source):
    """Loads axe into the page as the browser's tools do, not as a <script>:
    the shop's Content-Security-Policy refuses inline scripts, as it should."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.evaluate(f"{axe_source}\n;undefined")


@pytest.fixture
def axe(axe_source):
    """``axe(page)`` returns the page's WCAG 2.1 A/AA violations;
    ``exclude`` names CSS selectors of parts that are not ours (Stripe's
    card field)."""

    def run(page, exclude=()):
        # Colours are judged as the reader sees them: after the stylesheets
        # have loaded, which a busy server can delay past the heading a test
        # waited for.
        page.wait_for_load_state("load")
        inject_axe(page, axe_source)
        return page.evaluate(
            """([context, options]) =>
                axe.run(context, options).then(r => r.violations)""",
            [
                {"exclude": [[selector] for selector in exclude]},
                {"runOnly": {"type": "tag", "values": AXE_TAGS}},
            ],
        )

    return run


def format_violations(violations):
    lines = []
    for violation in violations:
        lines.append(
            f"[{violation['impact']}] {violation['id']}: {violation['help']}"
            f"\n    {violation['helpUrl']}"
        )
        for node in violation["nodes"]:
            lines.append(f"    - {' >>> '.join(map(str, node['target']))}")
            lines.append(f"      {node['html'][:200]}")
            summary = node.get("failureSummary") or ""
            for detail in filter(None, map(str.strip, summary.splitlines())):
                lines.append(f"        {detail}")
    return "\n".join(lines)


@pytest.fixture
def assert_accessible(axe):
    """``assert_accessible(page)`` fails listing each axe violation found
    (``exclude`` as for ``axe``)."""

    def check(page, exclude=()):
        violations = axe(page, exclude)
        if violations:
            dark = page.evaluate("matchMedia('(prefers-color-scheme: dark)').matches")
            raise AssertionError(
                f"{len(violations)} axe violation(s) on {page.url} "
                f"at {page.viewport_size['width']} px, "
                f"{'dark' if dark else 'light'} scheme:\n"
                + format_violations(violations)
            )

    return check


@dataclass(frozen=True)
class Visit:
    """A page for ``check_pages``: its path, the status it answers and, when
    given, the one main heading it shows."""

    path: str
    status: int = 200
    heading: str | None = None


def enhanced(page):
    """Waits for the page's module (static/shop/site.js), which the page
    fetches once it has painted, to have set up what it adds: answering
    forms in place, remembering what led the reader here."""
    page.locator("html[data-enhanced]").wait_for(state="attached")


def settle(page):
    """Waits for the colour transitions a scheme switch starts to end, so axe
    judges the colours the reader ends up seeing (never more than 2 s)."""
    page.evaluate(
        """() => Promise.race([
            Promise.all(document.getAnimations()
                .filter(a => a.effect.getComputedTiming().iterations !== Infinity)
                .map(a => a.finished.catch(() => null))),
            new Promise(resolve => setTimeout(resolve, 2000)),
        ]).then(() => null)"""
    )


def fits_the_window(page) -> bool:
    return page.evaluate(
        "document.documentElement.scrollWidth <= document.documentElement.clientWidth"
    )


def _variant(page, scheme):
    return f"{page.url} at {page.viewport_size['width']} px, {scheme} scheme"


@pytest.fixture
def variant_problems(axe):
    """``variant_problems(page)`` judges the open page, without loading it
    again, in both colour schemes at the window's width and returns what is
    wrong: each axe violation, a page wider than the window, and a layout
    that breaks (tests/browser/layout.py: cards, heroes, the header). With
    ``widths`` the window takes each of them in turn (the page's CSS alone
    decides its layout; no script reads the width)."""

    def problems(page, exclude=(), widths=None):
        found = []
        sizes = [{"width": w, "height": DESKTOP["height"]} for w in widths or ()]
        for size in sizes or [page.viewport_size]:
            page.set_viewport_size(size)
            for scheme in SCHEMES:
                page.emulate_media(color_scheme=scheme)
                settle(page)
                violations = axe(page, exclude)
                if violations:
                    found.append(
                        f"{len(violations)} axe violation(s) on "
                        f"{_variant(page, scheme)}:\n" + format_violations(violations)
                    )
                if not fits_the_window(page):
                    found.append(f"wider than the window: {_variant(page, scheme)}")
            found.extend(
                f"layout at {page.viewport_size['width']} px of {page.url}: {problem}"
                for problem in layout_problems(page)
            )
        return found

    return problems


@pytest.fixture
def assert_accessible_everywhere(variant_problems):
    """``assert_accessible_everywhere(page)`` fails unless the open page has
    no axe violation and fits the window at 375 and 1280 px in the light and
    the dark scheme (``exclude`` as for ``axe``)."""

    def check(page, exclude=()):
        found = variant_problems(
            page, exclude, widths=[size["width"] for size in VIEWPORTS]
        )
        assert not found, "\n\n".join(found)

    return check


@pytest.fixture
def check_pages(page, live_server, variant_problems):
    """``check_pages({name: path})`` loads each page once per width (375 and
    1280 px) and on that load judges it in both colour schemes: the status it
    answers, axe, the layout's width, nothing loaded from elsewhere and no
    broken resource. Every problem on every page is listed before it fails.
    A name maps to a path or to a ``Visit`` (a page that answers an error,
    a heading it must show)."""

    def check(pages):
        found = []
        for viewport in VIEWPORTS:
            page.set_viewport_size(viewport)
            for name, target in pages.items():
                visit = target if isinstance(target, Visit) else Visit(target)
                path, status = visit.path, visit.status
                log = RequestLog(server=live_server.url)
                page.context.on("request", log.requested)
                page.context.on("response", log.responded)
                page.context.on("requestfailed", log.failed)
                # networkidle, not load: web fonts and late scripts count too.
                response = page.goto(path, wait_until="networkidle")
                page.context.remove_listener("request", log.requested)
                page.context.remove_listener("response", log.responded)
                page.context.remove_listener("requestfailed", log.failed)
                where = f"{name} ({path}) at {viewport['width']} px"
                if response.status != status:
                    found.append(f"{where} answered {response.status}")
                    continue
                heading = page.get_by_role("heading", level=1)
                if visit.heading and heading.all_inner_texts() != [visit.heading]:
                    found.append(f"{where} shows {heading.all_inner_texts()}")
                if not log.urls:
                    found.append(f"{where} made no requests at all")
                own = f"{status} {response.url}"
                broken = [b for b in log.broken if b != own]
                if broken:
                    found.append(f"{where}: broken " + ", ".join(broken))
                if log.external():
                    found.append(f"{where} left the shop: " + ", ".join(log.external()))
                found.extend(variant_problems(page))
        assert not found, f"{len(found)} problem(s):\n\n" + "\n\n".join(found)

    return check
