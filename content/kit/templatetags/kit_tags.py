from django import template
from django.middleware.csrf import get_token
from django.utils.html import format_html
from django.utils.text import slugify

from content.kit.consent import CONSENT_TEXT

register = template.Library()


@register.simple_tag(takes_context=True)
def kit_csrf_input(context):
    """The CSRF field for the kit box, even inside ``{% include ... only %}``.

    ``only`` drops the ``csrf_token`` variable but a RequestContext keeps its
    request, so the token is read from there; a ``csrf_token`` passed with
    ``with`` is used as it is.
    """
    token = context.get("csrf_token")
    request = getattr(context, "request", None)
    if not token and request is not None:
        token = get_token(request)
    if not token:
        return ""
    return format_html(
        '<input type="hidden" name="csrfmiddlewaretoken" value="{}">', token
    )


@register.simple_tag
def kit_consent_text():
    return CONSENT_TEXT


@register.simple_tag
def kit_box_key(source, box=None):
    """The prefix of a box's element ids: unique for each box on one page.

    An article may hold several kit boxes with the same source; ``box`` (1, 2,
    ...) keeps their labels pointing at their own fields.
    """
    key = slugify(source or "") or "kit"
    return f"{key}-{box}" if box else key
