"""Whole-page caching for pages every anonymous reader sees alike.

Every public page (home, lists, products, articles, the kit's and the legal
pages) is rendered once and kept in the cache as HTML with
*holes* where each visitor's own parts go: the CSRF token of every form and
the basket count in the header. Each request fills the holes with its own
values, so neither leaks between visitors. A hit reads the cache once (the
content version and the page, in one round trip) and never touches the
database.

Browsers that take gzip get the page compressed, from pieces compressed
once when it was kept (``shop/pagecache/compressed.py``). Parts of pages
drawn for one reader (a signed-in one) come from the cache the same way
(``{% cachedpart %}``, ``part()``).

A new visitor (no session, basket or message cookie) is answered before
the basket, the URL routing and the view (``served_early``,
``shop/pagecache/middleware.py``), in about a third of the time.

Only plain anonymous GETs are served from the cache: no query string but
tracking tags (``utm_*``, ``fbclid``...) and the parameters a view names
(a list's ``page``), no signed-in user, no message waiting to be shown.
Everything else is rendered as usual. Any save or delete of the shop's
content (catalogue, prices, reviews, articles, sites) moves the content
version on, which retires every cached page at once; ``PAGE_CACHE_SECONDS``
bounds how long a page can miss a change made without signals (a bulk
``update()``, a scheduled article coming due).
"""

import functools
import hashlib
import logging
import re
import uuid

from django.conf import settings
from django.contrib.messages import get_messages
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpResponse
from django.template.defaultfilters import pluralize
from django.utils.cache import patch_vary_headers
from django.utils.html import format_html
from django.utils.module_loading import import_string
from django.utils.safestring import mark_safe

from shop.pagecache import compressed, local, version_file
from shop.pagecache.tokens import csrf_token
from shop.transactions import READ_METHODS

logger = logging.getLogger(__name__)

VERSION_KEY = "pages:version"
# Pages' keys begin with this; a release that keeps them in another shape
# names a new one, so that it never reads what an earlier one kept.
PAGES = "pages-2"

# Hole markers: plain ASCII that no page holds and HTML escaping leaves alone.
CSRF_HOLE = "pagecache-csrf-hole"
BASKET_HOLE = "<!--pagecache-basket-hole-->"

HOLES = re.compile(f"({re.escape(CSRF_HOLE)}|{re.escape(BASKET_HOLE)})")

# Every CSRF field Django (and the kit box) writes has this exact shape.
CSRF_FIELD = re.compile(r'(name="csrfmiddlewaretoken" value=")[^"]*(")')

# Apps whose rows appear on cached pages: a change to any of them is a new
# version of the content.
CONTENT_APPS = frozenset({"catalogue", "partner", "articles", "sites", "flatpages"})
# Models of other apps that pages show. A product's files decide whether it
# is on sale; links and limits do not change a page (they change on every
# download). Reviews and their votes show; the review requests' bookkeeping
# (written by an hourly task) does not.
CONTENT_MODELS = frozenset(
    {"downloads.productfile", "reviews.productreview", "reviews.vote"}
)


def content_version() -> str:
    if local.in_process_cache():
        return version_file.read()
    version = cache.get(VERSION_KEY)
    if version is None:
        version = uuid.uuid4().hex
        # add(): two processes starting at once agree on one version.
        if not cache.add(VERSION_KEY, version, None):
            version = cache.get(VERSION_KEY) or version
    return version


def content_changed(**kwargs) -> None:
    """Retire every cached page (they are rebuilt on their next visit)."""
    if local.in_process_cache():
        version_file.bump()
        return
    version = uuid.uuid4().hex
    cache.set(VERSION_KEY, version, None)
    if local.enabled():
        local.remember_version(version)


def _kept(key: str):
    """(the current content version, what is kept under key or None).

    With Redis: from this process's copy while its version is fresh
    (shop/pagecache/local.py), else in one round trip to Redis. Without:
    the version from its file (shop/pagecache/version_file.py), the page
    from this process's memory.
    """
    if local.in_process_cache():
        return version_file.read(), cache.get(key)
    use_local = local.enabled()
    if use_local and (version := local.version()) is not None:
        kept = local.get(key)
        if kept is not None and kept[0] == version:
            return version, kept
    found = cache.get_many([VERSION_KEY, key])
    version = found.get(VERSION_KEY) or content_version()
    kept = found.get(key)
    if use_local:
        local.remember_version(version)
        if kept is not None and kept[0] == version:
            local.put(key, kept)
    return version, kept


def _keep(key: str, value) -> None:
    cache.set(key, value, settings.PAGE_CACHE_SECONDS)
    if local.enabled():
        local.put(key, value)


def _on_content_change(sender, **kwargs):
    if kwargs.get("raw"):
        return
    meta = sender._meta
    if meta.app_label in CONTENT_APPS or meta.label_lower in CONTENT_MODELS:
        content_changed()


