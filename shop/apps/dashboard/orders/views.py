"""The dashboard's order pages, with what this shop adds to them.

Loaded by Oscar through get_class("dashboard.orders.views", ...).
"""

from django.db.models import Count, Q
from oscar.apps.dashboard.orders import views

from shop.payments import services


class OrderDetailView(views.OrderDetailView):
    def get_order_lines(self):
        # Each line's download links (the Payment tab's table) and how many
        # still work (the notice after a partial refund made in Stripe), in
        # a fixed number of queries.
        return (
            super()
            .get_order_lines()
            .annotate(
                working_links=Count(
                    "download_links",
                    filter=Q(download_links__revoked_at__isnull=True),
                )
            )
            .prefetch_related("download_links__product_file")
        )

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["stripe_partial_refund"] = services.stripe_partial_refund_to_assign(
            order=self.object
        )
        return ctx
