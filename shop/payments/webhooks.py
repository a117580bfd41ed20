"""Stripe's webhook: signed events that tell us what happened to a payment."""

import logging

import stripe
from django.conf import settings
from django.db import transaction
from django.http import HttpResponse, HttpResponseBadRequest
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from shop.payments import services

logger = logging.getLogger(__name__)


@csrf_exempt
@require_POST
@transaction.non_atomic_requests
def stripe_webhook(request):
    """400 for anything not signed by Stripe within the tolerance; 200 for
    every genuine event, handled or not, so Stripe stops resending it."""
    try:
        event = stripe.Webhook.construct_event(
            request.body,
            request.headers.get("Stripe-Signature"),
            settings.STRIPE_WEBHOOK_SECRET,
            tolerance=settings.STRIPE_WEBHOOK_TOLERANCE,
        )
    except (ValueError, stripe.SignatureVerificationError) as error:
        logger.warning("webhook refused", extra={"reason": str(error)})
        return HttpResponseBadRequest("Invalid Stripe signature.")
    services.event_handle(event=event)
    return HttpResponse(status=200)
