"""A paid guest order for demo data, placed as fulfilment places one.

The demo activity, the sample e-mails and the benches all need orders that
look like real ones (lines, totals, download links), without a payment and
without the receipt: this is the one place that builds them.
"""

from django.contrib.auth.models import AnonymousUser
from oscar.core.loading import get_class, get_model

from shop.apps.order.statuses import OrderStatus
from shop.downloads.services import download_links_create
from shop.payments.services.checkout import basket_total

Basket = get_model("basket", "Basket")
OrderCreator = get_class("order.utils", "OrderCreator")
NoShippingRequired = get_class("shipping.methods", "NoShippingRequired")
Selector = get_class("partner.strategy", "Selector")


def place_demo_order(*, products, number: str, email: str):
    """A paid guest order for one of each product, with its download links;
    its basket is submitted (``order.basket``)."""
    basket = Basket.objects.create()
    basket.strategy = Selector().strategy()
    for product in products:
        basket.add_product(product)
    total = basket_total(basket=basket)
    shipping = NoShippingRequired()
    order = OrderCreator().place_order(
        basket=basket,
        total=total,
        shipping_method=shipping,
        shipping_charge=shipping.calculate(basket),
        user=AnonymousUser(),
        order_number=number,
        status=OrderStatus.PAID,
        guest_email=email,
    )
    download_links_create(order=order)
    basket.submit()
    return order
