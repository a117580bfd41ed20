from django.urls import path

from shop.payments import staff_views, webhooks

app_name = "payments"
urlpatterns = [
    path("stripe/webhook/", webhooks.stripe_webhook, name="stripe-webhook"),
    path(
        "staff/orders/<str:number>/refund/",
        staff_views.refund,
        name="staff-refund",
    ),
    path(
        "staff/orders/<str:number>/lines/<int:line_id>/switch-off/",
        staff_views.switch_off_line,
        name="staff-switch-off-line",
    ),
    path(
        "staff/orders/<str:number>/partial-refund-handled/",
        staff_views.partial_refund_handled,
        name="staff-partial-refund-handled",
    ),
]
