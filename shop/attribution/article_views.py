"""Counting article views the way product views are counted.

Each web process counts views in memory, per article and local day, and adds
them to ``ArticleDailyViews`` in one update per article and day, at most every
``PRODUCT_VIEWS_FLUSH_SECONDS``, after a response has been sent (and when the
process exits). A page from the cache is counted too: the count is kept by
slug, which the URL gives, and the slugs are read as articles when written.
"""

from django.db.models import F
from django.utils import timezone

from content.articles.models import Article
from shop.attribution.models import ArticleDailyViews
from shop.bots import is_bot
from shop.view_counts import ViewCounter


class ArticleViewCounter(ViewCounter):
    """Counts by (slug, local day); slugs are read as articles when written."""

    what = "article views"

    def write(self, counts) -> None:
        ids = dict(
            Article.objects.filter(slug__in={slug for slug, _ in counts}).values_list(
                "slug", "pk"
            )
        )
        for (slug, day), views in sorted(counts.items()):
            if slug in ids:
                _add_views(ids[slug], day, views)


def _add_views(article_id: int, day, views: int) -> None:
    rows = ArticleDailyViews.objects.filter(article_id=article_id, day=day)
    if rows.update(views=F("views") + views):
        return
    _, created = ArticleDailyViews.objects.get_or_create(
        article_id=article_id, day=day, defaults={"views": views}
    )
    if not created:
        rows.update(views=F("views") + views)


counter = ArticleViewCounter()


def record_article_view(request, slug: str) -> None:
    """Count one reader's view of an article page (cached or rendered).

    Staff reading (and previewing) their own articles, and known robots, are
    left out.
    """
    if request.user.is_staff or is_bot(request):
        return
    counter.add((slug, timezone.localdate()))


def connect() -> None:
    counter.connect(dispatch_uid="article_views.flush")
