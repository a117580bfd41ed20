"""Counting product page views without writing to the database per view.

Oscar's analytics add one to a product's row on every view, inside the
reader's request: concurrent readers of one product queue on that row, and a
cached page would still touch the database. Here each web process counts
views in memory and adds them to ``ProductRecord.num_views`` in one update
per product, at most every ``PRODUCT_VIEWS_FLUSH_SECONDS``, after a response
has been sent (and when the process exits). A signed-in customer's own view
history is still written as Oscar writes it.
"""

from django.db.models import F
from oscar.core.loading import get_model

from shop.view_counts import ViewCounter

Product = get_model("catalogue", "Product")
ProductRecord = get_model("analytics", "ProductRecord")
UserProductView = get_model("analytics", "UserProductView")
UserRecord = get_model("analytics", "UserRecord")


class ProductViewCounter(ViewCounter):
    what = "product views"

    def write(self, counts) -> None:
        # A product deleted since it was viewed has no record to keep.
        existing = Product.objects.filter(pk__in=counts).values_list("pk", flat=True)
        for product_id in sorted(existing):
            _add_views(product_id, counts[product_id])


def _add_views(product_id: int, views: int) -> None:
    records = ProductRecord.objects.filter(product_id=product_id)
    if records.update(num_views=F("num_views") + views):
        return
    _, created = ProductRecord.objects.get_or_create(
        product_id=product_id, defaults={"num_views": views}
    )
    if not created:
        records.update(num_views=F("num_views") + views)


counter = ProductViewCounter()


def record_product_view(product_id: int, user=None) -> None:
    """Count one view of a product page (the page may have come from the cache)."""
    counter.add(int(product_id))
    if user is not None and user.is_authenticated:
        _record_customer_view(product_id, user)


def _record_customer_view(product_id, user):
    records = UserRecord.objects.filter(user=user)
    if not records.update(num_product_views=F("num_product_views") + 1):
        UserRecord.objects.get_or_create(user=user, defaults={"num_product_views": 1})
    UserProductView.objects.create(product_id=int(product_id), user=user)


def connect() -> None:
    counter.connect(dispatch_uid="product_views.flush")
