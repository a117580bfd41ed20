from django.conf import settings
from django.db import models
from oscar.apps.customer.models import *  # noqa: F403


class VerifiedEmail(models.Model):
    """An address a customer proved is theirs by following a link sent to
    it: the guest orders placed with it belong in their account."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="verified_emails",
    )
    # Kept in lower case: orders are matched whatever case was typed.
    email = models.EmailField(max_length=254)
    verified_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["user", "email"], name="customer_verifiedemail_unique"
            )
        ]

    def __str__(self):
        return self.email
