"""Stripe events: what the webhook and the reconciliation task act on."""

import logging
from decimal import Decimal

from django.db import transaction
from oscar.apps.order.exceptions import InvalidPaymentEvent

from shop.apps.order.processing import (
    REFUNDED,
    EventHandler,
    payment_event_type,
    refunded_line_ids,
)
from shop.payments import stripe_api
from shop.payments.models import EventCursor, StripePayment
from shop.payments.services.fulfilment import payment_fulfil

logger = logging.getLogger(__name__)


def event_handle(*, event) -> None:
    """Act on one Stripe event (webhook or reconciliation); others are ignored."""
    if event["type"] == "payment_intent.succeeded":
        payment_fulfil(payment_intent_id=event["data"]["object"]["id"])
    elif event["type"] == "charge.refunded":
        charge_refunded(charge=event["data"]["object"].to_dict())


def events_reconcile() -> int:
    """Act on the payment events Stripe has had since the last run.

    localstripe sends each webhook once and a real webhook can be missed: this
    makes such a payment still fulfil its order. Events from the last second
    seen are read again, which the idempotent fulfilment makes harmless and
    which works whether the server lists oldest or newest first. Returns how
    many events were read.
    """
    cursor, __ = EventCursor.objects.get_or_create(name="stripe")
    listing = stripe_api.client().v1.events.list(
        params={
            "type": "payment_intent.succeeded",
            "created": {"gte": cursor.last_created},
            "limit": 100,
        }
    )
    events = sorted(listing.auto_paging_iter(), key=lambda event: event["created"])
    for event in events:
        event_handle(event=event)
    if events:
        cursor.last_event_id = events[-1]["id"]
        cursor.last_created = events[-1]["created"]
        cursor.full_clean()
        cursor.save()
    return len(events)


def charge_refunded(*, charge) -> None:
    """A refund made in Stripe's own dashboard (the `charge.refunded` event).

    The event only says which payment it is about: its refunds and amounts
    are read from Stripe itself, so an event that is stale, replayed out of
    order or made with a leaked secret cannot refund more than Stripe did.

    Refunds made by `refunds.order_refund` are already recorded under their
    Stripe id and are skipped. Each new one passes through the order's
    EventHandler: a full refund covers every line not refunded yet (their
    files are switched off); a partial one cannot say which lines it was
    for, so it names none and the order waits as "Partly refunded in Stripe"
    for staff to choose on the dashboard's order page which downloads it ends.
    """
    payment_intent_id = charge.get("payment_intent")
    if not StripePayment.objects.filter(
        payment_intent_id=payment_intent_id, order__isnull=False
    ).exists():
        return
    refunds, fully_refunded = _refunds_at_stripe(payment_intent_id)
    with transaction.atomic():
        payment = StripePayment.objects.select_for_update().get(
            payment_intent_id=payment_intent_id
        )
        order = payment.order
        known = set(order.payment_events.values_list("reference", flat=True))
        new_refunds = [refund for refund in refunds if refund["id"] not in known]
        handler = EventHandler()
        refunded_type = payment_event_type(REFUNDED)
        for position, refund in enumerate(new_refunds, start=1):
            lines = []
            if fully_refunded and position == len(new_refunds):
                # The last refund of a charge now refunded in full covers
                # whatever was still paid for.
                done = refunded_line_ids(order)
                lines = [line for line in order.lines.all() if line.pk not in done]
            try:
                handler.handle_payment_event(
                    order,
                    refunded_type,
                    Decimal(refund["amount"]) / 100,
                    lines,
                    reference=refund["id"],
                )
            except InvalidPaymentEvent:
                # More than the order has left to refund: the money moved
                # all the same, so staff must look at it.
                logger.exception(
                    "refund made in Stripe does not fit the order",
                    extra={"order_number": order.number, "refund": refund["id"]},
                )


# A refund in these states has left (or is leaving) the shop's balance, as
# Stripe counts it in the charge's `amount_refunded`.
MONEY_RETURNED = ("succeeded", "pending")


def _refunds_at_stripe(payment_intent_id: str) -> tuple[list, bool]:
    """The payment's refunds as Stripe holds them now, oldest first, and
    whether they add up to the whole charge."""
    client = stripe_api.client()
    listing = client.v1.refunds.list(
        params={"payment_intent": payment_intent_id, "limit": 100}
    )
    refunds = sorted(
        (
            refund
            for refund in (each.to_dict() for each in listing.auto_paging_iter())
            if refund.get("status") in MONEY_RETURNED
        ),
        key=lambda refund: (refund["created"], refund["id"]),
    )
    if not refunds:
        return [], False
    stripe_charge = client.v1.charges.retrieve(refunds[0]["charge"])
    return refunds, stripe_charge["amount_refunded"] >= stripe_charge["amount"]
