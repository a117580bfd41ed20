"""Putting a printable in the basket: one copy of each, whatever is clicked."""

from django.db import transaction


@transaction.atomic
def basket_add_printable(*, basket, product, options=None):
    """The basket's line for product and whether this call added it.

    A printable is a file: a second copy buys nothing, so adding one that is
    already in the basket leaves its line as it is.
    """
    for line in basket.all_lines():
        if line.product_id == product.pk and not options:
            return line, False
    line, _created = basket.add_product(product, 1, options or [])
    return line, True
