"""The one place that knows where Stripe is: real Stripe or localstripe."""

from urllib.parse import urlsplit

import stripe
from django.conf import settings

REAL_STRIPE_JS = "https://js.stripe.com/v3/"


def client() -> stripe.StripeClient:
    """A client for the Stripe API named by settings (read per call, so tests
    can point it at their own localstripe)."""
    base = {"api": settings.STRIPE_API_BASE} if settings.STRIPE_API_BASE else {}
    return stripe.StripeClient(settings.STRIPE_SECRET_KEY, base_addresses=base)


def js_url() -> str:
    """Stripe.js, or localstripe's stand-in for it when no real keys are set."""
    if settings.STRIPE_LOCAL:
        return f"{settings.STRIPE_API_BASE.rstrip('/')}/js.stripe.com/v3/"
    return REAL_STRIPE_JS


def browser_sources() -> dict[str, list[str]]:
    """The origins the card form's page may use, as CSP directives.

    Real Stripe: Stripe.js and its frames from js.stripe.com, 3-D Secure
    frames from hooks.stripe.com, API calls to api.stripe.com (Stripe's
    documented policy). Local: the stand-in serves its Stripe.js and its API
    from one origin, and draws its 3-D Secure prompt in the page itself.
    """
    if settings.STRIPE_LOCAL:
        parts = urlsplit(settings.STRIPE_API_BASE)
        origin = f"{parts.scheme}://{parts.netloc}"
        return {"script-src": [origin], "connect-src": [origin]}
    return {
        "script-src": ["https://js.stripe.com"],
        "frame-src": ["https://js.stripe.com", "https://hooks.stripe.com"],
        "connect-src": ["https://api.stripe.com"],
    }


def to_cents(amount) -> int:
    """Stripe counts the smallest currency unit; USD has two decimals."""
    return int((amount * 100).to_integral_value())


def charge_of(payment_intent) -> str | None:
    """The id of the PaymentIntent's charge: real Stripe gives an id,
    localstripe the whole Charge object."""
    try:
        charge = payment_intent["latest_charge"]
    except KeyError:
        return None
    if isinstance(charge, str) or charge is None:
        return charge
    return charge["id"]


def card_of(payment_intent) -> tuple[str, str]:
    """The brand code ("visa") and last four digits of the card that paid a
    PaymentIntent read with its payment method expanded; ("", "") when the
    answer does not say. Real Stripe's PaymentMethod has them under `card`;
    localstripe gives a token's Card object, which has them at the top; a
    Charge has them under `payment_method_details.card`."""
    if hasattr(payment_intent, "to_dict"):
        payment_intent = payment_intent.to_dict()
    method = payment_intent.get("payment_method")
    charge = payment_intent.get("latest_charge")
    cards = []
    if isinstance(method, dict):
        cards += [method.get("card"), method]
    if isinstance(charge, dict):
        cards.append((charge.get("payment_method_details") or {}).get("card"))
    for card in cards:
        if isinstance(card, dict) and card.get("last4"):
            return str(card.get("brand") or "").lower()[:30], str(card["last4"])[-4:]
    return "", ""
