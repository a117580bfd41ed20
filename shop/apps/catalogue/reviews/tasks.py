from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from shop.apps.catalogue.reviews import requests


@db_periodic_task(crontab(minute="20"))
def send_review_requests():
    """Every hour: ask the buyers whose orders have come due for a review."""
    return requests.review_requests_send()
