"""The order's e-mails: its receipt (when paid, and again whenever staff
resend it), a fresh download link, links an order was owed, a new
version of a file, and a refund. Payments and downloads both call
these; they read the order and its links, never the other way round."""

from django.urls import reverse

from shop.apps.order import receipts
from shop.downloads.models import DownloadLink
from shop.mail.messages import absolute_url, send_templated


def send_receipt(*, order_id: int) -> None:
    """The receipt: what was bought and paid (net of any refund), the card,
    the seller, the links that still work with their limits, the refund
    policy and the receipt page that gets the files again."""
    order = receipts.orders().get(pk=order_id)
    receipt = receipts.receipt_for(order, url=absolute_url)
    send_templated(
        template="order/email/receipt",
        context={
            "receipt": receipt,
            "receipt_url": absolute_url(receipt.path),
            "refunds_url": absolute_url(reverse("legal:refunds")),
        },
        to=order.email,
    )


def send_fresh_link(*, link_id: int) -> None:
    link = DownloadLink.objects.select_related("line__order", "product_file").get(
        pk=link_id
    )
    order = link.line.order
    send_templated(
        template="order/email/fresh_link",
        context={
            "order": order,
            "link": link,
            "url": absolute_url(link.get_absolute_url()),
            "receipt_url": absolute_url(receipts.receipt_path(order)),
        },
        to=order.email,
    )


def send_order_refunded(*, order, amount, lines, links) -> None:
    """One e-mail per refund: how much went back, for what, and what stops
    working. `lines` are the order lines it paid back (none for a partial
    refund made in Stripe's dashboard), `links` the download links it
    switched off."""
    send_templated(
        template="order/email/refund",
        context={
            "order": order,
            "amount": amount,
            "lines": lines,
            "files": sorted({link.product_file.title for link in links}),
            "receipt_url": absolute_url(receipts.receipt_path(order)),
        },
        to=order.email,
    )


def send_links_added(*, order_id: int, link_ids: list[int]) -> None:
    """Links for files an order was owed (its product had none yet)."""
    links = list(
        DownloadLink.objects.filter(pk__in=link_ids, line__order_id=order_id)
        .select_related("line__order", "product_file")
        .order_by("line", "product_file__position", "pk")
    )
    order = links[0].line.order
    send_templated(
        template="order/email/links_added",
        context={
            "order": order,
            "links": [
                {
                    "title": link.product_file.title,
                    "url": absolute_url(link.get_absolute_url()),
                    "link": link,
                }
                for link in links
            ],
            "receipt_url": absolute_url(receipts.receipt_path(order)),
        },
        to=order.email,
    )


def send_new_version(*, notice) -> None:
    """A new version of a file a buyer has, with a fresh link of their own."""
    link = notice.link
    order = link.line.order
    send_templated(
        template="order/email/new_version",
        context={
            "order": order,
            "product_title": link.product_file.product.get_title(),
            "link": link,
            "version": notice.version,
            "url": absolute_url(link.get_absolute_url()),
            "receipt_url": absolute_url(receipts.receipt_path(order)),
        },
        to=notice.email,
    )
