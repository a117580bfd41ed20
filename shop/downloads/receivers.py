"""A product file saved with new content is read again once the save commits."""

from django.db import transaction
from django.db.models.signals import post_save

from shop.downloads import tasks
from shop.downloads.models import ProductFile


def describe_new_content(sender, instance, raw=False, **kwargs):
    # Compared by stored name: a new upload (or a new version put in its
    # place) is always stored under a new name.
    if raw or not instance.file or instance.is_described:
        return
    product_file_id = instance.pk

    def describe():
        tasks.describe_product_file(product_file_id)

    # Robust: a queue that is down must not undo the save; the sweep
    # (tasks.describe_waiting_product_files) reads the file later.
    transaction.on_commit(describe, robust=True)


def connect() -> None:
    post_save.connect(
        describe_new_content,
        sender=ProductFile,
        dispatch_uid="downloads.describe_new_content",
    )
