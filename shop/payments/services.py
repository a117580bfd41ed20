"""Taking a card payment for a basket and fulfilling the order it pays for.

Stripe is the only source of truth about money: an order is placed (as paid)
by `payment_fulfil` alone, and only for a PaymentIntent that Stripe reports as
succeeded for exactly the basket's total. The webhook, the thank-you page and
the reconciliation task all call it; it is safe to call any number of times,
at the same time.
"""

import logging
from decimal import Decimal

import stripe
from django.contrib.auth.models import AnonymousUser
from django.db import transaction
from django.db.models import Sum
from oscar.core.loading import get_class, get_model
from oscar.templatetags.currency_filters import currency

from shop.downloads.services import download_links_create, download_links_revoke
from shop.payments import stripe_api
from shop.payments.models import OrderStatus, StripePayment

logger = logging.getLogger(__name__)

Applicator = get_class("offer.applicator", "Applicator")
NoShippingRequired = get_class("shipping.methods", "NoShippingRequired")
OrderCreator = get_class("order.utils", "OrderCreator")
OrderNumberGenerator = get_class("order.utils", "OrderNumberGenerator")
OrderTotalCalculator = get_class("checkout.calculators", "OrderTotalCalculator")
Selector = get_class("partner.strategy", "Selector")
Source = get_model("payment", "Source")
SourceType = get_model("payment", "SourceType")
PaymentEventType = get_model("order", "PaymentEventType")
OrderNote = get_model("order", "OrderNote")

# A PaymentIntent in one of these states has the buyer's money, or is about
# to: confirming it again would charge twice.
PAID_OR_PAYING = {"succeeded", "processing", "requires_capture"}


class PaymentDeclined(Exception):
    """The card was refused; the message is meant for the buyer."""


class NotForSale(Exception):
    """A line of the basket cannot be bought now (a printable whose file was
    removed); the message, meant for the buyer, says which and why."""


def basket_lines_not_for_sale(*, basket, user=None) -> list[str]:
    """Why each line of the basket that cannot be bought now cannot, as the
    shop's strategy says (shop/apps/partner/strategy.py): nothing is paid for
    that cannot be delivered, whichever route the payment comes by."""
    basket.strategy = Selector().strategy(user=user or AnonymousUser())
    reasons = []
    for line in basket.all_lines():
        info = basket.strategy.fetch_for_product(line.product, line.stockrecord)
        permitted, reason = info.availability.is_purchase_permitted(line.quantity)
        if not permitted:
            reasons.append(f"{line.product.get_title()}: {reason}")
    return reasons


def basket_total(*, basket, user=None):
    """What the basket costs after offers and vouchers, as an order would."""
    # Oscar applies voucher offers only for a user object, signed in or not.
    user = user or AnonymousUser()
    basket.strategy = Selector().strategy(user=user)
    Applicator().apply(basket, user=user)
    shipping_charge = NoShippingRequired().calculate(basket)
    return OrderTotalCalculator().calculate(basket, shipping_charge)


def payment_for_basket(*, basket, email, user=None) -> StripePayment:
    """The basket's one payment record, with the buyer's current address."""
    payment, created = StripePayment.objects.get_or_create(
        basket=basket,
        defaults={
            "email": email,
            "user": user,
            "order_number": OrderNumberGenerator().order_number(basket),
        },
    )
    if not created and (payment.email, payment.user) != (email, user):
        payment.email, payment.user = email, user
        payment.full_clean()
        payment.save(update_fields=["email", "user", "updated"])
    return payment


def payment_confirm(*, payment, payment_method_id, total):
    """Charge `total` to the card `payment_method_id` for this basket.

    Returns the PaymentIntent: `succeeded`, or `requires_action` when the bank
    asks for 3-D Secure. Raises PaymentDeclined when the card is refused.
    """
    api = stripe_api.client().v1.payment_intents
    amount = stripe_api.to_cents(total.incl_tax)
    with transaction.atomic():
        # Held until the card is confirmed: a second click or tab waits here,
        # then finds the PaymentIntent paid and does not confirm it again.
        payment = StripePayment.objects.select_for_update().get(pk=payment.pk)
        intent = None
        if payment.status == StripePayment.Status.REFUNDED:
            # The last payment went back to the card: this is a new one.
            payment.status = StripePayment.Status.PENDING
            payment.payment_intent_id = None
        if payment.payment_intent_id:
            intent = api.retrieve(payment.payment_intent_id)
            if intent.status in PAID_OR_PAYING:
                return intent
            if intent.status != "requires_confirmation":
                intent = _retire_intent(api, intent)
                if intent is not None:
                    return intent
        not_for_sale = basket_lines_not_for_sale(
            basket=payment.basket, user=payment.user
        )
        if not_for_sale:
            raise NotForSale(" ".join(not_for_sale))
        # Frozen while the card is charged, so the total cannot change under
        # it; the caller thaws it when the card is declined, and the payment
        # page only after Stripe has cancelled a payment still in progress.
        payment.basket.freeze()
        _record_what_is_paid_for(payment=payment, total=total)
        if intent is not None:
            api.update(
                intent.id,
                params={"amount": amount, "payment_method": payment_method_id},
            )
        else:
            intent = api.create(
                params={
                    "amount": amount,
                    "currency": total.currency.lower(),
                    "payment_method": payment_method_id,
                    "metadata": {
                        "order_number": payment.order_number,
                        "basket_id": str(payment.basket_id),
                    },
                }
            )
            payment.payment_intent_id = intent.id
        payment.full_clean()
        payment.save(
            update_fields=[
                "payment_intent_id",
                "status",
                "amount",
                "currency",
                "lines",
                "updated",
            ]
        )
        try:
            return api.confirm(intent.id)
        except stripe.CardError as error:
            declined = error.user_message or "Your card was declined."
    logger.info("card declined", extra={"order_number": payment.order_number})
    raise PaymentDeclined(declined)


