from django.apps import AppConfig


class NavigationConfig(AppConfig):
    """The header and footer every public page shares, and their template tags."""

    name = "shop.navigation"
    verbose_name = "Site navigation"
