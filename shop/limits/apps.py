from django.apps import AppConfig


class LimitsConfig(AppConfig):
    name = "shop.limits"
    label = "limits"
    verbose_name = "Limits"
