from django.apps import AppConfig


class MarkupConfig(AppConfig):
    name = "shop.markup"
    label = "markup"
    verbose_name = "Staff-written HTML"