def connect_signals() -> None:
    uid = "shop.pagecache"
    post_save.connect(_on_content_change, dispatch_uid=f"{uid}.save")
    post_delete.connect(_on_content_change, dispatch_uid=f"{uid}.delete")
    m2m_changed.connect(_on_content_change, dispatch_uid=f"{uid}.m2m")


# Links from newsletters, feeds and social sites carry these; the page they
# ask for is the same, so they share its cached copy.
TRACKING_PARAMS = frozenset({"fbclid", "gclid", "msclkid", "mc_cid", "mc_eid", "ref"})


def _only_tracking(query, params=()) -> bool:
    return all(
        key.startswith("utm_")
        or key in TRACKING_PARAMS
        or (key in params and len(query.getlist(key)) == 1)
        for key in query
    )


def _plain_read(request, params=()) -> bool:
    """A GET or HEAD with no query parameters but tracking tags and params."""
    return request.method in ("GET", "HEAD") and _only_tracking(request.GET, params)


def is_cacheable(request, params=()) -> bool:
    """True when this request sees what every anonymous visitor sees."""
    if not _plain_read(request, params):
        return False
    if request.user.is_authenticated:
        return False
    # Counting them does not mark them shown: a later render still does.
    return not len(get_messages(request))


def holes_wanted(request) -> bool:
    return getattr(request, "_pagecache_holes", False)


def basket_count_html(request, basket) -> str:
    """The header's basket count, or its hole while a page is being cached."""
    if holes_wanted(request):
        return mark_safe(BASKET_HOLE)
    return _basket_count(request, basket)


def _basket_count(request, basket) -> str:
    count = visitor_basket_count(request, basket)
    return format_html(
        '<span class="basket-count">{}</span>'
        '<span class="visually-hidden"> item{}</span>',
        count,
        pluralize(count),
    )


def visitor_basket_count(request, basket=None) -> int:
    """Items in the visitor's basket, without loading one that cannot exist.

    An anonymous visitor with no basket cookie has an empty basket; asking
    Oscar for it would still read the site's offers from the database.
    """
    if (
        request is not None
        and not request.user.is_authenticated
        and settings.OSCAR_BASKET_COOKIE_OPEN not in request.COOKIES
    ):
        return 0
    basket = basket if basket is not None else getattr(request, "basket", None)
    return basket.num_items if basket is not None else 0


def page_key(request, params=()) -> str:
    """The page's key: its address (one view draws each), with the values of
    the parameters that choose what it shows."""
    values = [f"{p}={request.GET[p]}" for p in sorted(params) if p in request.GET]
    if values:
        # Hashed with the path: a value may hold anything, of any length.
        # A path begins with "/", so "#" never names one.
        text = "\x00".join([request.path, *values])
        where = "#" + hashlib.sha256(text.encode()).hexdigest()
    else:
        where = request.path
    return ":".join([PAGES, request.scheme, request.get_host(), where])


def fill(request, html: str) -> str:
    return _filled_with(html, hole_values(request, html))


def hole_values(request, holes) -> dict[str, str]:
    """This visitor's value for each hole in holes (a page's text, or the
    names of the holes it has)."""
    values = {}
    if CSRF_HOLE in holes:
        values[CSRF_HOLE] = csrf_token(request)
    if BASKET_HOLE in holes:
        values[BASKET_HOLE] = _basket_count(request, None)
    return values


def _filled_with(html: str, values: dict[str, str]) -> str:
    for hole, value in values.items():
        html = html.replace(hole, value)
    return html


def _respond(request, response, kept: tuple):
    """response, with the kept page's holes filled for this visitor,
    compressed when the browser takes it."""
    values = hole_values(request, compressed.hole_names(kept))
    compressed.set_content(request, response, kept, values)
    return response


def serve(request, render, params=(), counted=None):
    """The page from the cache, or rendered by ``render()`` and cached.

    ``render`` returns the view's response; only a 200 HTML response is kept.
    ``params`` names the query parameters that choose what the page shows.
    ``counted`` names what counts a view of the page (the dotted path of a
    ``CachedPageMixin`` view and the URL's kwargs), kept with it for
    ``served_early``.
    """
    if not is_cacheable(request, params):
        return render()
    key = page_key(request, params)
    version, cached = _kept(key)
    # Kept by this view (not by another release's): served as it is.
    if _is_current(cached, version) and cached[3] == counted:
        return _from_kept(request, cached)

    request._pagecache_holes = True
    try:
        response = render()
        if hasattr(response, "render"):
            response.render()
    finally:
        request._pagecache_holes = False
    if response.status_code != 200 or response.streaming or response.cookies:
        return _filled(request, response)
    html = CSRF_FIELD.sub(rf"\g<1>{CSRF_HOLE}\g<2>", response.content.decode())
    content_type = response.get("Content-Type", "text/html; charset=utf-8")
    kept = compressed.pieces(html, HOLES)
    # Only keep it if the content did not change while it was rendered.
    if content_version() == version:
        _keep(key, (version, content_type, kept, counted))
    return _respond(request, response, kept)


def _is_current(cached, version) -> bool:
    return cached is not None and cached[0] == version


