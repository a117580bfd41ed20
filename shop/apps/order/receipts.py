"""What an order's receipt says, for its e-mail and its page: the lines and
what they cost, refunds, the total kept, the card, the seller, the download
links that still work with their limits, and the signed address of the page.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal

from django.conf import settings
from django.core import signing
from django.db.models import Prefetch
from django.urls import reverse
from django.utils import timezone
from oscar.core.loading import get_model

from shop.downloads.models import DownloadLink

Order = get_model("order", "Order")
PaymentEvent = get_model("order", "PaymentEvent")

# The payment event type every refund is recorded with, found by its code.
REFUNDED = "refunded"
_signer = signing.Signer(salt="shop.apps.order.receipts")


def receipt_path(order) -> str:
    """The receipt page's address: the order number, signed, so that only
    whoever was sent it can open it (no account needed)."""
    return reverse("order:receipt", kwargs={"token": _signer.sign(order.number)})


def order_number_of(token: str) -> str | None:
    """The order number a receipt address was made for; None if forged."""
    try:
        return _signer.unsign(token)
    except signing.BadSignature:
        return None


def orders():
    """Orders with all a receipt reads, in a fixed number of queries."""
    return Order.objects.select_related("stripe_payment").prefetch_related(
        Prefetch(
            "lines__download_links",
            queryset=DownloadLink.objects.select_related("product_file"),
        ),
        Prefetch(
            "payment_events",
            queryset=PaymentEvent.objects.filter(
                event_type__code=REFUNDED
            ).prefetch_related("line_quantities"),
            to_attr="refund_events",
        ),
    )


@dataclass(frozen=True)
class ReceiptFile:
    title: str
    url: str
    # Where the receipt page asks for a fresh link (a POST, from the page).
    renew_path: str
    downloads_left: int
    used: bool
    expires_at: datetime


@dataclass(frozen=True)
class ReceiptLine:
    title: str
    quantity: int
    price: Decimal
    refunded: bool
    # Links that deliver now, and those used up or expired (the buyer asks
    # for a fresh one from the link's own page).
    files: list[ReceiptFile]
    run_out: list[ReceiptFile]
    switched_off: bool


@dataclass(frozen=True)
class Receipt:
    number: str
    placed: datetime
    email: str
    currency: str
    lines: list[ReceiptLine]
    total: Decimal
    refunded: Decimal
    kept: Decimal
    payment_method: str
    refund_until: datetime
    path: str

    @property
    def has_files(self) -> bool:
        return any(line.files for line in self.lines)


def receipt_for(order, *, url: Callable[[str], str] = str) -> Receipt:
    """The receipt of an order read through `orders()`; `url` turns a
    link's path into what the reader follows (absolute in an e-mail)."""
    now = timezone.now()
    refund_events = order.refund_events
    refunded = sum((event.amount for event in refund_events), start=Decimal(0))
    refunded_lines = {
        quantity.line_id
        for event in refund_events
        for quantity in event.line_quantities.all()
    }
    lines = [
        _line(line, refunded=line.pk in refunded_lines, now=now, url=url)
        for line in order.lines.all()
    ]
    return Receipt(
        number=order.number,
        placed=order.date_placed,
        email=order.email,
        currency=order.currency,
        lines=lines,
        total=order.total_incl_tax,
        refunded=refunded,
        kept=max(order.total_incl_tax - refunded, Decimal(0)),
        payment_method=_payment_method(order),
        refund_until=order.date_placed + timedelta(days=settings.REFUND_DAYS),
        path=receipt_path(order),
    )


def _line(line, *, refunded, now, url) -> ReceiptLine:
    links = list(line.download_links.all())
    files, run_out = [], []
    for link in links:
        if link.revoked_at or refunded:
            continue
        item = ReceiptFile(
            title=link.product_file.title,
            url=url(link.get_absolute_url()),
            renew_path=reverse("downloads:renew", kwargs={"token": link.token}),
            downloads_left=link.downloads_left,
            used=link.download_count > 0,
            expires_at=link.expires_at,
        )
        (run_out if link.unusable_reason(now=now) else files).append(item)
    return ReceiptLine(
        title=line.title,
        quantity=line.quantity,
        price=line.line_price_incl_tax,
        refunded=refunded,
        files=files,
        run_out=_latest_per_title(run_out, files),
        switched_off=bool(links) and all(link.revoked_at for link in links),
    )


def _latest_per_title(run_out, files):
    """One used-up link per file that has no working link: a buyer who had
    fresh links sent needs only the newest to ask again."""
    working = {item.title for item in files}
    latest = {}
    for item in run_out:
        if item.title not in working:
            latest[item.title] = item
    return list(latest.values())


def _payment_method(order) -> str:
    if not order.total_incl_tax:
        return "Nothing to pay"
    try:
        payment = order.stripe_payment
    except Order.stripe_payment.RelatedObjectDoesNotExist:
        return "Card"
    return payment.card_description


def seller() -> dict:
    return {
        "name": settings.SELLER_NAME,
        "address": settings.SELLER_ADDRESS,
        "email": settings.SELLER_EMAIL,
    }
