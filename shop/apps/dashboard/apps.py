from django.urls import URLPattern, URLResolver
from oscar.apps.dashboard import apps

# Oscar's "Email templates" pages are left out: the shop's e-mails are
# templates kept with the code (templates/mail/, templates/order/email/, ...),
# and a template saved there would replace one of ours with a plain page
# outside the shop's e-mail layout.
LEFT_OUT = {"comms/"}


class DashboardConfig(apps.DashboardConfig):
    """Forked so that get_class finds our dashboard views (orders/), and to
    leave out the pages a shop of digital files does not use."""

    name = "shop.apps.dashboard"

    def get_urls(self):
        return [url for url in super().get_urls() if _route(url) not in LEFT_OUT]


def _route(url: URLPattern | URLResolver) -> str:
    return str(url.pattern)
