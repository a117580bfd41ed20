from django.db.models import prefetch_related_objects


def load_for_pricing(basket) -> None:
    """Read what pricing each of the basket's lines needs, for all lines at once.

    Whether a line can still be bought, and what it costs, reads its product's
    stock records, product class and whether it has files: otherwise three
    queries per line. The
    basket keeps these line objects, so every later read uses them.
    """
    prefetch_related_objects(
        list(basket.all_lines()),
        "product__stockrecords",
        "product__product_class",
        "product__files",
    )
