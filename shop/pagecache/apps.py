from django.apps import AppConfig
from django.db.models.signals import post_migrate

from shop.pagecache import connect_signals, content_changed


class PageCacheConfig(AppConfig):
    """Whole pages for anonymous readers (``shop.pagecache``): any change to
    what they show retires them, so this app listens to every save, and
    each release (its ``migrate``) retires them too: its templates, routes
    and views may draw them otherwise."""

    name = "shop.pagecache"
    label = "pagecache"
    verbose_name = "Page cache"

    def ready(self):
        connect_signals()
        post_migrate.connect(_released, dispatch_uid="shop.pagecache.released")


def _released(**kwargs):
    content_changed()
