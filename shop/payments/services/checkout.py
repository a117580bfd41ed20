"""Checkout: taking a card payment for a basket, at the basket's one total.

Stripe is the only source of truth about money: an order is placed (as paid)
by `fulfilment.payment_fulfil` alone, and only for a PaymentIntent that Stripe
reports as succeeded for exactly the basket's total.
"""

import logging

import stripe
from django.contrib.auth.models import AnonymousUser
from django.db import transaction
from oscar.core.loading import get_class

from shop.payments import stripe_api
from shop.payments.models import StripePayment

logger = logging.getLogger(__name__)

Applicator = get_class("offer.applicator", "Applicator")
NoShippingRequired = get_class("shipping.methods", "NoShippingRequired")
OrderNumberGenerator = get_class("order.utils", "OrderNumberGenerator")
OrderTotalCalculator = get_class("checkout.calculators", "OrderTotalCalculator")
Selector = get_class("partner.strategy", "Selector")

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
    payment.lines = basket_lines(payment.basket)


def basket_lines(basket) -> list[dict]:
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
    """The PaymentIntent with its payment method, whose card the receipt names."""
    return stripe_api.client().v1.payment_intents.retrieve(
        payment.payment_intent_id, params={"expand": ["payment_method"]}
    )
