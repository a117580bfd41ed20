"""On the embedded default (no Redis) the cache is each process's memory,
yet a change saved by another process (the task worker, another gunicorn
worker) retires this process's cached pages at once: the content version is
a file every process of the machine reads."""

import os
import subprocess
import sys
from decimal import Decimal

import pytest
from django.conf import settings
from django.test import Client

from shop.pagecache import local
from tests.factories import ProductFactory

pytestmark = pytest.mark.django_db

ANOTHER_PROCESS = "import django; django.setup(); from shop import pagecache; pagecache.content_changed()"  # noqa: E501


def _another_process_saves_something():
    subprocess.run(
        [sys.executable, "-c", ANOTHER_PROCESS],
        check=True,
        env={
            # The embedded default: no Redis, the cache in each process.
            **{k: v for k, v in os.environ.items() if k != "REDIS_URL"},
            "DJANGO_SETTINGS_MODULE": "tests.settings",
            "VAR_DIR": str(settings.VAR_DIR),
        },
        cwd=settings.BASE_DIR,
    )


def test_a_change_saved_by_another_process_retires_the_page_here(
    django_assert_num_queries, settings
):
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    }
    assert local.in_process_cache()
    product = ProductFactory(title="Calm Week", price=Decimal("9.90"))
    url = product.get_absolute_url()
    Client().get(url)
    with django_assert_num_queries(0):
        Client().get(url)

    # The worker saves the product (in its own process): here, only the row.
    type(product).objects.filter(pk=product.pk).update(title="Calm Month")
    _another_process_saves_something()

    assert "Calm Month" in Client().get(url).content.decode()
