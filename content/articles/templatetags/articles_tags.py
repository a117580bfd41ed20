import json

from django import template
from django.core.serializers.json import DjangoJSONEncoder
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from content.articles import rendering, seo

register = template.Library()

# Characters that could end the <script> element or open a comment inside it.
_SCRIPT_SAFE = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


@register.simple_tag
def json_ld(*items):
    """Each item, or each item of a list, as an application/ld+json script."""
    flat = []
    for item in items:
        flat.extend(item if isinstance(item, list | tuple) else [item])
    scripts = [
        format_html(
            '<script type="application/ld+json">{}</script>',
            mark_safe(
                json.dumps(item, cls=DjangoJSONEncoder, ensure_ascii=False).translate(
                    _SCRIPT_SAFE
                )
            ),
        )
        for item in flat
        if item
    ]
    return mark_safe("\n".join(scripts))


@register.simple_tag(takes_context=True)
def product_json_ld(context, product, purchase_info):
    return json_ld(seo.product_data(product, context["request"], purchase_info))


@register.simple_tag(takes_context=True)
def article_body(context, article, body, show_problems=False):
    """The body's blocks in order, each through its own template; problems
    are shown only when asked to."""
    return rendering.BodyPage(
        article=article,
        body=body,
        request=context["request"],
        show_problems=show_problems,
    ).render()
