"""Prices and availability, the Oscar way: a printable is on sale only once
it has a file to deliver.

Loaded by Oscar through get_class("partner.strategy", "Selector").
"""

from oscar.apps.partner import availability, strategy


class ComingSoon(availability.Unavailable):
    """Priced and shown, but with nothing to deliver yet: not on sale."""

    code = "coming-soon"
    message = "Coming soon"

    def is_purchase_permitted(self, quantity):
        return False, (
            "Coming soon: this printable goes on sale as soon as its file is "
            "ready, so it cannot be bought yet."
        )


def has_files(product) -> bool:
    """Whether the product has a file a buyer would receive (archived files
    are only for the links already sent). Lists read it
    from their query (`Product.objects.listed()` annotates it, the basket
    prefetches the files); a single product asks once."""
    annotated = getattr(product, "has_files", None)
    if annotated is not None:
        return annotated
    prefetched = getattr(product, "_prefetched_objects_cache", {}).get("files")
    if prefetched is not None:
        return any(not product_file.is_archived for product_file in prefetched)
    return product.files.active().exists()


class DeliverableOnly:
    """Mixed into a strategy: no file, no sale, by every route (product
    pages, cards, the basket, the payment page's own check)."""

    def availability_policy(self, product, stockrecord):
        if not has_files(product):
            return ComingSoon()
        return super().availability_policy(product, stockrecord)


class Printables(DeliverableOnly, strategy.Default):
    """Oscar's default strategy for a shop of files."""


class Selector(strategy.Selector):
    def strategy(self, request=None, user=None, **kwargs):
        return Printables(request)