def _record_what_is_paid_for(*, payment, total):
    payment.amount = stripe_api.to_cents(total.incl_tax)
    payment.currency = total.currency.lower()
    payment.lines = _basket_lines(payment.basket)


def _basket_lines(basket) -> list[dict]:
    return [
        {
            "product": line.product_id,
            "title": line.product.get_title(),
            "quantity": line.quantity,
        }
        for line in basket.all_lines()
    ]


def payment_release(*, payment):
    """Cancel the basket's payment in progress so that the basket may change.

    Returns the PaymentIntent instead when it is paid (or being paid): then
    nothing may change and the order is placed. Raises stripe.StripeError
    when Stripe cannot be asked; the basket then stays as it is.
    """
    api = stripe_api.client().v1.payment_intents
    intent = api.retrieve(payment.payment_intent_id)
    if intent.status in PAID_OR_PAYING:
        return intent
    return _retire_intent(api, intent)


def _retire_intent(api, intent):
    """Cancel a PaymentIntent a new card cannot go on with; None once it is.

    After a declined card or failed 3-D Secure, the next card gets a new
    PaymentIntent (localstripe, like some banks' flows, refuses to confirm
    the old one again). Cancelling the old one first means it can never be
    charged as well, even from a 3-D Secure window left open in another tab.
    Returns the intent instead if it was paid in the meantime.
    """
    if intent.status == "canceled":
        return None
    try:
        api.cancel(intent.id)
    except stripe.InvalidRequestError:
        intent = api.retrieve(intent.id)
        if intent.status in PAID_OR_PAYING:
            return intent
        if intent.status != "canceled":
            raise
    logger.info("PaymentIntent replaced", extra={"payment_intent": intent.id})
    return None


def payment_intent_retrieve(*, payment):
    return stripe_api.client().v1.payment_intents.retrieve(payment.payment_intent_id)


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
    return recorded == (*paid[:2], _basket_lines(basket))


def _refund_unplaceable(*, payment, payment_intent):
    """Give the whole payment back and tell the buyer; staff see the payment
    as refunded in the admin's list of payments. Raises stripe.StripeError
    when Stripe cannot be asked: the next fulfilment try refunds then."""
    from shop.payments import notifications

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
    payment.save(update_fields=["order", "status", "updated"])
    from shop.payments import notifications

    # Written to the outbox with the order: paid means the receipt is owed.
    notifications.send_order_confirmation(order_id=order.pk)
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
    settled, __ = PaymentEventType.objects.get_or_create(
        code="settled", defaults={"name": "Settled"}
    )
    order.payment_events.create(
        event_type=settled,
        amount=order.total_incl_tax,
        reference=stripe_api.charge_of(payment_intent) or payment_intent["id"],
    )


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
    from shop.payments.models import EventCursor

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


class RefundRefused(Exception):
    """A refund that would return more than was paid, or for nothing paid."""


REFUNDED = "Refunded"


def order_refund(*, order, lines=None):
    """Refund whole order lines through Stripe and switch off their files.

    `lines` defaults to every line not refunded yet. Stripe's answer is the
    proof: the refund is recorded and the links revoked only once Stripe has
    accepted it. Returns the Stripe Refund.
    """
    with transaction.atomic():
        payment = StripePayment.objects.select_for_update().get(order=order)
        refunded_lines = _refunded_line_ids(order)
        if lines is None:
            lines = [
                line for line in order.lines.all() if line.pk not in refunded_lines
            ]
        lines = [line for line in lines if line.pk not in refunded_lines]
        amount = sum((line.line_price_incl_tax for line in lines), start=0)
        if not lines or amount <= 0:
            raise RefundRefused("Nothing left to refund on these lines.")
        if amount > _refundable(order):
            raise RefundRefused("That is more than is left to refund on the order.")
        refund = stripe_api.client().v1.refunds.create(
            params={
                "payment_intent": payment.payment_intent_id,
                "amount": stripe_api.to_cents(amount),
            }
        )
        _record_refund(order=order, lines=lines, amount=amount, reference=refund.id)
    logger.info("order refunded", extra={"order_number": order.number})
    return refund


