"""Oscar's checkout session mixin, with the basket's lines read in bulk.

Loaded by Oscar through get_class("checkout.session", ...): every checkout
view (and its OrderPlacementMixin) is built on it.
"""

from django.db.models import prefetch_related_objects
from oscar.apps.checkout import session


class CheckoutSessionMixin(session.CheckoutSessionMixin):
    def dispatch(self, request, *args, **kwargs):
        # Each checkout page asks whether every line can still be bought and
        # what it costs, which reads the line's stock record and product class:
        # loaded here for all lines at once instead of twice for each line.
        # The basket keeps these line objects, so later reads use them too.
        prefetch_related_objects(
            list(request.basket.all_lines()),
            "product__stockrecords",
            "product__product_class",
        )
        return super().dispatch(request, *args, **kwargs)
