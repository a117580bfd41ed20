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

    Refunds made by `refunds.order_refund` are already recorded under their
    Stripe id and are skipped. Each new one passes through the order's
    EventHandler: a full refund covers every line not refunded yet (their
    files are switched off); a partial one cannot say which lines it was
    for, so it names none and the order waits as "Partly refunded in Stripe"
    for staff to choose on the dashboard's order page which downloads it ends.
    """
    refunds = _charge_refunds(charge)
    with transaction.atomic():
        payment = (
            StripePayment.objects.select_for_update()
            .filter(payment_intent_id=charge.get("payment_intent"))
            .first()
        )
        if payment is None or payment.order is None:
            return
        order = payment.order
        known = set(order.payment_events.values_list("reference", flat=True))
        new_refunds = [refund for refund in refunds if refund["id"] not in known]
        fully_refunded = charge.get("amount_refunded", 0) >= charge.get("amount", 0)
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


def _charge_refunds(charge) -> list:
    """The charge's refunds. Stripe's API versions from 2022-11-15 on leave
    them out of the event's charge (and older ones list only the first ten),
    so they are then read from Stripe."""
    listed = charge.get("refunds")
    if listed is not None and not listed.get("has_more"):
        return listed.get("data", [])
    refunds = stripe_api.client().v1.refunds.list(
        params={"charge": charge["id"], "limit": 100}
    )
    return [refund.to_dict() for refund in refunds.auto_paging_iter()]
