"""Fulfilment: placing the paid order for a succeeded payment, exactly once.

The webhook, the thank-you page and the reconciliation task all call
`payment_fulfil`; it is safe to call any number of times, at the same time.
"""

import logging
from decimal import Decimal

from django.contrib.auth.models import AnonymousUser
from django.db import transaction
from oscar.core.loading import get_class, get_model

from shop.apps.order import emails as order_emails
from shop.apps.order.processing import SETTLED, payment_event_type
from shop.apps.order.statuses import OrderStatus
from shop.downloads.services import download_links_create
from shop.payments import notifications, stripe_api
from shop.payments.models import StripePayment
from shop.payments.services.checkout import (
    basket_lines,
    basket_lines_not_for_sale,
    basket_total,
    payment_intent_retrieve,
)

logger = logging.getLogger(__name__)

NoShippingRequired = get_class("shipping.methods", "NoShippingRequired")
OrderCreator = get_class("order.utils", "OrderCreator")
Source = get_model("payment", "Source")
SourceType = get_model("payment", "SourceType")


def payment_fulfil(*, payment_intent_id):
    """Place the paid order for a succeeded PaymentIntent, exactly once.

    Whatever told us of the payment (the payment page, the thank-you page, a
    webhook, reconciliation), only Stripe's own record of it counts: the
    PaymentIntent is read from Stripe here, and its status, amount, currency
    and metadata must all match this basket. Returns the order, or None when
    there is nothing (yet) to fulfil: an unknown or unpaid PaymentIntent, or
    one that is not for the basket's total (flagged for staff instead).
    Raises stripe.StripeError when Stripe cannot be asked.
    """
    with transaction.atomic():
        payment = (
            StripePayment.objects.select_for_update()
            .filter(payment_intent_id=payment_intent_id)
            .first()
        )
        if payment is None:
            logger.warning(
                "unknown PaymentIntent", extra={"payment_intent": payment_intent_id}
            )
            return None
        if payment.order_id:
            return payment.order
        if payment.status == StripePayment.Status.REFUNDED:
            return None
        payment_intent = payment_intent_retrieve(payment=payment)
        if payment_intent["status"] != "succeeded":
            return None

        basket = payment.basket
        total = basket_total(basket=basket, user=payment.user)
        metadata = payment_intent.to_dict().get("metadata") or {}
        paid = (
            payment_intent["amount"],
            payment_intent["currency"],
            metadata.get("order_number"),
            metadata.get("basket_id"),
        )
        due = (
            stripe_api.to_cents(total.incl_tax),
            total.currency.lower(),
            payment.order_number,
            str(payment.basket_id),
        )
        if paid[2:] != due[2:]:
            # Not this basket's payment at all: nothing of ours to place or
            # to give back.
            payment.status = StripePayment.Status.MISMATCH
            payment.full_clean()
            payment.save(update_fields=["status", "updated"])
            logger.error(
                "PaymentIntent made for another basket",
                extra={"order_number": payment.order_number, "paid": paid, "due": due},
            )
            return None
        if not _placeable(payment=payment, basket=basket, paid=paid, due=due):
            _refund_unplaceable(payment=payment, payment_intent=payment_intent)
            logger.error(
                "paid, but no order can be placed for what was paid: refunded",
                extra={"order_number": payment.order_number, "paid": paid, "due": due},
            )
            return None

        payment.card_brand, payment.card_last4 = stripe_api.card_of(payment_intent)
        order = _fulfil(payment=payment, basket=basket, total=total)
        _record_payment(order=order, payment_intent=payment_intent)
    return order


def _placeable(*, payment, basket, paid, due) -> bool:
    """Whether the basket, as it is now, is what this payment paid for: the
    same total and currency, and the same lines as when the card was charged
    (payments recorded before lines were kept are checked by total alone)."""
    if paid[:2] != due[:2]:
        return False
    if payment.amount is None:
        return True
    recorded = (payment.amount, payment.currency, payment.lines)
    return recorded == (*paid[:2], basket_lines(basket))


def _refund_unplaceable(*, payment, payment_intent):
    """Give the whole payment back and tell the buyer; staff see the payment
    as refunded in the admin's list of payments. Raises stripe.StripeError
    when Stripe cannot be asked: the next fulfilment try refunds then."""
    stripe_api.client().v1.refunds.create(
        params={"payment_intent": payment_intent["id"]}
    )
    payment.status = StripePayment.Status.REFUNDED
    payment.full_clean()
    payment.save(update_fields=["status", "updated"])
    if payment.basket.status == payment.basket.FROZEN:
        payment.basket.thaw()  # the buyer's again, to pay for afresh
    notifications.send_payment_refunded(
        payment=payment, amount=Decimal(payment_intent["amount"]) / 100
    )


def free_order_place(*, payment):
    """Place an order that offers or vouchers made free: no card, no Stripe.

    Returns None when the basket is not (or no longer) free, or holds
    something that cannot be bought now.
    """
    with transaction.atomic():
        payment = StripePayment.objects.select_for_update().get(pk=payment.pk)
        if payment.order_id:
            return payment.order
        total = basket_total(basket=payment.basket, user=payment.user)
        if total.incl_tax != 0:
            return None
        if basket_lines_not_for_sale(basket=payment.basket, user=payment.user):
            return None
        return _fulfil(payment=payment, basket=payment.basket, total=total)


def _fulfil(*, payment, basket, total):
    order = _place_order(payment=payment, basket=basket, total=total)
    download_links_create(order=order)
    basket.submit()
    payment.order = order
    payment.status = StripePayment.Status.PAID
    payment.full_clean()
    payment.save(
        update_fields=["order", "status", "card_brand", "card_last4", "updated"]
    )
    # Written to the outbox with the order: paid means the receipt is owed.
    order_emails.send_receipt(order_id=order.pk)
    logger.info("order fulfilled", extra={"order_number": order.number})
    return order


def _place_order(*, payment, basket, total):
    shipping_method = NoShippingRequired()
    return OrderCreator().place_order(
        basket=basket,
        total=total,
        shipping_method=shipping_method,
        shipping_charge=shipping_method.calculate(basket),
        user=payment.user or AnonymousUser(),
        order_number=payment.order_number,
        status=OrderStatus.PAID,
        guest_email="" if payment.user else payment.email,
    )


def _record_payment(*, order, payment_intent):
    source_type, __ = SourceType.objects.get_or_create(
        code="stripe", defaults={"name": "Stripe"}
    )
    Source.objects.create(
        order=order,
        source_type=source_type,
        currency=order.currency,
        amount_allocated=order.total_incl_tax,
        amount_debited=order.total_incl_tax,
        reference=payment_intent["id"],
    )
    order.payment_events.create(
        event_type=payment_event_type(SETTLED),
        amount=order.total_incl_tax,
        reference=stripe_api.charge_of(payment_intent) or payment_intent["id"],
    )