def charge_refunded(*, charge) -> None:
    """A refund made in Stripe's own dashboard (the `charge.refunded` event).

    Refunds made by `order_refund` are already recorded under their Stripe
    id and are skipped. A full refund revokes every file. A partial one cannot
    say which line it was for: it is recorded, noted on the order and the
    order is marked PARTLY_REFUNDED_IN_STRIPE, so that staff choose on the
    dashboard's order page which lines' downloads it ends.
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
        for refund in new_refunds:
            amount = Decimal(refund["amount"]) / 100
            lines = order.lines.all() if fully_refunded else []
            _record_refund(
                order=order, lines=lines, amount=amount, reference=refund["id"]
            )
        if fully_refunded:
            _revoke(order=order, lines=order.lines.all())
        elif new_refunds:
            _flag_partial_refund(order=order, refunds=new_refunds)


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


def _flag_partial_refund(*, order, refunds):
    amount = sum((Decimal(refund["amount"]) / 100 for refund in refunds), start=0)
    order.notes.create(
        note_type=OrderNote.WARNING,
        message=(
            f"Partly refunded in Stripe's dashboard: {_money(amount, order)} "
            f"({', '.join(refund['id'] for refund in refunds)}). Nothing was "
            "switched off: choose on this page which lines' downloads to "
            "switch off."
        ),
    )
    if order.status != OrderStatus.REFUNDED:
        _set_status(order=order, status=OrderStatus.PARTLY_REFUNDED_IN_STRIPE)
    logger.warning(
        "partial refund made in Stripe: choose its lines in the dashboard",
        extra={"order_number": order.number},
    )


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
        event_type__name=REFUNDED, line_quantities__isnull=True
    ).aggregate(total=Sum("amount"))["total"]
    return total or Decimal(0)


def order_line_downloads_switch_off(*, order, line, user) -> int:
    """Switch off one line's downloads after a partial refund made in Stripe,
    without refunding anything again. Returns how many links were switched
    off; refused for an order with no such refund or a line already off."""
    with transaction.atomic():
        StripePayment.objects.select_for_update().filter(order=order).first()
        if not _refunded_without_lines(order):
            raise RefundRefused(
                "This order has no partial refund made in Stripe: refund the "
                "line instead, which also switches off its downloads."
            )
        switched_off = download_links_revoke(lines=[line])
        if not switched_off:
            raise RefundRefused(
                f"The downloads of “{line.title}” are already switched off."
            )
        order.notes.create(
            user=user,
            note_type=OrderNote.INFO,
            message=(
                f"Downloads of “{line.title}” switched off by {_staff_name(user)} "
                "for the partial refund made in Stripe; nothing was refunded again."
            ),
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
        _set_status(order=order, status=OrderStatus.PARTLY_REFUNDED)
        order.notes.create(
            user=user,
            note_type=OrderNote.INFO,
            message=(
                f"{_staff_name(user)} marked the partial refund made in Stripe "
                "as handled; the downloads still on stay on."
            ),
        )


def _staff_name(user) -> str:
    return user.get_full_name() or user.email or user.get_username()


def _money(amount, order) -> str:
    return currency(amount, order.currency)


def _set_status(*, order, status):
    """Set the status and keep Oscar's status history, which the dashboard's
    order page lists (Order.set_status needs a status pipeline we do not use).
    """
    if order.status == status:
        return
    order.status_changes.create(old_status=order.status, new_status=status)
    order.status = status
    order.save(update_fields=["status"])


def _refunded_line_ids(order) -> set[int]:
    return set(
        order.payment_events.filter(event_type__name=REFUNDED).values_list(
            "line_quantities__line_id", flat=True
        )
    ) - {None}


def _refundable(order):
    refunded = sum(
        (e.amount for e in order.payment_events.filter(event_type__name=REFUNDED)),
        start=0,
    )
    return order.total_incl_tax - refunded


def _record_refund(*, order, lines, amount, reference):
    refunded_type, __ = PaymentEventType.objects.get_or_create(
        code="refunded", defaults={"name": REFUNDED}
    )
    event = order.payment_events.create(
        event_type=refunded_type, amount=amount, reference=reference
    )
    for line in lines:
        event.line_quantities.create(line=line, quantity=line.quantity)
    source = order.sources.filter(source_type__code="stripe").first()
    if source is not None:
        source.refund(amount, reference=reference)
    _revoke(order=order, lines=lines)


def _revoke(*, order, lines):
    download_links_revoke(lines=lines)
    if not set(order.lines.values_list("pk", flat=True)) - _refunded_line_ids(order):
        _set_status(order=order, status=OrderStatus.REFUNDED)
