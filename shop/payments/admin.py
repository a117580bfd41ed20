from decimal import Decimal

from django.contrib import admin
from oscar.templatetags.currency_filters import currency

from shop.payments.models import BlockedCardAttempt, EventCursor, StripePayment


@admin.register(StripePayment)
class StripePaymentAdmin(admin.ModelAdmin):
    list_display = [
        "order_number",
        "email",
        "status",
        "paid",
        "payment_intent_id",
        "created",
    ]
    list_filter = ["status"]
    search_fields = ["order_number", "email", "payment_intent_id"]
    raw_id_fields = ["basket", "user", "order"]
    readonly_fields = [
        "payment_intent_id",
        "amount",
        "currency",
        "lines",
        "created",
        "updated",
    ]

    @admin.display(description="Amount")
    def paid(self, payment):
        if payment.amount is None:
            return "–"
        return currency(Decimal(payment.amount) / 100, payment.currency.upper())


@admin.register(EventCursor)
class EventCursorAdmin(admin.ModelAdmin):
    list_display = ["name", "last_event_id", "last_created", "updated"]


@admin.register(BlockedCardAttempt)
class BlockedCardAttemptAdmin(admin.ModelAdmin):
    """Card payments the card-testing guard refused: many from one address or
    basket look like someone testing stolen cards."""

    list_display = ["created", "reason", "ip_hash", "basket_id"]
    list_filter = ["reason"]
    date_hierarchy = "created"
    readonly_fields = ["created", "reason", "ip_hash", "basket_id"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
