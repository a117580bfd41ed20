from django.apps import AppConfig
from django.core import checks


class PaymentsConfig(AppConfig):
    name = "shop.payments"
    label = "payments"
    verbose_name = "Card payments (Stripe)"

    def ready(self):
        from shop.payments.checks import stripe_is_real

        checks.register(stripe_is_real, checks.Tags.security, deploy=True)
