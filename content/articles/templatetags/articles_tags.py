import json

from django import template
from django.core.serializers.json import DjangoJSONEncoder
from django.template.loader import render_to_string
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from oscar.templatetags.product_tags import render_product

from content.articles import blocks, seo

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
    """The body's parts in order; problems are shown only when asked to."""
    request = context["request"]
    html = []
    kit_boxes = 0
    for part in body.parts:
        if isinstance(part, blocks.Html):
            html.append(part.html)
        elif isinstance(part, blocks.KitBox):
            kit_boxes += 1
            html.append(
                render_to_string(
                    "kit/_kit_box.html",
                    {"source": article.slug, "box": kit_boxes},
                    request=request,
                )
            )
        elif isinstance(part, blocks.ProductCard | blocks.CrossSell):
            html.append(_product_part(context, part, body, show_problems))
        elif isinstance(part, blocks.Problem) and show_problems:
            html.append(_problem(part.message))
    return mark_safe("\n".join(html))


def _product_part(context, part, body, show_problems):
    product = body.product_named(part.product_name)
    if product is None:
        if not show_problems:
            return ""
        return _problem(
            f"No product called “{part.product_name}” is on sale, so readers "
            "will not see this block. Check the name against the catalogue."
        )
    if isinstance(part, blocks.CrossSell):
        return render_to_string(
            "articles/blocks/_cross_sell.html",
            {"product": product, "heading": part.heading},
            request=context["request"],
        )
    return format_html(
        '<div class="article-product">{}</div>', render_product(context, product)
    )


def _problem(message):
    return render_to_string("articles/blocks/_problem.html", {"message": message})
