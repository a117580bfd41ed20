from django.apps import AppConfig


class DownloadsConfig(AppConfig):
    name = "shop.downloads"
    label = "downloads"
    verbose_name = "Digital downloads"

    def ready(self):
        from shop.downloads import receivers

        receivers.connect()
