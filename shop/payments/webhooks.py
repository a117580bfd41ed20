"""Stripe's webhook: signed events that tell us what happened to a payment."""

import logging

import stripe
from django.conf import settings
from django.db import transaction
from django.http import HttpResponse, HttpResponseBadRequest
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from shop.payments.services import stripe_events

logger = logging.getLogger(__name__)


@csrf_exempt
@require_POST
@transaction.non_atomic_requests
def stripe_webhook(request):
    """400 for anything not signed by Stripe within the tolerance; 200 for
    every genuine event, handled or not, so Stripe stops resending it; 503
    when Stripe itself cannot be asked, so that it sends the event again."""
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
    try:
        stripe_events.event_handle(event=event)
    except stripe.StripeError:
        # Stripe could not be asked what the event says: it resends the
        # event later, and reconciliation reads it too.
        logger.exception("webhook not handled: Stripe unreachable")
        return HttpResponse("Stripe unreachable; send again.", status=503)
    return HttpResponse(status=200)
