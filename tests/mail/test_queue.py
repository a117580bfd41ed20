import pytest
from django.core import mail
from django.core.mail import EmailMultiAlternatives, send_mail
from huey.contrib.djhuey import HUEY
from huey.signals import SIGNAL_COMPLETE

from shop.mail.tasks import deliver_message


@pytest.fixture
def queued_mail(settings):
    """The project's own backend: Django's test runner swaps in locmem."""
    settings.EMAIL_BACKEND = "shop.mail.backends.QueuedEmailBackend"
    settings.MAIL_DELIVERY_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    completed = []

    @HUEY.signal(SIGNAL_COMPLETE)
    def record(signal, task, *args, **kwargs):
        completed.append(task.name)

    yield completed
    HUEY.disconnect_signal(record, SIGNAL_COMPLETE)


def test_sent_mail_is_delivered_by_the_task_queue(queued_mail, settings):
    send_mail("Your kit", "Here it is.", None, ["reader@example.test"])

    assert queued_mail == ["deliver_message"]
    assert len(mail.outbox) == 1
    assert mail.outbox[0].subject == "Your kit"
    assert mail.outbox[0].from_email == settings.DEFAULT_FROM_EMAIL


def test_html_alternative_survives_the_queue(queued_mail):
    message = EmailMultiAlternatives(
        "Your order", "Plain text", to=["buyer@example.test"]
    )
    message.attach_alternative("<p>HTML</p>", "text/html")

    message.send()

    assert queued_mail == ["deliver_message"]
    assert mail.outbox[0].alternatives[0][0] == "<p>HTML</p>"


def test_a_failed_delivery_raises_so_the_queue_retries(settings):
    # An SMTP server on a port where nothing listens.
    settings.MAIL_DELIVERY_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", 1, 2
    message = EmailMultiAlternatives("Hello", "Body", to=["a@example.test"])

    with pytest.raises(ConnectionRefusedError):
        deliver_message.call_local(message)
    assert deliver_message.retries > 0
