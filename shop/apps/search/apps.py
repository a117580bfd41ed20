from oscar.apps.search import apps
from oscar.core.loading import get_class


class SearchConfig(apps.SearchConfig):
    name = "shop.apps.search"

    def ready(self):
        from shop.apps.search import index

        index.connect()
        self.search_view = get_class("search.views", "ProductSearchView")
