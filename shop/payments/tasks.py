from django.conf import settings
from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from shop.payments.services import stripe_events


@db_periodic_task(crontab(minute=f"*/{settings.STRIPE_RECONCILE_MINUTES}"))
def reconcile_stripe_events():
    """Fulfil paid orders whose webhook never arrived."""
    return stripe_events.events_reconcile()
