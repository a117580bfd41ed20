from shop.apps.search.views.catalogue import CatalogueView, ProductCategoryView
from shop.apps.search.views.search import ProductSearchView

__all__ = ["CatalogueView", "ProductCategoryView", "ProductSearchView"]
