"""Oscar's dashboard views that the shop changes (loaded by get_class)."""

from django.utils import timezone
from django.views.generic import TemplateView
from oscar.apps.dashboard import views

from content.kit.models import Subscriber
from shop.apps.order import figures
from shop.signin import SignInForm


class LoginView(views.LoginView):
    # Says why while the account is cooling off after wrong passwords.
    authentication_form = SignInForm


class IndexView(views.IndexView):
    """A digital shop's home: money kept and refunded, orders, buyers and kit
    sign-ups for today, 7 and 30 days, in a fixed number of queries. Nothing
    runs out, so there are no stock boxes."""

    def get_context_data(self, **kwargs):
        # Oscar's statistics (stock, customers with accounts only) are left out.
        ctx = TemplateView.get_context_data(self, **kwargs)
        if not self.request.user.has_perm("order.view_order"):
            return ctx
        now = timezone.now()
        periods = figures.period_figures(now=now)
        # Kit sign-ups only for staff who may see the kit's subscribers.
        signups = {}
        if self.request.user.has_perm("kit.view_subscriber"):
            signups = Subscriber.objects.signups_since(figures.period_starts(now=now))
        ctx["show_kit_signups"] = bool(signups)
        ctx["periods"] = [
            {"figures": period, "kit_signups": signups.get(period.label)}
            for period in periods
        ]
        ctx["buyers"] = figures.buyer_count()
        return ctx
