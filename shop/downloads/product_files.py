"""Staff keep a product's files: upload, name and order them, publish a new
version (a new upload or an earlier one restored), archive or delete them,
and tell past buyers a new version is ready."""

import logging
from pathlib import PurePath

from django.core.exceptions import ValidationError
from django.core.files.storage import storages
from django.db import IntegrityError, transaction
from django.db.models import Max, ProtectedError
from django.utils import timezone
from oscar.core.loading import get_model

from shop.apps.order import emails as order_emails
from shop.downloads.models import (
    DownloadPolicy,
    NewVersionNotice,
    ProductFile,
    ProductFileVersion,
)
from shop.downloads.services import (
    download_link_create,
    download_links_add_missing_for_product,
    lines_still_owed,
)

logger = logging.getLogger(__name__)

Line = get_model("order", "Line")

ARCHIVED = "archived"
DELETED = "deleted"


def default_title(*, product, file_name: str) -> str:
    """ "Self-Care Tracker (PDF)": what a buyer sees when staff give no title."""
    kind = "ZIP" if PurePath(file_name).suffix.lower() == ".zip" else "PDF"
    return f"{product.get_title()} ({kind})"


def product_file_add(*, product, upload, title="", position=None, user=None):
    """A new file for the product. Its first file puts it on sale, and gives
    every paid order that bought it before then its links, by e-mail."""
    with transaction.atomic():
        first = not ProductFile.objects.active().filter(product=product).exists()
        if position is None:
            last = product.files.aggregate(last=Max("position"))["last"]
            position = 0 if last is None else last + 1
        product_file = ProductFile(
            product=product,
            title=title or default_title(product=product, file_name=upload.name),
            position=position,
            file=upload,
        )
        product_file.full_clean()
        product_file.save(uploaded_by=user, version_note="First upload")
        if first:
            download_links_add_missing_for_product(product=product)
    logger.info(
        "product file added", extra={"product": product.pk, "file": product_file.pk}
    )
    return product_file


def product_file_change(*, product_file, title, position) -> None:
    """A new title or place in the list; the file stays as it is."""
    product_file.title = title
    product_file.position = position
    product_file.full_clean()
    product_file.save(update_fields=["title", "position", "updated"])


def product_file_replace(
    *, product_file, upload, user=None, note="", tell_buyers=False
) -> ProductFileVersion:
    """A new version of the file: the same product file (and so every link
    already sent) delivers it from now on; the earlier one is kept."""
    with transaction.atomic():
        _lock(product_file)
        product_file.file = upload
        product_file.full_clean()
        product_file.save(uploaded_by=user, version_note=note)
        version = product_file.versions.get(version=product_file.version)
        if tell_buyers:
            _announce(version=version)
    logger.info(
        "product file replaced",
        extra={"file": product_file.pk, "version": product_file.version},
    )
    return version


def product_file_restore(
    *, product_file, version: int, user=None, tell_buyers=False
) -> ProductFileVersion:
    """An earlier version back as the current one, as its next version (so
    links restamp it and the history says who went back, and when)."""
    with transaction.atomic():
        _lock(product_file)
        earlier = product_file.versions.filter(version=version).first()
        if earlier is None:
            raise ValidationError(f"There is no version {version} of this file.")
        if earlier.file.name == product_file.file.name:
            raise ValidationError(f"Version {version} is the file buyers get already.")
        product_file.file = earlier.file.name
        product_file.full_clean()
        product_file.save(uploaded_by=user, version_note=f"Version {version} back")
        restored = product_file.versions.get(version=product_file.version)
        if tell_buyers:
            _announce(version=restored)
    return restored


def _lock(product_file):
    """One new version at a time per file: two staff saving at once get
    versions n+1 and n+2, never the same number twice."""
    ProductFile.objects.select_for_update().filter(pk=product_file.pk).exists()


def product_file_remove(*, product_file) -> str:
    """Delete a file nobody has a link to; archive one that buyers have
    links to (new orders no longer get it, the links keep working).
    Returns ARCHIVED or DELETED."""
    try:
        with transaction.atomic():
            if product_file.download_links.exists():
                raise ProtectedError("buyers have links", set())
            names = set(product_file.versions.values_list("file", flat=True))
            names.add(product_file.file.name)
            product_file.delete()
            transaction.on_commit(lambda: _delete_stored(names))
        return DELETED
    except ProtectedError:
        product_file.archived_at = timezone.now()
        product_file.full_clean()
        product_file.save(update_fields=["archived_at", "updated"])
        return ARCHIVED


def product_file_unarchive(*, product_file) -> None:
    """Give an archived file to new orders again."""
    product_file.archived_at = None
    product_file.full_clean()
    product_file.save(update_fields=["archived_at", "updated"])


def _delete_stored(names):
    storage = storages["private"]
    for name in names:
        storage.delete(name)


def _announce(*, version):
    version.tell_buyers = True
    version.full_clean()
    version.save(update_fields=["tell_buyers"])
    transaction.on_commit(_wake_announcer, robust=True)


def _wake_announcer():
    from shop.downloads.tasks import announce_new_versions_now

    announce_new_versions_now()


def new_versions_announce(*, limit: int) -> int:
    """E-mail up to `limit` past buyers that a new version they asked staff
    to announce is ready, each with a fresh link of their own; a version
    whose buyers have all been told is marked so. Returns how many were sent.
    """
    sent = 0
    pending = ProductFileVersion.objects.filter(
        tell_buyers=True, buyers_told_at__isnull=True
    ).select_related("product_file__product")
    for version in pending.order_by("pk"):
        if sent >= limit:
            break
        sent += _announce_some(version=version, limit=limit - sent)
    return sent


def _announce_some(*, version, limit) -> int:
    product_file = version.product_file
    if product_file.is_archived:
        _mark_told(version)
        return 0
    told = {email.lower() for email in version.notices.values_list("email", flat=True)}
    waiting = []
    for line in _past_buyers_lines(version):
        email = line.order.email
        if email and email.lower() not in told:
            told.add(email.lower())
            waiting.append((line, email))
    policy = DownloadPolicy.objects.current()
    sent = 0
    for line, email in waiting[:limit]:
        sent += _tell(version=version, line=line, email=email, policy=policy)
    if len(waiting) <= limit:
        _mark_told(version)
    return sent


def _past_buyers_lines(version):
    """Lines that had this file before the version came, still paid for."""
    return (
        lines_still_owed(
            Line.objects.filter(
                download_links__product_file=version.product_file,
                order__date_placed__lt=version.uploaded_at,
            )
        )
        .select_related("order__user")
        .distinct()
        .order_by("pk")
    )


def _tell(*, version, line, email, policy) -> int:
    try:
        with transaction.atomic():
            link = download_link_create(
                line=line,
                product_file=version.product_file,
                policy=policy,
                now=timezone.now(),
            )
            notice = NewVersionNotice(version=version, email=email.lower(), link=link)
            notice.full_clean(validate_constraints=False)
            notice.save()
            order_emails.send_new_version(notice=notice)
    except IntegrityError:
        # Told at this moment by another worker: never twice.
        return 0
    return 1


def _mark_told(version):
    version.buyers_told_at = timezone.now()
    version.save(update_fields=["buyers_told_at"])
