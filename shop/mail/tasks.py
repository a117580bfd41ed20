from huey import crontab
from huey.contrib.djhuey import db_periodic_task, db_task

from shop.mail import services


@db_task()
def deliver_outbox():
    """Woken when a message is written: send what is due now."""
    return services.outbox_deliver()


@db_periodic_task(crontab(minute="*"))
def sweep_outbox():
    """Every minute: retries that have come due, messages whose wake-up was
    lost (the queue was down) and those whose sender died mid-send."""
    services.outbox_recover()
    return services.outbox_deliver()
