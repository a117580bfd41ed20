from django.apps import AppConfig


class DownloadsConfig(AppConfig):
    name = "shop.downloads"
    label = "downloads"
    verbose_name = "Digital downloads"
