from django.contrib.sitemaps import Sitemap
from django.db.models import Max, Q

from content.articles.models import Article, Series, Topic


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


ARTICLE_SITEMAPS = {
    "articles": ArticleSitemap,
    "series": SeriesSitemap,
    "topics": TopicSitemap,
}
