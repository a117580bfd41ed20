from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from shop.limits import services


@db_periodic_task(crontab(minute="23"))
def prune_limit_windows():
    """Keep the table to the windows still open."""
    return services.prune()
