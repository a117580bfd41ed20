"""Counting product page views without writing to the database per view.

Oscar's analytics add one to a product's row on every view, inside the
reader's request: concurrent readers of one product queue on that row, and a
cached page would still touch the database. Here each web process counts
views in memory and adds them to ``ProductRecord.num_views`` in one update
per product, at most every ``PRODUCT_VIEWS_FLUSH_SECONDS``, after a response
has been sent (and when the process exits). A signed-in customer's own view
history is still written as Oscar writes it.
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
from oscar.core.loading import get_model

logger = logging.getLogger(__name__)

Product = get_model("catalogue", "Product")
ProductRecord = get_model("analytics", "ProductRecord")
UserProductView = get_model("analytics", "UserProductView")
UserRecord = get_model("analytics", "UserRecord")


class ViewCounter:
    def __init__(self):
        self._lock = threading.Lock()
        self._counts = Counter()
        self._last_flush = time.monotonic()

    def add(self, product_id: int) -> None:
        with self._lock:
            self._counts[product_id] += 1

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
                # A product deleted since it was viewed has no record to keep.
                existing = Product.objects.filter(pk__in=counts).values_list(
                    "pk", flat=True
                )
                for product_id in sorted(existing):
                    _add_views(product_id, counts[product_id])
        except DatabaseError:
            # Keep them for the next flush rather than lose them.
            logger.exception("Could not record product views")
            with self._lock:
                self._counts.update(counts)


def _add_views(product_id: int, views: int) -> None:
    records = ProductRecord.objects.filter(product_id=product_id)
    if records.update(num_views=F("num_views") + views):
        return
    _, created = ProductRecord.objects.get_or_create(
        product_id=product_id, defaults={"num_views": views}
    )
    if not created:
        records.update(num_views=F("num_views") + views)


counter = ViewCounter()


def record_product_view(product_id: int, user=None) -> None:
    """Count one view of a product page (the page may have come from the cache)."""
    counter.add(int(product_id))
    if user is not None and user.is_authenticated:
        _record_customer_view(product_id, user)


def _record_customer_view(product_id, user):
    records = UserRecord.objects.filter(user=user)
    if not records.update(num_product_views=F("num_product_views") + 1):
        UserRecord.objects.get_or_create(user=user, defaults={"num_product_views": 1})
    UserProductView.objects.create(product_id=int(product_id), user=user)


def connect() -> None:
    request_finished.connect(counter.flush_if_due, dispatch_uid="product_views.flush")
    atexit.register(_flush_at_exit)


def _flush_at_exit():
    try:
        counter.flush()
    except Exception:  # noqa: BLE001  (the process is ending; log, do not raise)
        logger.exception("Could not record product views at exit")
