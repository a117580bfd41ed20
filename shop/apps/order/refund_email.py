"""The refund e-mail: how much went back, for what, and what stops working."""

from shop.mail.messages import send_templated


def send_order_refunded(*, order, amount, lines, links) -> None:
    """One e-mail per refund. `lines` are the order lines it paid back (none
    for a partial refund made in Stripe's dashboard) and `links` the download
    links it switched off."""
    send_templated(
        template="payments/email/order_refunded",
        context={
            "order": order,
            "amount": amount,
            "lines": lines,
            "files": sorted({link.product_file.title for link in links}),
        },
        to=order.email,
    )
