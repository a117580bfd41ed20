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
            html.append(_with_pictures(part.html, body, show_problems))
        elif isinstance(part, blocks.Picture):
            html.append(_picture_block(part, body, show_problems))
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


PICTURE_SIZES = "(min-width: 46rem) 42rem, 92vw"


def _picture(picture, alt):
    sources = picture.picture()
    if sources is None:
        return ""
    return render_to_string(
        "shop/partials/picture.html",
        {"picture": sources, "alt": alt, "sizes": PICTURE_SIZES, "loading": "lazy"},
    ).strip()


def _missing_picture(name):
    if name.startswith(("http:", "https:", "//")):
        return (
            f"“{name}” is a picture from another site, which readers are not "
            "shown. Upload it under “Pictures in the body” and use its name."
        )
    return (
        f"No picture called “{name}” is uploaded with this article, so readers "
        "will not see it. Upload it under “Pictures in the body”, or check the name."
    )


def _with_pictures(html, body, show_problems):
    """Markdown images of uploaded pictures as their resized copies; any
    other image is left out (shown to staff as a problem)."""

    def replace(tag):
        attributes = blocks.img_attributes(tag[1])
        name = attributes.get("src", "")
        picture = body.picture_named(name)
        if picture is not None:
            return _picture(picture, attributes.get("alt") or picture.alt)
        if not show_problems:
            return ""
        return format_html(
            '<strong class="article-block-problem">Picture problem (only staff '
            "see this): {}</strong>",
            _missing_picture(name),
        )

    return blocks.IMG_TAG.sub(replace, html)


def _picture_block(part, body, show_problems):
    picture = body.picture_named(part.name)
    if picture is None:
        return _problem(_missing_picture(part.name)) if show_problems else ""
    return render_to_string(
        "articles/blocks/_picture.html",
        {"picture": mark_safe(_picture(picture, picture.alt)), "caption": part.caption},
    )


def _problem(message):
    return render_to_string("articles/blocks/_problem.html", {"message": message})
