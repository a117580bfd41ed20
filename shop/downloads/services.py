"""Giving buyers their files: links per order line, counted downloads."""

import logging
from datetime import timedelta

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from oscar.core.loading import get_model

from shop.apps.order import emails as order_emails
from shop.apps.order.statuses import OrderStatus
from shop.downloads.models import DownloadLink, DownloadPolicy, ProductFile
from shop.downloads.stamping import stamp_pdf
from shop.limits import services as limits

Order = get_model("order", "Order")
Line = get_model("order", "Line")

logger = logging.getLogger(__name__)

PDF = "application/pdf"


def download_links_create(*, order) -> list[DownloadLink]:
    """A link for every file of every line of a paid order, with the
    download limits staff set (read once for the whole order)."""
    now = timezone.now()
    policy = DownloadPolicy.objects.current()
    lines = list(order.lines.select_related("product"))
    files = ProductFile.objects.active().filter(
        product__in=[line.product_id for line in lines]
    )
    links = []
    for line in lines:
        for product_file in files:
            if product_file.product_id == line.product_id:
                links.append(
                    download_link_create(
                        line=line, product_file=product_file, policy=policy, now=now
                    )
                )
    return links


def lines_still_owed(lines):
    """Of these order lines, those whose buyer is still owed the files: not
    refunded, downloads not switched off, and the order not waiting for
    staff to say what a refund made in Stripe was for."""
    return (
        lines.exclude(download_links__revoked_at__isnull=False)
        .exclude(payment_event_quantities__event__event_type__code="refunded")
        .exclude(
            order__status__in=[
                OrderStatus.REFUNDED,
                OrderStatus.PARTLY_REFUNDED_IN_STRIPE,
            ]
        )
    )


def download_links_add_missing(*, order) -> list[DownloadLink]:
    """A link for each file a line of this order is owed and has none for
    (the product had no file yet when it was bought, or got another since),
    e-mailed to the buyer. Returns the new links; none for refunded lines."""
    with transaction.atomic():
        # One at a time per order: two clicks give each file one link.
        order = Order.objects.select_for_update().get(pk=order.pk)
        lines = list(
            lines_still_owed(order.lines.all()).prefetch_related("download_links")
        )
        files = ProductFile.objects.active().filter(
            product__in=[line.product_id for line in lines]
        )
        policy = DownloadPolicy.objects.current()
        now = timezone.now()
        links = []
        for line in lines:
            linked = {link.product_file_id for link in line.download_links.all()}
            for product_file in files:
                if (
                    product_file.product_id == line.product_id
                    and product_file.pk not in linked
                ):
                    links.append(
                        download_link_create(
                            line=line, product_file=product_file, policy=policy, now=now
                        )
                    )
        if links:
            order_emails.send_links_added(
                order_id=order.pk, link_ids=[link.pk for link in links]
            )
    if links:
        logger.info(
            "missing download links given",
            extra={"order_number": order.number, "links": len(links)},
        )
    return links


def download_links_add_missing_for_product(*, product) -> int:
    """After a product's first file: links for every paid order that bought
    it without one. Returns how many orders got links."""
    waiting = lines_still_owed(
        Line.objects.filter(product=product, download_links__isnull=True)
    )
    orders = Order.objects.filter(pk__in=waiting.values("order_id")).order_by("pk")
    return sum(bool(download_links_add_missing(order=order)) for order in orders)


def download_link_create(*, line, product_file, policy, now):
    link = DownloadLink(
        line=line,
        product_file=product_file,
        expires_at=now + timedelta(days=policy.expiry_days),
        max_downloads=policy.download_limit,
    )
    link.full_clean()
    link.save()
    return link


def download_take(*, link) -> bool:
    """Count one download; False when the link no longer delivers.

    One conditional UPDATE, so two downloads at once cannot both take the
    last one.
    """
    taken = (
        DownloadLink.objects.usable()
        .filter(pk=link.pk)
        .update(download_count=F("download_count") + 1)
    )
    return taken == 1


def delivered_file_name(*, link) -> str:
    """The private-storage path of the file this link delivers: always the
    file's current version, whenever the link was sent.

    PDFs are stamped with the buyer's e-mail once per link and version and
    kept, so a re-download (or the web server, with X-Accel-Redirect) reads a
    plain file.
    """
    product_file = link.product_file
    if product_file.content_type != PDF:
        return product_file.file.name
    storage = storages["private"]
    folder = f"stamped/{link.token}"
    name = f"{folder}/v{product_file.version}/{product_file.download_name}"
    if not storage.exists(name):
        email = link.line.order.email
        with product_file.file.open("rb") as source:
            stamped = stamp_pdf(source, email=email)
        storage.save(name, ContentFile(stamped))
        _forget_stamped_copies(storage=storage, folder=folder, keep=name)
    return name


def _forget_stamped_copies(*, storage, folder, keep):
    """Delete this link's copies of earlier versions (or titles): the link
    never delivers them again."""
    folders, files = storage.listdir(folder)
    stale = [f"{folder}/{file}" for file in files]
    for sub in folders:
        stale += [
            f"{folder}/{sub}/{file}" for file in storage.listdir(f"{folder}/{sub}")[1]
        ]
    for name in stale:
        if name != keep:
            storage.delete(name)


def download_link_renew(*, link) -> DownloadLink | None:
    """A fresh link for the same file, asked for by the buyer.

    None for a refunded (revoked) link: a refund ends the buyer's access.
    None too when this file of this order line had a fresh link less than
    DOWNLOAD_RENEW_INTERVAL ago: no flood of e-mail, and no way round the
    download limit by asking again and again.
    """
    if link.revoked_at:
        return None
    if not limits.hit(
        key=f"downloads:renew:{link.line_id}:{link.product_file_id}",
        limit=1,
        window=settings.DOWNLOAD_RENEW_INTERVAL,
    ):
        return None
    return download_link_replace(link=link)


def download_link_replace(*, link) -> DownloadLink | None:
    """A fresh link for the same file with today's limits, e-mailed to the
    order's address (staff send one whenever a buyer asks). None for a
    refunded (revoked) link."""
    if link.revoked_at:
        return None
    with transaction.atomic():
        fresh = download_link_create(
            line=link.line,
            product_file=link.product_file,
            policy=DownloadPolicy.objects.current(),
            now=timezone.now(),
        )
        order_emails.send_fresh_link(link_id=fresh.pk)
    return fresh


def download_links_live(*, lines):
    """The links of these order lines that still open, with their files."""
    return DownloadLink.objects.filter(
        line__in=lines, revoked_at__isnull=True
    ).select_related("product_file", "line")


def download_links_revoke(*, lines) -> int:
    """Switch off every link of these order lines (after a refund)."""
    return DownloadLink.objects.filter(line__in=lines, revoked_at__isnull=True).update(
        revoked_at=timezone.now()
    )


def download_count_reset(*, link) -> None:
    link.download_count = 0
    link.full_clean()
    link.save(update_fields=["download_count"])


def download_email_resend(*, order) -> None:
    """Send the order's receipt again: its links that still work, and its
    totals after any refund."""
    order_emails.send_receipt(order_id=order.pk)
