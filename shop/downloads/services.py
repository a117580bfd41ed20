"""Giving buyers their files: links per order line, counted downloads."""

import logging
from datetime import timedelta

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from shop.apps.order import emails as order_emails
from shop.downloads.models import DownloadLink, DownloadPolicy, ProductFile
from shop.downloads.stamping import stamp_pdf
from shop.limits import services as limits

logger = logging.getLogger(__name__)

PDF = "application/pdf"


def download_links_create(*, order) -> list[DownloadLink]:
    """A link for every file of every line of a paid order, with the
    download limits staff set (read once for the whole order)."""
    now = timezone.now()
    policy = DownloadPolicy.objects.current()
    lines = list(order.lines.select_related("product"))
    files = ProductFile.objects.filter(product__in=[line.product_id for line in lines])
    links = []
    for line in lines:
        for product_file in files:
            if product_file.product_id == line.product_id:
                links.append(
                    _new_link(
                        line=line, product_file=product_file, policy=policy, now=now
                    )
                )
    return links


def _new_link(*, line, product_file, policy, now):
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
    """The private-storage path of the file this link delivers.

    PDFs are stamped with the buyer's e-mail once per link and kept, so a
    re-download (or the web server, with X-Accel-Redirect) reads a plain file.
    """
    product_file = link.product_file
    if product_file.content_type != PDF:
        return product_file.file.name
    storage = storages["private"]
    name = f"stamped/{link.token}/{product_file.download_name}"
    if not storage.exists(name):
        email = link.line.order.email
        with product_file.file.open("rb") as source:
            stamped = stamp_pdf(source, email=email)
        storage.save(name, ContentFile(stamped))
    return name


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
        fresh = _new_link(
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
