from django.conf import settings
from huey import crontab
from huey.contrib.djhuey import db_periodic_task, db_task

from shop.downloads import previews, product_files
from shop.downloads.models import ProductFile


@db_task()
def announce_new_versions_now():
    """Woken when staff publish a version to announce: the first few now."""
    return product_files.new_versions_announce(
        limit=settings.NEW_VERSION_MAILS_PER_MINUTE
    )


@db_periodic_task(crontab(minute="*"))
def announce_new_versions():
    """Every minute, a few more past buyers told of a new version, so a long
    list goes out gently."""
    return product_files.new_versions_announce(
        limit=settings.NEW_VERSION_MAILS_PER_MINUTE
    )


@db_task()
def describe_product_file(product_file_id: int):
    """Read a file saved with new content: its facts and preview pictures."""
    product_file = (
        ProductFile.objects.select_related("product").filter(pk=product_file_id).first()
    )
    if product_file is None or product_file.is_read_for_search:
        return None
    described = previews.product_file_describe(product_file=product_file)
    # None when the file was deleted while it was being read.
    return described.pk if described is not None else None


@db_periodic_task(crontab(minute="*/15"))
def describe_waiting_product_files():
    """Files whose turn was lost (the queue was down when they were saved)."""
    return previews.product_files_describe_waiting()
