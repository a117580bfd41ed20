from django.apps import AppConfig


class AttributionConfig(AppConfig):
    name = "shop.attribution"
    label = "attribution"
    verbose_name = "Attribution"

    def ready(self):
        from shop.attribution import article_views, receivers

        receivers.connect()
        article_views.connect()
