"""The checkout of a shop that ships nothing: e-mail, card, thank you.

Oscar's own steps stay in place: the shipping address and method steps skip
themselves because no product class requires shipping, so a guest sees an
e-mail page, our payment page and the thank-you page.
"""

import logging

import stripe
from csp.decorators import csp_update
from django.conf import settings
from django.contrib import messages
from django.db.models import prefetch_related_objects
from django.shortcuts import redirect
from django.urls import reverse, reverse_lazy
from oscar.apps.checkout import signals
from oscar.apps.checkout import views as oscar_views
from oscar.core.loading import get_class

from shop.apps.checkout.forms import CardPaymentForm, GuestEmailForm
from shop.apps.order.receipts import receipt_path
from shop.client_ip import client_ip
from shop.payments import guard, stripe_api
from shop.payments.models import StripePayment
from shop.payments.services import checkout, fulfilment

CheckoutSessionData = get_class("checkout.utils", "CheckoutSessionData")

SESSION_PAYMENT_KEY = "checkout_stripe_payment_id"
STRIPE_DOWN = (
    "Card payments are unavailable for a moment; nothing was charged. "
    "Please try again in a few minutes."
)
TOO_MANY_TRIES = (
    "Too many card payments were tried here in the last hour, so we paused "
    "them to protect your card details. Nothing was charged. Please try again "
    "in an hour, or write to us and we will help you finish your order."
)
STILL_CONFIRMING = (
    "Your payment is still being confirmed. Your receipt and download links "
    "will arrive by e-mail as soon as it is."
)
logger = logging.getLogger(__name__)


def still_confirming(request, where):
    """Stripe did not answer about a payment that may have gone through: the
    buyer is told it is still being confirmed and is never offered to pay
    again (the receipt follows once Stripe answers)."""
    logger.exception("Stripe unreachable %s", where)
    messages.info(request, STILL_CONFIRMING)
    return redirect("basket:summary")


class TrustLineMixin:
    """The checkout's pages say how long a refund may be asked for, as the
    refund policy and the receipts do."""

    def get_context_data(self, **kwargs):
        return {
            **super().get_context_data(**kwargs),
            "refund_days": settings.REFUND_DAYS,
        }


class IndexView(TrustLineMixin, oscar_views.IndexView):
    """Asks a guest for an e-mail address only; a signed-in buyer skips it."""

    template_name = "oscar/checkout/gateway.html"
    form_class = GuestEmailForm

    def get_form_kwargs(self):
        kwargs = super(oscar_views.IndexView, self).get_form_kwargs()
        email = self.checkout_session.get_guest_email()
        if email:
            kwargs["initial"] = {"email": email}
        return kwargs

    def form_valid(self, form):
        email = form.cleaned_data["email"]
        self.checkout_session.set_guest_email(email)
        signals.start_checkout.send_robust(
            sender=self, request=self.request, email=email
        )
        return redirect(self.get_success_url())


