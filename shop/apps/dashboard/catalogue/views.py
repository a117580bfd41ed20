"""The dashboard's catalogue pages, with what a shop of files needs.

Loaded by Oscar through get_class("dashboard.catalogue.views", ...).
"""

from oscar.apps.dashboard.catalogue import views


class ProductListView(views.ProductListView):
    def get_queryset(self):
        # The price and file columns (tables.ProductTable), read in the
        # list's one query.
        return super().get_queryset().with_default_price().with_file_counts()
