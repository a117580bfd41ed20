"""The order's life after payment: every refund, ours or Stripe's, passes here.

Oscar's order EventHandler, forked. A refund is a payment event of the type
coded "refunded" (found by its code, never by the name staff may edit), with
the lines it pays back; handling it records it on the payment source,
switches off those lines' download links, moves the order along
OSCAR_ORDER_STATUS_PIPELINE, notes it on the order and owes the buyer one
refund e-mail.
"""

from decimal import Decimal

from django.db.models import Sum
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from oscar.apps.order import exceptions, processing
from oscar.core.loading import get_model
from oscar.templatetags.currency_filters import currency

from shop.apps.order.emails import send_order_refunded
from shop.apps.order.statuses import OrderStatus
from shop.downloads.services import download_links_live, download_links_revoke

PaymentEventType = get_model("order", "PaymentEventType")
OrderNote = get_model("order", "OrderNote")

SETTLED = "settled"
REFUNDED = "refunded"
# The line status of a line paid back (OSCAR_LINE_STATUS_PIPELINE).
REFUNDED_LINE = "Refunded"


def payment_event_type(code: str):
    """The payment event type with this code; its name is only a label."""
    event_type, __ = PaymentEventType.objects.get_or_create(
        code=code, defaults={"name": code.capitalize()}
    )
    return event_type


def refunded_amount(order) -> Decimal:
    total = order.payment_events.filter(event_type__code=REFUNDED).aggregate(
        total=Sum("amount")
    )["total"]
    return total or Decimal(0)


def refunded_line_ids(order) -> set[int]:
    return set(
        order.payment_events.filter(event_type__code=REFUNDED).values_list(
            "line_quantities__line_id", flat=True
        )
    ) - {None}


def refundable_amount(order) -> Decimal:
    return order.total_incl_tax - refunded_amount(order)


class EventHandler(processing.EventHandler):
    def validate_payment_event(
        self, order, event_type, amount, lines=None, line_quantities=None, **kwargs
    ):
        super().validate_payment_event(
            order, event_type, amount, lines, line_quantities, **kwargs
        )
        if event_type.code != REFUNDED:
            return
        if amount <= 0:
            raise exceptions.InvalidPaymentEvent(_("Nothing to refund."))
        if amount > refundable_amount(order):
            raise exceptions.InvalidPaymentEvent(
                _("That is more than is left to refund on the order.")
            )

    def handle_payment_event(
        self, order, event_type, amount, lines=None, line_quantities=None, **kwargs
    ):
        lines = list(lines or [])
        if lines and line_quantities is None:
            line_quantities = [line.quantity for line in lines]
        event = super().handle_payment_event(
            order, event_type, amount, lines, line_quantities, **kwargs
        )
        if event_type.code == REFUNDED:
            self._refunded(order=order, event=event, lines=lines)
        return event

    def _refunded(self, *, order, event, lines):
        source = order.sources.filter(source_type__code="stripe").first()
        if source is not None:
            source.refund(event.amount, reference=event.reference)
        switched_off = list(download_links_live(lines=lines))
        download_links_revoke(lines=lines)
        for line in lines:
            if REFUNDED_LINE in line.available_statuses():
                line.set_status(REFUNDED_LINE)
        new_status = self._status_after_refund(order=order, named_lines=bool(lines))
        if new_status != order.status:
            self.handle_order_status_change(order, new_status)
        self.create_note(
            order,
            self._refund_note(
                order=order, event=event, lines=lines, links=switched_off
            ),
            note_type=OrderNote.INFO if lines else OrderNote.WARNING,
        )
        send_order_refunded(
            order=order, amount=event.amount, lines=lines, links=switched_off
        )

    def _status_after_refund(self, *, order, named_lines) -> str:
        every_line = set(order.lines.values_list("pk", flat=True))
        if every_line <= refunded_line_ids(order) or refundable_amount(order) <= 0:
            return OrderStatus.REFUNDED
        if not named_lines:
            return OrderStatus.PARTLY_REFUNDED_IN_STRIPE
        if order.status == OrderStatus.PARTLY_REFUNDED_IN_STRIPE:
            # Still waiting for staff to choose what Stripe's refund covered.
            return order.status
        return OrderStatus.PARTLY_REFUNDED

    def _refund_note(self, *, order, event, lines, links) -> str:
        amount = currency(event.amount, order.currency)
        if not lines:
            return (
                f"Partly refunded in Stripe's dashboard: {amount} ({event.reference})."
                " Nothing was switched off: choose on this page which lines'"
                " downloads to switch off."
            )
        titles = ", ".join(line.title for line in lines)
        switched_off = ngettext(
            "%(count)d download link switched off.",
            "%(count)d download links switched off.",
            len(links),
        ) % {"count": len(links)}
        return f"Refunded {amount} ({event.reference}) for {titles}; {switched_off}"
