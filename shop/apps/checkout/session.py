"""Oscar's checkout session mixin, with the basket's lines read in bulk.

Loaded by Oscar through get_class("checkout.session", ...): every checkout
view (and its OrderPlacementMixin) is built on it.
"""

from django.urls import reverse
from oscar.apps.checkout import exceptions, session

from shop.apps.basket.lines import load_for_pricing
from shop.apps.checkout.forms import GuestEmailForm

CHECK_EMAIL = "Please check your e-mail address: we could not use the one we have."


class CheckoutSessionMixin(session.CheckoutSessionMixin):
    def dispatch(self, request, *args, **kwargs):
        load_for_pricing(request.basket)
        return super().dispatch(request, *args, **kwargs)

    def check_user_email_is_captured(self, request):
        """A guest's address is one the e-mail page accepts, before anything
        is recorded or asked of Stripe for it (one kept in the session from
        an earlier version of that page may not be)."""
        super().check_user_email_is_captured(request)
        if request.user.is_authenticated:
            return
        email = self.checkout_session.get_guest_email()
        if not GuestEmailForm({"email": email}).is_valid():
            raise exceptions.FailedPreCondition(
                url=reverse("checkout:index"), message=CHECK_EMAIL
            )
