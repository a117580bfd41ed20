"""The account's pages, with what this shop changes.

Loaded by Oscar through get_class("customer.views", ...).
"""

from django.db.models import Exists, OuterRef, Prefetch
from django.shortcuts import get_object_or_404
from oscar.apps.customer import views
from oscar.core.loading import get_model

Line = get_model("order", "Line")
ProductReview = get_model("reviews", "ProductReview")


class OrderDetailView(views.OrderDetailView):
    """One order of the signed-in customer, with its downloads."""

    def get_object(self, queryset=None):
        return get_object_or_404(
            self.model.objects.prefetch_related(
                Prefetch("lines", queryset=self.get_lines_queryset())
            ),
            user=self.request.user,
            number=self.kwargs["order_number"],
        )

    def get_lines_queryset(self):
        # Everything the page shows per line, in a fixed number of queries
        # however many lines and files the order has: the product (its link
        # and "Write a review"), the line's options (its description) and
        # its download links with their files.
        reviewed = ProductReview.objects.filter(
            product=OuterRef("product"), user=self.request.user
        )
        return (
            Line.objects.select_related("product")
            .prefetch_related("attributes__option", "download_links__product_file")
            .annotate(reviewed_by_customer=Exists(reviewed))
        )
