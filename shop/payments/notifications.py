from django.urls import reverse
from oscar.core.loading import get_model

from shop.mail.messages import absolute_url, send_templated

Order = get_model("order", "Order")


def send_order_confirmation(*, order_id: int) -> None:
    """The receipt: what was bought, what it cost, and the download links."""
    order = Order.objects.prefetch_related("lines__download_links__product_file").get(
        pk=order_id
    )
    lines = [
        {
            "line": line,
            "links": [
                {
                    "title": link.product_file.title,
                    "url": absolute_url(link.get_absolute_url()),
                }
                for link in line.download_links.all()
            ],
        }
        for line in order.lines.all()
    ]
    send_templated(
        template="payments/email/order_confirmation",
        context={"order": order, "lines": lines},
        to=order.email,
    )


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
