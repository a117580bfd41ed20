"""The load balancer's question: can this process serve the shop?

It can while its database answers. The cache only makes pages faster
(shop/cache.py), so a cache that does not answer is reported as "degraded"
with a 200: a load balancer keeps every web process in rather than taking
them all out at once for an outage they ride through.
"""

import logging
import uuid

from django.core.cache import cache
from django.db import connection, transaction
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

logger = logging.getLogger(__name__)


def database_answers() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            return cursor.fetchone() == (1,)
    except Exception:
        logger.exception("health check: database did not answer")
        return False


def cache_answers() -> bool:
    key = f"healthz:{uuid.uuid4().hex}"
    try:
        cache.set(key, "ok", timeout=5)
        answered = cache.get(key) == "ok"
        cache.delete(key)
        return answered
    except Exception:
        logger.exception("health check: cache did not answer")
        return False


# Outside ATOMIC_REQUESTS: opening a transaction on a dead database would
# raise before the check could answer 503.
@transaction.non_atomic_requests
@never_cache
@require_safe
def healthz(request):
    checks = {"database": database_answers(), "cache": cache_answers()}
    if not checks["database"]:
        status = "unavailable"
    elif not checks["cache"]:
        status = "degraded"
    else:
        status = "ok"
    return JsonResponse(
        {"status": status, **checks}, status=503 if status == "unavailable" else 200
    )
