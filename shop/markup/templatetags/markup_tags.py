from django import template
from django.utils.safestring import mark_safe

from shop.markup.policy import sanitise

register = template.Library()


@register.filter
def sanitised(html):
    """Staff-written HTML, cleaned by the shop's one policy, ready to show."""
    return mark_safe(sanitise(str(html or "")))
