from django.views.decorators.cache import never_cache
from oscar.apps.checkout import apps


class CheckoutConfig(apps.CheckoutConfig):
    name = "shop.apps.checkout"

    def get_url_decorator(self, pattern):
        # Every checkout page is one buyer's own (their address, basket,
        # payment, and on the thank-you page their download links): no
        # shared cache may keep one.
        decorator = super().get_url_decorator(pattern)
        if decorator is None:
            return never_cache
        return lambda view: never_cache(decorator(view))
