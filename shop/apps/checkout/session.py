"""Oscar's checkout session mixin, with the basket's lines read in bulk.

Loaded by Oscar through get_class("checkout.session", ...): every checkout
view (and its OrderPlacementMixin) is built on it.
"""

from oscar.apps.checkout import session

from shop.apps.basket.lines import load_for_pricing


class CheckoutSessionMixin(session.CheckoutSessionMixin):
    def dispatch(self, request, *args, **kwargs):
        load_for_pricing(request.basket)
        return super().dispatch(request, *args, **kwargs)
