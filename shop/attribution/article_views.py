"""Counting article views the way product views are counted.

Each web process counts views in memory, per article and local day, and adds
them to ``ArticleDailyViews`` in one update per article and day, at most every
``PRODUCT_VIEWS_FLUSH_SECONDS``, after a response has been sent (and when the
process exits). A page from the cache is counted too: the count is kept by
slug, which the URL gives, and the slugs are read as articles when written.
"""

import atexit
import logging
import threading
import time
from collections import Counter

from django.conf import settings
from django.core.signals import request_finished
from django.db import DatabaseError, transaction
from django.db.models import F
from django.utils import timezone

from content.articles.models import Article
from shop.attribution.models import ArticleDailyViews
from shop.bots import is_bot

logger = logging.getLogger(__name__)


class ArticleViewCounter:
    def __init__(self):
        self._lock = threading.Lock()
        self._counts = Counter()
        self._last_flush = time.monotonic()

    def add(self, slug: str, day) -> None:
        with self._lock:
            self._counts[(slug, day)] += 1

    def clear(self) -> None:
        with self._lock:
            self._counts.clear()

    def pending(self) -> dict:
        with self._lock:
            return dict(self._counts)

    def flush_if_due(self, **kwargs) -> None:
        if time.monotonic() - self._last_flush >= settings.PRODUCT_VIEWS_FLUSH_SECONDS:
            self.flush()

    def flush(self) -> None:
        with self._lock:
            counts, self._counts = self._counts, Counter()
            self._last_flush = time.monotonic()
        if not counts:
            return
        try:
            with transaction.atomic():
                ids = dict(
                    Article.objects.filter(
                        slug__in={slug for slug, _ in counts}
                    ).values_list("slug", "pk")
                )
                for (slug, day), views in sorted(counts.items()):
                    if slug in ids:
                        _add_views(ids[slug], day, views)
        except DatabaseError:
            logger.exception("Could not record article views")
            with self._lock:
                self._counts.update(counts)


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
    counter.add(slug, timezone.localdate())


def connect() -> None:
    request_finished.connect(counter.flush_if_due, dispatch_uid="article_views.flush")
    atexit.register(_flush_at_exit)


def _flush_at_exit():
    try:
        counter.flush()
    except Exception:  # noqa: BLE001  (the process is ending; log, do not raise)
        logger.exception("Could not record article views at exit")
