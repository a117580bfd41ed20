"""Refunds: money back through Stripe, and what staff do after one.

Stripe's answer is the proof: a refund is recorded only once Stripe has
accepted it, and then through the order's EventHandler
(shop/apps/order/processing.py), like a refund made in Stripe's dashboard.
"""

import logging
from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction
from django.db.models import Sum
from oscar.core.loading import get_model

from shop.apps.order.processing import (
    REFUNDED,
    EventHandler,
    payment_event_type,
    refundable_amount,
    refunded_line_ids,
)
from shop.apps.order.statuses import OrderStatus
from shop.downloads.services import download_links_live, download_links_revoke
from shop.payments import stripe_api
from shop.payments.models import StripePayment

logger = logging.getLogger(__name__)

OrderNote = get_model("order", "OrderNote")


class RefundRefused(Exception):
    """A refund or switch-off that cannot be made; the message is for staff."""


@dataclass(frozen=True)
class RefundPlan:
    """What a refund would do: the lines it pays back, how much, and the
    download links it switches off."""

    order: object
    lines: list
    amount: Decimal
    links: list

    @property
    def line_ids(self) -> list[int]:
        return [line.pk for line in self.lines]


def refund_plan(*, order, line_ids=None) -> RefundPlan:
    """The refund of these lines of the order (every line not refunded yet
    when `line_ids` is None). Raises RefundRefused, saying why, for lines
    not on the order, lines already refunded, or nothing left to refund."""
    lines = list(order.lines.order_by("pk"))
    done = refunded_line_ids(order)
    if line_ids is None:
        chosen = [line for line in lines if line.pk not in done]
    else:
        wanted = set(line_ids)
        if not wanted:
            raise RefundRefused("Choose the lines to refund first.")
        if wanted - {line.pk for line in lines}:
            raise RefundRefused("Some of the chosen lines are not on this order.")
        chosen = [line for line in lines if line.pk in wanted]
        again = [line.title for line in chosen if line.pk in done]
        if again:
            raise RefundRefused(f"Already refunded: {', '.join(again)}.")
    if not chosen:
        raise RefundRefused("Nothing is left to refund on this order.")
    amount = sum((line.line_price_incl_tax for line in chosen), start=Decimal(0))
    if amount <= 0:
        raise RefundRefused("Nothing to refund: these lines cost nothing.")
    if amount > refundable_amount(order):
        raise RefundRefused("That is more than is left to refund on the order.")
    return RefundPlan(
        order=order,
        lines=chosen,
        amount=amount,
        links=list(download_links_live(lines=chosen)),
    )


def order_refund(*, order, line_ids=None, user=None):
    """Refund whole order lines through Stripe and switch off their files.

    `line_ids` defaults to every line not refunded yet. Returns the Stripe
    Refund; raises RefundRefused (nothing is refunded) or stripe.StripeError
    (Stripe could not be asked; nothing is recorded).
    """
    with transaction.atomic():
        # Held until the refund is recorded: a double submit waits here,
        # then finds the lines refunded.
        payment = (
            StripePayment.objects.select_for_update()
            .filter(order=order, payment_intent_id__isnull=False)
            .first()
        )
        if payment is None:
            raise RefundRefused("This order was not paid by card: nothing to refund.")
        plan = refund_plan(order=order, line_ids=line_ids)
        refund = stripe_api.client().v1.refunds.create(
            params={
                "payment_intent": payment.payment_intent_id,
                "amount": stripe_api.to_cents(plan.amount),
            }
        )
        EventHandler(user=user).handle_payment_event(
            order,
            payment_event_type(REFUNDED),
            plan.amount,
            plan.lines,
            reference=refund.id,
        )
    logger.info("order refunded", extra={"order_number": order.number})
    return refund


def stripe_partial_refund_to_assign(*, order) -> Decimal | None:
    """How much Stripe's dashboard refunded without naming lines, while the
    order waits for staff to choose the lines it ends; None once they have."""
    if order.status != OrderStatus.PARTLY_REFUNDED_IN_STRIPE:
        return None
    return _refunded_without_lines(order)


def _refunded_without_lines(order) -> Decimal:
    # Our own refunds always name their lines, and so does a full refund
    # made in Stripe: only a partial one made there has none.
    total = order.payment_events.filter(
        event_type__code=REFUNDED, line_quantities__isnull=True
    ).aggregate(total=Sum("amount"))["total"]
    return total or Decimal(0)


def line_downloads_switch_off_plan(*, order, line_id) -> tuple:
    """The line and its working links, for switching them off after a
    partial refund made in Stripe. Raises RefundRefused when not allowed."""
    line = order.lines.filter(pk=line_id).first()
    if line is None:
        raise RefundRefused("That line is not on this order.")
    if not _refunded_without_lines(order):
        raise RefundRefused(
            "This order has no partial refund made in Stripe: refund the "
            "line instead, which also switches off its downloads."
        )
    links = list(download_links_live(lines=[line]))
    if not links:
        raise RefundRefused(
            f"The downloads of “{line.title}” are already switched off."
        )
    return line, links


def order_line_downloads_switch_off(*, order, line_id, user) -> int:
    """Switch off one line's downloads after a partial refund made in Stripe,
    without refunding anything again. Returns how many links were switched
    off; refused for an order with no such refund or a line already off."""
    with transaction.atomic():
        StripePayment.objects.select_for_update().filter(order=order).first()
        line, __ = line_downloads_switch_off_plan(order=order, line_id=line_id)
        switched_off = download_links_revoke(lines=[line])
        EventHandler(user=user).create_note(
            order,
            f"Downloads of “{line.title}” switched off by {_staff_name(user)} "
            "for the partial refund made in Stripe; nothing was refunded again.",
            note_type=OrderNote.INFO,
        )
    logger.info(
        "downloads switched off after a refund in Stripe",
        extra={"order_number": order.number, "line": line.pk},
    )
    return switched_off


def stripe_partial_refund_mark_handled(*, order, user) -> None:
    """Staff have switched off what the refund made in Stripe covered: the
    order leaves the list of those waiting for a choice."""
    with transaction.atomic():
        StripePayment.objects.select_for_update().filter(order=order).first()
        order.refresh_from_db(fields=["status"])
        if order.status != OrderStatus.PARTLY_REFUNDED_IN_STRIPE:
            raise RefundRefused("This order is not waiting for a choice of lines.")
        EventHandler(user=user).handle_order_status_change(
            order,
            OrderStatus.PARTLY_REFUNDED,
            note_msg=(
                f"{_staff_name(user)} marked the partial refund made in Stripe "
                "as handled; the downloads still on stay on."
            ),
        )


def _staff_name(user) -> str:
    return user.get_full_name() or user.email or user.get_username()
