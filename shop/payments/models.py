from django.conf import settings
from django.db import models

# Stripe's codes for card brands (PaymentMethod.card.brand), as people write them.
CARD_BRANDS = {
    "amex": "American Express",
    "cartes_bancaires": "Cartes Bancaires",
    "diners": "Diners Club",
    "discover": "Discover",
    "eftpos_au": "eftpos",
    "interac": "Interac",
    "jcb": "JCB",
    "link": "Link",
    "mastercard": "Mastercard",
    "unionpay": "UnionPay",
    "visa": "Visa",
}


class StripePayment(models.Model):
    """The one PaymentIntent a basket is paid with, and what came of it.

    One row per basket (a unique key) and the row is locked while a card is
    confirmed, so a double click or a second tab cannot pay twice.
    """

    class Status(models.TextChoices):
        PENDING = "pending", "Waiting for payment"
        PAID = "paid", "Paid and fulfilled"
        MISMATCH = "mismatch", "Paid amount differs from the basket: check by hand"
        # Paid, but no order could be placed for what was paid (the prices
        # or the offers changed while the bank asked for 3-D Secure): the
        # whole payment went back to the card and the buyer was told.
        REFUNDED = "refunded", "Could not be placed: refunded in full"

    basket = models.OneToOneField(
        "basket.Basket", on_delete=models.PROTECT, related_name="stripe_payment"
    )
    payment_intent_id = models.CharField(
        max_length=255, unique=True, null=True, blank=True
    )
    email = models.EmailField()
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True
    )
    order_number = models.CharField(max_length=128, unique=True)
    order = models.OneToOneField(
        "order.Order",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="stripe_payment",
    )
    status = models.CharField(
        max_length=20, choices=Status.choices, default=Status.PENDING
    )
    # What the current PaymentIntent pays for, recorded when the card is
    # charged: the total in cents, its currency and the basket's lines.
    amount = models.PositiveIntegerField(null=True, blank=True)
    currency = models.CharField(max_length=3, blank=True)
    lines = models.JSONField(default=list, blank=True)
    # The card that paid, as Stripe reports it once the payment succeeded
    # (the brand's code, "visa", and the last four digits), for the receipt.
    card_brand = models.CharField(max_length=30, blank=True)
    card_last4 = models.CharField(max_length=4, blank=True)
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created"]

    def __str__(self):
        return f"Order {self.order_number} ({self.get_status_display()})"

    @property
    def card_description(self) -> str:
        """The card as a receipt names it: "Visa ending in 4242"."""
        brand = self.card_brand.replace("_", " ").title()
        brand = CARD_BRANDS.get(self.card_brand, brand) or "Card"
        if not self.card_last4:
            return brand
        return f"{brand} ending in {self.card_last4}"


class EventCursor(models.Model):
    """The last Stripe event the reconciliation task has read."""

    name = models.CharField(max_length=50, unique=True)
    last_event_id = models.CharField(max_length=255, blank=True)
    last_created = models.PositiveBigIntegerField(default=0)
    updated = models.DateTimeField(auto_now=True)

    def __str__(self):
        return f"{self.name}: {self.last_event_id or 'nothing read yet'}"


class BlockedCardAttempt(models.Model):
    """A card payment the card-testing guard refused, for staff to see."""

    class Reason(models.TextChoices):
        BASKET = "basket", "Too many tries for one basket"
        ADDRESS = "address", "Too many tries from one address"
        SHOP = "shop", "Too many declined cards across the shop"

    reason = models.CharField(max_length=10, choices=Reason.choices)
    # A keyed hash: enough to see one address's attempts, useless to anyone else.
    ip_hash = models.CharField(max_length=64, blank=True)
    basket_id = models.PositiveIntegerField(null=True, blank=True)
    created = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-created"]

    def __str__(self):
        return f"{self.get_reason_display()} ({self.created:%Y-%m-%d %H:%M})"
