"""Oscar's own signals carry the basket addition and the placed order here,
so the basket and checkout views stay as Oscar has them."""

from oscar.apps.basket.signals import basket_addition
from oscar.apps.order.signals import order_placed

from shop.attribution import services
from shop.attribution.touches import touch_from_request


def _basket_addition(sender, product, user, request, **kwargs):
    touch = touch_from_request(request, form_article=request.POST.get("article", ""))
    services.basket_attribute(basket=request.basket, touch=touch)


def _order_placed(sender, order, **kwargs):
    services.order_attribute(order=order)


def connect() -> None:
    basket_addition.connect(_basket_addition, dispatch_uid="attribution.basket")
    order_placed.connect(_order_placed, dispatch_uid="attribution.order")