def _from_kept(request, cached):
    _, content_type, kept, _ = cached
    return _respond(request, HttpResponse(content_type=content_type), kept)


def _own_cookies() -> tuple[str, ...]:
    """Cookies that make a visitor's page their own: signed in (or a message
    waiting in the session), a basket, a message waiting in a cookie."""
    return (
        settings.SESSION_COOKIE_NAME,
        settings.OSCAR_BASKET_COOKIE_OPEN,
        CookieStorage.cookie_name,
    )


def served_early(request):
    """The kept page for a visitor who has nothing of their own, or None.

    A visitor with no session, basket or message cookie is anonymous, has an
    empty basket and no message waiting: every such visitor sees the same
    page of an address with no parameters but tracking tags. That page is
    answered here (``CachedPagesMiddleware``), before the basket, the URL
    routing and the view, which a kept page does not need; the view's
    counter (``CachedPageMixin.count_view``) still counts it. Anyone else,
    and any page not kept yet, goes the whole way (``serve``).
    """
    if not _plain_read(request):
        return None
    if any(name in request.COOKIES for name in _own_cookies()):
        return None
    version, cached = _kept(page_key(request))
    if not _is_current(cached, version):
        return None
    view = None
    if counted := cached[3]:
        view = _view(counted[0])
        # Kept by another release's view: drawn and kept anew the whole way.
        if view is None:
            return None
    response = _from_kept(request, cached)
    # The page depends on the cookies it was chosen by.
    patch_vary_headers(response, ("Cookie",))
    if view is not None:
        try:
            view.count_view(request, counted[1])
        except Exception:
            logger.exception("Could not count a view of %s", request.path)
    return response


@functools.cache
def _view(path: str):
    try:
        view = import_string(path)
    except ImportError:
        return None
    return view if hasattr(view, "count_view") else None


def part(request, name: str, vary, render) -> str:
    """A part of a page every reader sees alike, from the cache or rendered.

    ``render()`` draws it; ``name`` and ``vary`` (the values it shows that
    differ between pages of that name) make its key. Kept for the current
    content version with the same holes as a whole page, filled for this
    request unless the whole page is being cached (it fills them itself).
    """
    key = ":".join(["parts", name, request.scheme, request.get_host(), _digest(vary)])
    version, cached = _kept(key)
    if cached is not None and cached[0] == version:
        html = cached[1]
    else:
        wanted = holes_wanted(request)
        request._pagecache_holes = True
        try:
            html = str(render())
        finally:
            request._pagecache_holes = wanted
        html = CSRF_FIELD.sub(rf"\g<1>{CSRF_HOLE}\g<2>", html)
        if content_version() == version:
            _keep(key, (version, html))
    return mark_safe(html if holes_wanted(request) else fill(request, html))


def _digest(values) -> str:
    return hashlib.sha256("\x1f".join(values).encode()).hexdigest()[:32]


def _filled(request, response):
    if not response.streaming and BASKET_HOLE.encode() in response.content:
        response.content = fill(request, response.content.decode())
    return response


class CachedPageMixin:
    """A view whose GET anonymous readers get from the page cache.

    Set ``page_cache_params`` (the query parameters that choose what it
    shows) if it has any, and override ``count_view`` if its views are
    counted. A read runs outside a database transaction, so a page served
    from the cache opens none; a write (the view's POST) runs in one, as
    every other view's does.
    """

    page_cache_params = ()

    @classmethod
    def as_view(cls, **initkwargs):
        return transaction.non_atomic_requests(super().as_view(**initkwargs))

    def dispatch(self, request, *args, **kwargs):
        if request.method in READ_METHODS:
            return super().dispatch(request, *args, **kwargs)
        with transaction.atomic():
            return super().dispatch(request, *args, **kwargs)

    def page_cache_allowed(self, request) -> bool:
        """False when this visitor's page may differ from every other's in a
        way ``is_cacheable`` does not know (a view with its own cookie)."""
        return True

    @classmethod
    def count_view(cls, request, kwargs) -> None:
        """Count a reader's view of the page (kwargs are the URL's), whether
        it came from the cache or was rendered. Views that count override it."""

    def get(self, request, *args, **kwargs):
        render = super().get
        if not self.page_cache_allowed(request):
            response = render(request, *args, **kwargs)
        else:
            response = serve(
                request,
                lambda: render(request, *args, **kwargs),
                self.page_cache_params,
                self._counted(kwargs),
            )
        if response.status_code == 200:
            self.count_view(request, kwargs)
        return response

    @classmethod
    def _counted(cls, kwargs):
        return (f"{cls.__module__}.{cls.__qualname__}", dict(kwargs))


def cached_page(params=()):
    """``CachedPageMixin`` for a function view."""

    def decorator(view):
        @functools.wraps(view)
        def cached(request, *args, **kwargs):
            if request.method not in ("GET", "HEAD"):
                return view(request, *args, **kwargs)
            return serve(request, lambda: view(request, *args, **kwargs), params)

        return transaction.non_atomic_requests(cached)

    return decorator
