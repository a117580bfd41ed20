from django import template
from django.conf import settings
from django.core.cache import cache
from django.urls import Resolver404, resolve
from django.utils.safestring import mark_safe

from content.articles.models import Series
from shop import in_page, pagecache

register = template.Library()


@register.simple_tag
def inline_stylesheet() -> str:
    """The shop's stylesheet, for a page's <style> (shop/in_page.py)."""
    return mark_safe(in_page.STYLESHEET.text())


@register.simple_tag
def inline_script_loader() -> str:
    """What fetches the page's module once it has painted, for a <script>
    whose data-src names the module (shop/in_page.py)."""
    return mark_safe(in_page.SCRIPT_LOADER.text())


@register.simple_tag
def served_path(path: str) -> str:
    """path when the shop answers it, else "".

    The header and footer link the articles and the kit by path; a shop
    without one of those parts shows no link rather than one to a 404.
    """
    try:
        resolve(path)
    except Resolver404:
        return ""
    return path


def _request(context):
    """The request a page is drawn for; None for the error pages Django draws
    without one (400, 500), which must not need a basket or the database."""
    return getattr(context, "request", None)


@register.simple_tag(takes_context=True)
def basket_count(context, basket):
    """The header's basket count: the visitor's own, never a cached one."""
    request = _request(context)
    if request is None or not hasattr(request, "basket"):
        # An error page for a request refused before its basket was known.
        return ""
    return pagecache.basket_count_html(request, basket)


@register.simple_tag(takes_context=True)
def footer_series(context):
    """(name, url) of each series a reader can open, for the footer.

    Kept in the cache for the current content version: a series or article
    saved shows at once, a scheduled article within PAGE_CACHE_SECONDS.
    An error page leaves them out: the database may be what failed.
    """
    if _request(context) is None:
        return []
    key = f"nav:series:{pagecache.content_version()}"
    links = cache.get(key)
    if links is None:
        links = [
            (series.name, series.get_absolute_url())
            for series in Series.objects.open_to_readers()
        ]
        cache.set(key, links, settings.PAGE_CACHE_SECONDS)
    return links
