from django.apps import AppConfig

from shop.pagecache import connect_signals


class PageCacheConfig(AppConfig):
    """Whole pages for anonymous readers (``shop.pagecache``): any change to
    what they show retires them, so this app listens to every save."""

    name = "shop.pagecache"
    label = "pagecache"
    verbose_name = "Page cache"

    def ready(self):
        connect_signals()
