from django.conf import settings
from huey import crontab
from huey.contrib.djhuey import db_periodic_task, db_task

from shop.downloads import product_files


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
