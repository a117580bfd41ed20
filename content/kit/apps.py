from django.apps import AppConfig


class KitConfig(AppConfig):
    name = "content.kit"
    label = "kit"
    verbose_name = "Starter kit"
