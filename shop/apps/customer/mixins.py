"""Oscar's customer mixins, with sign-up that proves the address first.

Loaded by Oscar through get_class("customer.mixins", ...): both of Oscar's
sign-up forms (the sign-in page's and /accounts/register/) use it.
"""

from oscar.apps.customer import mixins

from shop.apps.customer import services


class RegisterUserMixin(mixins.RegisterUserMixin):
    def register_user(self, form):
        """Send the address a link that opens the account (or, if it has one,
        a reminder), instead of opening it and signing in at once: the answer
        must not tell whether the address is known."""
        services.account_register(form=form)
