from django.contrib import admin

from shop.payments.models import EventCursor, StripePayment


@admin.register(StripePayment)
class StripePaymentAdmin(admin.ModelAdmin):
    list_display = ["order_number", "email", "status", "payment_intent_id", "created"]
    list_filter = ["status"]
    search_fields = ["order_number", "email", "payment_intent_id"]
    raw_id_fields = ["basket", "user", "order"]
    readonly_fields = ["payment_intent_id", "created", "updated"]


@admin.register(EventCursor)
class EventCursorAdmin(admin.ModelAdmin):
    list_display = ["name", "last_event_id", "last_created", "updated"]
