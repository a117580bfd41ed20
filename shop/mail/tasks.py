import logging

from django.conf import settings
from django.core.mail import get_connection
from huey.contrib.djhuey import task

logger = logging.getLogger(__name__)


@task(retries=settings.MAIL_MAX_RETRIES, retry_delay=settings.MAIL_RETRY_DELAY)
def deliver_message(message):
    """Send one queued e-mail; an error makes the queue try again later."""
    connection = get_connection(settings.MAIL_DELIVERY_BACKEND, fail_silently=False)
    sent = connection.send_messages([message])
    logger.info(
        "mail delivered",
        extra={"subject": message.subject, "recipients": len(message.recipients())},
    )
    return sent
