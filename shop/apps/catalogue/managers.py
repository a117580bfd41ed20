from django.db.models import (
    Count,
    Exists,
    IntegerField,
    OuterRef,
    Prefetch,
    Subquery,
)
from django.db.models.functions import Coalesce
from oscar.apps.catalogue.managers import ProductQuerySet as OscarProductQuerySet
from oscar.core.loading import get_model


def active_files() -> Prefetch:
    """A product's files as buyers see them: archived files serve only the
    links already sent, so they are neither shown nor described."""
    ProductFile = get_model("downloads", "ProductFile")
    return Prefetch("files", queryset=ProductFile.objects.active())


class ProductQuerySet(OscarProductQuerySet):
    """What the shop's public lists show, written once for every list."""

    def listed(self):
        """Products a visitor can browse, with what a product card needs."""
        return (
            self.browsable()
            .base_queryset()
            .with_review_counts()
            .with_files_flag()
            # What each card says the buyer gets, for all cards in one query.
            .prefetch_related(active_files())
            .order_by("-priority", "title", "pk")
        )

    def with_files_flag(self):
        """`has_files` on each product: whether it has a file to deliver,
        which decides whether it is on sale (shop/apps/partner/strategy.py)."""
        ProductFile = get_model("downloads", "ProductFile")
        return self.annotate(
            has_files=Exists(
                ProductFile.objects.active().filter(product=OuterRef("pk"))
            )
        )

    def with_review_counts(self):
        """Each product's approved review count, read by num_approved_reviews."""
        ProductReview = get_model("reviews", "ProductReview")
        approved = (
            ProductReview.objects.filter(
                product=OuterRef("pk"), status=ProductReview.APPROVED
            )
            .order_by()
            .values("product")
            .annotate(count=Count("pk"))
            .values("count")
        )
        # A subquery, not a join: category filters add joins that would
        # multiply a joined count.
        return self.annotate(
            approved_reviews_count=Coalesce(
                Subquery(approved, output_field=IntegerField()), 0
            )
        )

    def in_category(self, category):
        """Products in a category or in any category below it."""
        categories = category.get_descendants_and_self()
        return self.filter(categories__in=categories).distinct()

    def with_default_price(self):
        """`default_price` and `default_price_currency`: the price of the
        product's first stock record, the one Oscar's strategy sells it at
        (`UseFirstStockRecord`); None without one."""
        StockRecord = get_model("partner", "StockRecord")
        first = StockRecord.objects.filter(product=OuterRef("pk")).order_by("pk")
        return self.annotate(
            default_price=Subquery(first.values("price")[:1]),
            default_price_currency=Subquery(first.values("price_currency")[:1]),
        )

    def with_file_counts(self):
        """`file_count`: how many files a buyer of the product receives."""
        ProductFile = get_model("downloads", "ProductFile")
        counted = (
            ProductFile.objects.filter(product=OuterRef("pk"))
            .order_by()
            .values("product")
            .annotate(count=Count("pk"))
            .values("count")
        )
        return self.annotate(
            file_count=Coalesce(Subquery(counted, output_field=IntegerField()), 0)
        )
