from oscar.apps.basket import views
from oscar.apps.basket.views import *  # noqa: F403

from shop.apps.basket.lines import load_for_pricing


class BasketView(views.BasketView):
    def dispatch(self, request, *args, **kwargs):
        load_for_pricing(request.basket)
        return super().dispatch(request, *args, **kwargs)

    def get_basket_warnings(self, basket):
        # Oscar says only "no longer available"; the strategy says why (a
        # printable whose file was removed is coming soon) and the buyer
        # learns what to do.
        warnings = []
        for line in basket.all_lines():
            permitted, reason = line.purchase_info.availability.is_purchase_permitted(
                line.quantity
            )
            if not permitted:
                warnings.append(
                    f"{line.product.get_title()}: {reason} "
                    "Remove it to check out the rest."
                )
            elif warning := line.get_warning():
                warnings.append(warning)
        return warnings
