from django.urls import path
from oscar.apps.catalogue import apps
from oscar.core.loading import get_class


class CatalogueConfig(apps.CatalogueConfig):
    name = "shop.apps.catalogue"

    def ready(self):
        super().ready()
        from shop.apps.catalogue import product_views

        product_views.connect()
        self.category_list_view = get_class("catalogue.views", "CategoryListView")

    def get_urls(self):
        urls = super().get_urls()
        urls += [
            path(
                "categories/",
                self.category_list_view.as_view(),
                name="category-list",
            ),
        ]
        return self.post_process_urls(urls)
