"""The whole site's sitemap: the shop's products and categories, and the
articles' own sections (content/articles/sitemaps.py)."""

from django.contrib.sitemaps import Sitemap
from django.db.models import Max, Q
from oscar.core.loading import get_model

from content.articles.sitemaps import ARTICLE_SITEMAPS

Product = get_model("catalogue", "Product")
Category = get_model("catalogue", "Category")


class ProductSitemap(Sitemap):
    def items(self):
        return Product.objects.browsable().order_by("pk")

    def lastmod(self, item):
        return item.date_updated


class CategorySitemap(Sitemap):
    """Categories, dated by the latest change to one of their products."""

    def items(self):
        return (
            Category.objects.browsable()
            .annotate(
                lastmod=Max(
                    "product__date_updated",
                    filter=Q(product__is_public=True),
                )
            )
            .order_by("path")
        )

    def lastmod(self, item):
        return item.lastmod


SITEMAPS = {
    **ARTICLE_SITEMAPS,
    "products": ProductSitemap,
    "categories": CategorySitemap,
}
