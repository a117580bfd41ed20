"""The e-mail of a payment that could not become an order."""

from django.urls import reverse

from shop.mail.messages import absolute_url, send_templated


def send_payment_refunded(*, payment, amount) -> None:
    """No order could be placed for a payment: it went back to the card."""
    send_templated(
        template="payments/email/payment_refunded",
        context={
            "payment": payment,
            "amount": amount,
            "currency": payment.currency.upper(),
            "basket_url": absolute_url(reverse("basket:summary")),
        },
        to=payment.email,
    )
