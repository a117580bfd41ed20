from django.contrib.auth.decorators import login_required
from django.urls import path
from oscar.apps.customer import apps
from oscar.core.loading import feature_hidden, get_class

# The shop sells files delivered at once: nothing is shipped (no address
# book), nothing runs out (no stock alerts), there are no on-site
# notifications, and the e-mails that matter (receipt, download links) are
# not Oscar's, so a history of Oscar's would mislead. Their pages are left
# out and their old addresses answer with the shop's 404.
LEFT_OUT = ("addresses/", "alerts/", "emails/", "notifications/")
# Wish lists are hidden the Oscar way, by OSCAR_HIDDEN_FEATURES.
WISHLISTS = "wishlists/"


class CustomerConfig(apps.CustomerConfig):
    name = "shop.apps.customer"

    def ready(self):
        super().ready()
        self.register_sent_view = get_class("customer.views", "RegistrationSentView")
        self.activate_view = get_class("customer.views", "AccountActivateView")
        self.verify_email_send_view = get_class(
            "customer.views", "EmailVerificationSendView"
        )
        self.verify_email_view = get_class("customer.views", "EmailVerifyView")
        from shop import signin

        signin.connect_signals()

    def get_urls(self):
        left_out = LEFT_OUT + ((WISHLISTS,) if feature_hidden("wishlists") else ())
        kept = [
            pattern
            for pattern in super().get_urls()
            if not str(pattern.pattern).lstrip("^").startswith(left_out)
        ]
        # A new account opens from a link sent to its address.
        return [
            *kept,
            path(
                "register/check-your-inbox/",
                self.register_sent_view.as_view(),
                name="register-sent",
            ),
            path(
                "activate/<str:uidb64>/<str:token>/",
                self.activate_view.as_view(),
                name="activate",
            ),
            # Guest orders join the account once its address is proved.
            path(
                "verify-email/",
                login_required(self.verify_email_send_view.as_view()),
                name="verify-email-send",
            ),
            path(
                "verify-email/<str:token>/",
                login_required(self.verify_email_view.as_view()),
                name="verify-email",
            ),
        ]
