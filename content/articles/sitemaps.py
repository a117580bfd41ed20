from django.contrib.sitemaps import Sitemap
from django.db.models import Max, Q
from oscar.core.loading import get_model

from content.articles.models import Article, Series, Topic

Product = get_model("catalogue", "Product")
Category = get_model("catalogue", "Category")


class ArticleSitemap(Sitemap):
    def items(self):
        return Article.objects.published().order_by("-publish_at", "pk")

    def lastmod(self, item):
        return item.updated_at


class SeriesSitemap(Sitemap):
    """Series and topics with a published article, dated by their latest one."""

    model = Series

    def items(self):
        return (
            self.model.objects.annotate(
                lastmod=Max(
                    "articles__updated_at",
                    filter=Q(articles__in=Article.objects.published()),
                )
            )
            .filter(lastmod__isnull=False)
            .order_by("pk")
        )

    def lastmod(self, item):
        return item.lastmod


class TopicSitemap(SeriesSitemap):
    model = Topic


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
    "articles": ArticleSitemap,
    "series": SeriesSitemap,
    "topics": TopicSitemap,
    "products": ProductSitemap,
    "categories": CategorySitemap,
}
