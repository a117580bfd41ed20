"""The three legal pages: short, plain, and kept as templates beside the code."""

from django.conf import settings
from django.urls import path
from django.views.generic import TemplateView

from shop import pagecache
from shop.apps.order.receipts import seller

app_name = "legal"


class LegalPage(pagecache.CachedPageMixin, TemplateView):
    """A legal page, naming the seller and the refund window exactly as the
    receipts do (SELLER_* settings, REFUND_DAYS)."""

    def get_context_data(self, **kwargs):
        return {
            **super().get_context_data(**kwargs),
            "seller": seller(),
            "refund_days": settings.REFUND_DAYS,
            "attribution_hours": settings.ATTRIBUTION_WINDOW_HOURS,
            "basket_days": settings.ATTRIBUTION_BASKET_DAYS,
        }


def _page(name):
    return LegalPage.as_view(template_name=f"legal/{name}.html")


urlpatterns = [
    path("privacy/", _page("privacy"), name="privacy"),
    path("terms/", _page("terms"), name="terms"),
    path("refunds/", _page("refunds"), name="refunds"),
]
