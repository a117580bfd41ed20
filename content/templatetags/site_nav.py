from django import template
from django.urls import Resolver404, resolve

from shop import pagecache

register = template.Library()


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


@register.simple_tag(takes_context=True)
def basket_count(context, basket):
    """The header's basket count: the visitor's own, never a cached one."""
    return pagecache.basket_count_html(getattr(context, "request", None), basket)
