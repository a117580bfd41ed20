"""Reading what led a reader to act from the request they act with.

Nothing is kept between pages on the server. What led here arrives with the
reader's own sign-up or add-to-basket request:

- a form inside an article names it (the kit box's ``source``, the product
  card's ``article``): this works from the page cache and without JavaScript;
- the page the form was on (the ``Referer``, sent whole to our own pages),
  an article or another page, with the UTM tags of its address;
- ``static/shop/site.js``, where JavaScript runs, keeps the landing
  (external referrer domain, UTM tags) and the last article read in the tab's
  ``sessionStorage`` (not a cookie: it never leaves the browser by itself)
  and adds them to those forms as ``attribution_*`` fields when submitted.

An article counts only if read within ``ATTRIBUTION_WINDOW_HOURS`` before
the sign-up or the addition.
"""

import re
from dataclasses import dataclass, fields
from datetime import datetime, timedelta
from urllib.parse import parse_qs, urlsplit

from django.conf import settings
from django.urls import Resolver404, resolve
from django.utils import timezone

from content.articles.models import Article

UTM_FIELDS = ("utm_source", "utm_medium", "utm_campaign")
DOMAIN = re.compile(r"^[a-z0-9](?:[a-z0-9-]{0,62}\.)*[a-z0-9-]{1,63}$")
SLUG = re.compile(r"^[-a-zA-Z0-9_]{1,200}$")
TEXT_MAX = 100
PAGE_MAX = 200


@dataclass(frozen=True)
class Touch:
    article: Article | None = None
    article_read_at: datetime | None = None
    page: str = ""
    referrer_domain: str = ""
    utm_source: str = ""
    utm_medium: str = ""
    utm_campaign: str = ""

    def __bool__(self):
        return any((self.article, self.page, self.referrer_domain, *self.utm.values()))

    @property
    def utm(self) -> dict:
        return {name: getattr(self, name) for name in UTM_FIELDS}

    def as_fields(self) -> dict:
        return {each.name: getattr(self, each.name) for each in fields(self)}


def clean_text(value) -> str:
    """A tag as typed in a link: printable, single-spaced, cut to fit."""
    text = "".join(ch for ch in str(value or "") if ch.isprintable())
    return " ".join(text.split())[:TEXT_MAX]


def clean_domain(value, *, own_host: str = "") -> str:
    host = str(value or "").strip().lower()
    if "//" in host:
        host = urlsplit(host).hostname or ""
    host = host.removeprefix("www.")
    own = own_host.split(":")[0].removeprefix("www.")
    if "." not in host or not DOMAIN.match(host) or host == own:
        return ""
    return host


def _own_referer(request):
    """The path and query of the page the request came from, if it is ours."""
    referer = request.headers.get("Referer", "")
    if not referer:
        return None
    parts = urlsplit(referer)
    if parts.netloc and parts.netloc != request.get_host():
        return None
    return parts


def _article_slug_of(path: str) -> str:
    try:
        match = resolve(path)
    except Resolver404:
        return ""
    if match.view_name == "articles:detail":
        return match.kwargs["slug"]
    return ""


def _posted_age(value) -> timedelta | None:
    try:
        seconds = int(value)
    except (TypeError, ValueError):
        return None
    return timedelta(seconds=seconds) if seconds >= 0 else None


def touch_from_request(request, *, form_article: str = "") -> Touch:
    """What led to this POST, from the form, the page it was on and the
    fields the script added. One query, for the article."""
    now = timezone.now()
    window = timedelta(hours=settings.ATTRIBUTION_WINDOW_HOURS)
    posted = request.POST
    referer = _own_referer(request)
    page = referer.path[:PAGE_MAX] if referer else ""

    # The form's own article first, then the page it was on, then the last
    # article the script saw read in this tab (if recent enough).
    candidates = []
    if SLUG.match(form_article or ""):
        candidates.append((form_article, now))
    if referer and (from_page := _article_slug_of(referer.path)):
        candidates.append((from_page, now))
    if SLUG.match(posted.get("attribution_article", "")):
        age = _posted_age(posted.get("attribution_article_age"))
        if age is not None and age <= window:
            candidates.append((posted["attribution_article"], now - age))

    article, read_at = None, None
    if candidates:
        found = {
            each.slug: each
            for each in Article.objects.published().filter(
                slug__in={slug for slug, _ in candidates}
            )
        }
        for slug, when in candidates:
            if slug in found:
                article, read_at = found[slug], when
                break
    if article is not None and _article_slug_of(page) == article.slug:
        page = ""

    query = parse_qs(referer.query) if referer else {}
    utm = {
        name: clean_text(posted.get(f"attribution_{name}") or query.get(name, [""])[0])
        for name in UTM_FIELDS
    }
    return Touch(
        article=article,
        article_read_at=read_at,
        page=page,
        referrer_domain=clean_domain(
            posted.get("attribution_referrer"), own_host=request.get_host()
        ),
        **utm,
    )
