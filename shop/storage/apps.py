from django.apps import AppConfig
from django.core import checks


class StorageConfig(AppConfig):
    name = "shop.storage"
    label = "storage"
    verbose_name = "File storage"

    def ready(self):
        from shop.storage.checks import shared_by_every_host

        checks.register(shared_by_every_host, deploy=True)
