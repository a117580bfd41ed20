from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "shop.demo"
    label = "demo"
    verbose_name = "Demo catalogue"
