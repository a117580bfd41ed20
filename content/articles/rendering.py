"""An article's body as a page shows it: parsed once, cached, products looked up live.

The parsed body (sanitised HTML and the names of the products and pictures it
shows) is
cached under a hash of the Markdown, so editing an article rebuilds it and an
unchanged one is never parsed twice. Product cards are not in the cache: the
products are read on each request in one query, so a price, a cover or a
product taken off sale shows at once, and the cards' forms carry the reader's
own CSRF token.
"""

import hashlib
from dataclasses import dataclass, field
from functools import reduce
from operator import or_

from django.core.cache import cache
from django.db.models import Q
from django.template.loader import render_to_string
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from oscar.core.loading import get_class, get_model

from content.articles import blocks

Product = get_model("catalogue", "Product")
Selector = get_class("partner.strategy", "Selector")

# Bump when the parser's output changes, so cached bodies are rebuilt.
PARSER_VERSION = 3
CACHE_SECONDS = 60 * 60 * 24 * 7


def parsed_body(source: str) -> list:
    digest = hashlib.sha256(source.encode()).hexdigest()
    key = f"articles:body:{PARSER_VERSION}:{digest}"
    parts = cache.get(key)
    if parts is None:
        parts = blocks.parse(source)
        cache.set(key, parts, CACHE_SECONDS)
    return parts


@dataclass
class ArticleBody:
    """The parts of the body, and the products on sale that they name."""

    parts: list
    products_by_name: dict = field(default_factory=dict)
    related_products: list = field(default_factory=list)
    pictures_by_name: dict = field(default_factory=dict)

    def product_named(self, name):
        return self.products_by_name.get(name.casefold())

    def picture_named(self, name):
        return self.pictures_by_name.get(name.strip().lower())


def products_for_cards():
    """Products a card can show, each with its review count already counted."""
    return Product.objects.listed()


def article_body(article, *, request) -> ArticleBody:
    """The body and the related products row, with every product in one
    query and the pictures it names in another."""
    parts = parsed_body(article.body)
    pictures = {}
    if blocks.picture_names(parts):
        pictures = {picture.name: picture for picture in article.pictures.all()}
    names = {
        part.product_name.casefold()
        for part in parts
        if isinstance(part, blocks.ProductCard | blocks.CrossSell)
    }
    related_ids = [link.product_id for link in article.related_products.all()]
    wanted = [Q(title__iexact=name) for name in names]
    if related_ids:
        wanted.append(Q(pk__in=related_ids))
    products = []
    if wanted:
        products = _on_sale(products_for_cards().filter(reduce(or_, wanted)), request)
    by_id = {product.pk: product for product in products}
    return ArticleBody(
        parts=parts,
        products_by_name={
            product.title.casefold(): product
            for product in products
            if product.title.casefold() in names
        },
        related_products=[by_id[pk] for pk in related_ids if pk in by_id],
        pictures_by_name=pictures,
    )


def _on_sale(products, request):
    strategy = getattr(request, "strategy", None) or Selector().strategy(
        request=request, user=request.user
    )
    on_sale = []
    for product in products:
        if strategy.fetch_for_product(product).availability.is_available_to_buy:
            on_sale.append(product)
    return on_sale


PICTURE_SIZES = "(min-width: 46rem) 42rem, 92vw"


@dataclass
class BodyPage:
    """One drawing of an article's body: what its blocks may ask for.

    Blocks look up their products and pictures here, count themselves (the
    first kit box is a form, later ones link to it) and are rendered, each
    through its own template, by `render()`.
    """

    article: object
    body: ArticleBody
    request: object
    show_problems: bool = False
    counts: dict = field(default_factory=dict)

    def render(self) -> str:
        return mark_safe(
            "\n".join(filter(None, map(self.render_part, self.body.parts)))
        )

    def render_part(self, part) -> str:
        context = part.context(self)
        if isinstance(context, blocks.Block):
            return self.render_part(context)
        if context is None:
            return ""
        # Product cards' forms name the article they were added from.
        if self.article is not None:
            context = {"reading_article": self.article.slug, **context}
        return render_to_string(part.template, context, request=self.request).strip()

    def count(self, kind: str) -> int:
        self.counts[kind] = self.counts.get(kind, 0) + 1
        return self.counts[kind]

    def product(self, name):
        return self.body.product_named(name)

    def picture(self, name) -> str | None:
        """The named picture's resized copies as a <picture>, or None."""
        picture = self.body.picture_named(name)
        sources = picture.picture() if picture is not None else None
        if sources is None:
            return None
        return mark_safe(
            render_to_string(
                "shop/partials/picture.html",
                {
                    "picture": sources,
                    "alt": picture.alt,
                    "sizes": PICTURE_SIZES,
                    "loading": "lazy",
                },
            ).strip()
        )

    def with_pictures(self, html: str) -> str:
        """Markdown images of uploaded pictures as their resized copies; any
        other image is left out (shown to staff as a problem)."""

        def replace(tag):
            attributes = blocks.img_attributes(tag[1])
            name = attributes.get("src", "")
            picture = self.body.picture_named(name)
            sources = picture.picture() if picture is not None else None
            if sources is not None:
                return render_to_string(
                    "shop/partials/picture.html",
                    {
                        "picture": sources,
                        "alt": attributes.get("alt") or picture.alt,
                        "sizes": PICTURE_SIZES,
                        "loading": "lazy",
                    },
                ).strip()
            if not self.show_problems:
                return ""
            return format_html(
                '<strong class="article-block-problem">Picture problem (only staff '
                "see this): {}</strong>",
                blocks.missing_picture(name),
            )

        return blocks.IMG_TAG.sub(replace, html)
