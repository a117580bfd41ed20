from oscar.apps.basket import views
from oscar.apps.basket.views import *  # noqa: F403

from shop.apps.basket.lines import load_for_pricing


class BasketView(views.BasketView):
    def dispatch(self, request, *args, **kwargs):
        load_for_pricing(request.basket)
        return super().dispatch(request, *args, **kwargs)
