from django.db import transaction
from django.views.generic import ListView
from oscar.apps.catalogue import views as oscar_views
from oscar.apps.catalogue.views import *  # noqa: F403
from oscar.core.loading import get_model

from shop import pagecache
from shop.apps.catalogue.product_views import record_product_view

Category = get_model("catalogue", "Category")


class ProductDetailView(oscar_views.ProductDetailView):
    """Oscar's product page, kept whole in the cache for anonymous readers.

    Views are counted by ``record_product_view`` (in memory, written later)
    for cached and rendered pages alike, instead of Oscar's ``product_viewed``
    receivers, which write a row inside the request and set a recently-viewed
    cookie this shop never reads.
    """

    @classmethod
    def as_view(cls, **initkwargs):
        # A cached page must not open a database transaction to be served.
        return transaction.non_atomic_requests(super().as_view(**initkwargs))

    def get(self, request, *args, **kwargs):
        response = pagecache.serve(
            request,
            "product",
            lambda: super(ProductDetailView, self).get(request, *args, **kwargs),
        )
        if response.status_code == 200:
            record_product_view(kwargs["pk"], request.user)
        return response

    def send_signal(self, request, response, product):
        """Counted in get(), whether or not the page came from the cache."""


class CategoryListView(ListView):
    """Every public category, in tree order, for browsing the shop by kind."""

    template_name = "oscar/catalogue/category_list.html"
    context_object_name = "categories"

    def get_queryset(self):
        return Category.objects.browsable().order_by("path")
