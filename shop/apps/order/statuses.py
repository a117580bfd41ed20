"""The statuses an order goes through (OSCAR_ORDER_STATUS_PIPELINE in settings)."""

from django.db import models


class OrderStatus(models.TextChoices):
    """The statuses this shop gives an Oscar order (Order.status)."""

    PAID = "Paid", "Paid"
    # A refund made in Stripe's own dashboard for part of the order: staff
    # choose which lines' downloads it ends (the dashboard's order page).
    PARTLY_REFUNDED_IN_STRIPE = (
        "Partly refunded in Stripe",
        "Partly refunded in Stripe",
    )
    # The same, once staff have chosen.
    PARTLY_REFUNDED = "Partly refunded", "Partly refunded"
    REFUNDED = "Refunded", "Refunded"
