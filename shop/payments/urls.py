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
]
