"""System checks for taking payments in production."""

from django.conf import settings
from django.core import checks


def stripe_is_real(app_configs, **kwargs):
    """`check --deploy`: a shop on the local Stripe stand-in takes no money,
    and anyone who reads the README can sign its webhooks."""
    if not settings.STRIPE_LOCAL:
        return []
    return [
        checks.Warning(
            "Payments go to the local Stripe stand-in, whose webhook secret is "
            "public: no real money is taken and anyone can sign its events.",
            hint=(
                "Set STRIPE_SECRET_KEY, STRIPE_PUBLISHABLE_KEY and "
                "STRIPE_WEBHOOK_SECRET, and unset STRIPE_LOCAL_NOT_FOR_PRODUCTION."
            ),
            id="payments.W001",
        )
    ]
