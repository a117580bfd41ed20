"""The receipt page, opened from the receipt e-mail's signed link."""

from django.http import Http404
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from shop.apps.order import receipts


@never_cache
@require_safe
def receipt(request, token):
    """The order's receipt, to read and print. The signed order number is
    the key: a forged or altered one is a 404, like an unknown page."""
    number = receipts.order_number_of(token)
    order = receipts.orders().filter(number=number).first() if number else None
    if order is None:
        raise Http404("No such receipt")
    return render(
        request,
        "order/receipt.html",
        {"receipt": receipts.receipt_for(order), "seller": receipts.seller()},
    )
