"""Views counted in memory and written in bulk, for any kind of page.

Each web process counts views by key and, at most every
``PRODUCT_VIEWS_FLUSH_SECONDS``, after a response has been sent (and when the
process exits), hands the counts to ``write`` in one transaction. If the
database refuses them they are kept for the next flush rather than lost.
"""

import atexit
import logging
import threading
import time
from collections import Counter

from django.conf import settings
from django.core.signals import request_finished
from django.db import DatabaseError, transaction

logger = logging.getLogger(__name__)


class ViewCounter:
    """Subclasses say what is counted (``what``) and how it is stored
    (``write``, given {key: views})."""

    what = "views"

    def __init__(self):
        self._lock = threading.Lock()
        self._counts = Counter()
        self._last_flush = time.monotonic()

    def add(self, key) -> None:
        with self._lock:
            self._counts[key] += 1

    def clear(self) -> None:
        """Forget the views not yet written, and start the interval anew."""
        with self._lock:
            self._counts.clear()
            self._last_flush = time.monotonic()

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
                self.write(counts)
        except DatabaseError:
            logger.exception("Could not record %s", self.what)
            with self._lock:
                self._counts.update(counts)

    def write(self, counts: Counter) -> None:
        raise NotImplementedError

    def connect(self, dispatch_uid: str) -> None:
        """Flush after responses and when the process exits."""
        request_finished.connect(self.flush_if_due, dispatch_uid=dispatch_uid)
        atexit.register(self._flush_at_exit)

    def _flush_at_exit(self):
        try:
            self.flush()
        except Exception:  # noqa: BLE001  (the process is ending; log, do not raise)
            logger.exception("Could not record %s at exit", self.what)
