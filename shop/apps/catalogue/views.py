from django.views.generic import ListView
from oscar.apps.catalogue import views as oscar_views
from oscar.apps.catalogue.views import *  # noqa: F403
from oscar.core.loading import get_model

from shop import pagecache
from shop.apps.catalogue.managers import active_files
from shop.apps.catalogue.product_views import record_product_view
from shop.apps.catalogue.reviews.services import customer_review_line
from shop.bots import is_bot

Category = get_model("catalogue", "Category")


class ProductDetailView(pagecache.CachedPageMixin, oscar_views.ProductDetailView):
    """Oscar's product page, kept whole in the cache for anonymous readers.

    Views are counted by ``record_product_view`` (in memory, written later)
    for cached and rendered pages alike, known robots left out, instead of
    Oscar's ``product_viewed`` receivers, which write a row inside the
    request and set a recently-viewed cookie this shop never reads.
    """

    # One template for every printable: Oscar's per-UPC and per-class
    # lookups cost a query and two misses on every rendered page.
    template_name = "oscar/catalogue/detail.html"

    def get_queryset(self):
        # The files say whether the product is on sale and what the buyer
        # gets (previews and facts), in one query however many there are.
        return super().get_queryset().prefetch_related(active_files())

    @classmethod
    def count_view(cls, request, kwargs):
        if not is_bot(request):
            record_product_view(kwargs["pk"], request.user)

    def get_context_data(self, **kwargs):
        # The reviews shown (approved, with their writers, in one query, read
        # only when the page's cached part is not) and whether this reader
        # may write one: only a buyer may.
        product = self.object
        return super().get_context_data(
            approved_reviews=product.reviews.approved().select_related("user")[:3],
            review_permitted=customer_review_line(
                product=product, user=self.request.user
            )
            is not None,
            **kwargs,
        )

    def get_alert_status(self):
        """Printables never run out: no stock alerts, and no query for them."""
        return False

    def get_alert_form(self):
        return None

    def send_signal(self, request, response, product):
        """Counted by count_view(), whether or not the page came from the cache."""


class CategoryListView(pagecache.CachedPageMixin, ListView):
    """Every public category, in tree order, for browsing the shop by kind."""

    template_name = "oscar/catalogue/category_list.html"
    context_object_name = "categories"

    def get_queryset(self):
        return Category.objects.browsable().order_by("path")