class PaymentDetailsView(TrustLineMixin, oscar_views.PaymentDetailsView):
    """Our payment page: Stripe's card field, then one confirm on our server."""

    template_name = "oscar/checkout/payment_details.html"

    def dispatch(self, request, *args, **kwargs):
        # A basket frozen for a payment that did not go through (3-D Secure
        # failed, tab closed) becomes the buyer's basket again; one that was
        # paid goes to the thank-you page, which places the order.
        self.checkout_session = CheckoutSessionData(request)
        payment = self._submitted_payment()
        if payment and payment.order_id and request.basket.is_empty:
            return redirect("checkout:thank-you")
        if payment and payment.basket.status == payment.basket.FROZEN:
            if payment.payment_intent_id:
                # A payment still in progress (the bank's 3-D Secure window
                # open in another tab) is cancelled at Stripe before the
                # basket may change, so it can never be paid for the old one.
                try:
                    intent = checkout.payment_release(payment=payment)
                except stripe.StripeError:
                    # The card may have been charged: never offer to pay
                    # again before Stripe says it was not.
                    return still_confirming(request, "for a frozen basket")
                if intent is not None:
                    return redirect("checkout:thank-you")
            self.restore_frozen_basket()
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx.setdefault("form", CardPaymentForm())
        ctx["buyer_email"] = self._buyer_email()
        ctx["is_free"] = ctx["order_total"].incl_tax == 0
        if not ctx.get("action_secret") and not ctx["is_free"]:
            try:
                setup = stripe_api.client().v1.setup_intents.create(
                    params={"payment_method_types": ["card"]}
                )
            except stripe.StripeError:
                logger.exception("Stripe unreachable for the card form")
                ctx["error"] = ctx.get("error") or STRIPE_DOWN
            else:
                ctx["setup_secret"] = setup.client_secret
        ctx["stripe_js_url"] = stripe_api.js_url()
        ctx["stripe_publishable_key"] = self._publishable_key()
        return ctx

    def render_to_response(self, context, **response_kwargs):
        # Only this page may load Stripe.js and reach Stripe's origins.
        render = super().render_to_response
        if context.get("is_free"):
            return render(context, **response_kwargs)
        return csp_update(stripe_api.browser_sources())(render)(
            context, **response_kwargs
        )

    def get(self, request, *args, **kwargs):
        # The basket's payment record exists before any card is sent, so two
        # clicks or tabs lock the same row instead of racing to create it.
        self._payment_for_basket()
        return super().get(request, *args, **kwargs)

    def get_skip_conditions(self, request):
        # Oscar skips this page when nothing is due; here it places the free
        # order instead (post), so a voucher that covers everything works.
        return []

    def post(self, request, *args, **kwargs):
        basket = request.basket
        total = checkout.basket_total(basket=basket, user=request.user)
        if total.incl_tax == 0:
            order = fulfilment.free_order_place(payment=self._payment_for_basket())
            if order is not None:
                return redirect("checkout:thank-you")
        form = CardPaymentForm(request.POST)
        if not form.is_valid():
            return self.render_payment_details(request, form=form)
        if not guard.card_attempt_allowed(basket=basket, ip=client_ip(request)):
            return self.render_payment_details(request, error=TOO_MANY_TRIES)
        payment = self._payment_for_basket()
        self.checkout_session.set_submitted_basket(basket)
        try:
            intent = checkout.payment_confirm(
                payment=payment,
                payment_method_id=form.cleaned_data["payment_method"],
                total=total,
            )
        except checkout.NotForSale as not_for_sale:
            # Its file was removed after the page's own check: nothing charged.
            messages.warning(request, str(not_for_sale))
            return redirect("basket:summary")
        except checkout.PaymentDeclined as declined:
            guard.card_declined(basket=basket, ip=client_ip(request))
            self.restore_frozen_basket()
            return self.render_payment_details(request, error=str(declined))
        except stripe.StripeError:
            logger.exception("payment failed at Stripe")
            self.restore_frozen_basket()
            return self.render_payment_details(request, error=STRIPE_DOWN)
        if intent.status == "requires_action":
            return self.render_payment_details(
                request, action_secret=intent.client_secret
            )
        try:
            fulfilment.payment_fulfil(payment_intent_id=intent.id)
        except stripe.StripeError:
            # Paid, but Stripe did not answer the check: the thank-you page
            # asks again and places the order then.
            logger.exception("Stripe unreachable after the payment")
        return redirect("checkout:thank-you")

    def _payment_for_basket(self):
        payment = checkout.payment_for_basket(
            basket=self.request.basket,
            email=self._buyer_email(),
            user=self.request.user if self.request.user.is_authenticated else None,
        )
        self.request.session[SESSION_PAYMENT_KEY] = payment.pk
        return payment

    def _buyer_email(self):
        if self.request.user.is_authenticated:
            return self.request.user.email
        return self.checkout_session.get_guest_email()

    def _publishable_key(self):
        from django.conf import settings

        return settings.STRIPE_PUBLISHABLE_KEY

    def _submitted_payment(self):
        payment_id = self.request.session.get(SESSION_PAYMENT_KEY)
        if payment_id is None:
            return None
        return (
            StripePayment.objects.select_related("basket").filter(pk=payment_id).first()
        )


class ThankYouView(oscar_views.ThankYouView):
    """Shows the order; asks Stripe first when the webhook has not come yet."""

    template_name = "oscar/checkout/thank_you.html"
    payment_url = reverse_lazy("checkout:payment-details")

    def get(self, request, *args, **kwargs):
        payment = (
            StripePayment.objects.select_related("order")
            .filter(pk=request.session.get(SESSION_PAYMENT_KEY))
            .first()
        )
        if payment is not None and payment.order is None:
            if not payment.payment_intent_id:
                return redirect(self.payment_url)
            try:
                order = fulfilment.payment_fulfil(
                    payment_intent_id=payment.payment_intent_id
                )
                if order is None:
                    return self._not_paid(payment)
            except stripe.StripeError:
                return still_confirming(request, "for the thank-you page")
            payment.order = order
        if payment is not None:
            request.session["checkout_order_id"] = payment.order.pk
            CheckoutSessionData(request).flush()
        return super().get(request, *args, **kwargs)

    def get_object(self, queryset=None):
        order = super().get_object(queryset)
        if order is not None:
            prefetch_related_objects([order], "lines__download_links__product_file")
        return order

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        return {**context, "receipt_url": receipt_path(self.object)}

    def _not_paid(self, payment):
        payment.refresh_from_db(fields=["status"])
        if payment.status == StripePayment.Status.REFUNDED:
            messages.error(
                self.request,
                "The basket changed while your bank checked the payment, so we "
                "could not place the order. We refunded the whole payment to "
                "your card and e-mailed you; your basket is below.",
            )
            return redirect(reverse("basket:summary"))
        if payment.status == StripePayment.Status.MISMATCH:
            messages.error(
                self.request,
                "We received your payment but could not match it to your basket. "
                "We will be in touch by e-mail shortly.",
            )
            return redirect(reverse("basket:summary"))
        intent = checkout.payment_intent_retrieve(payment=payment)
        if intent.status == "processing":
            messages.info(self.request, STILL_CONFIRMING)
        else:
            messages.error(
                self.request,
                "The payment was not completed (the card's authentication failed). "
                "Nothing was charged; please try again or use another card.",
            )
        return redirect(self.payment_url)
