import pytest
from django.core import mail
from django.core.mail import EmailMultiAlternatives, send_mail

from shop.mail.tasks import deliver_message


def test_sent_mail_is_delivered_through_the_task_queue(settings):
    send_mail("Your kit", "Here it is.", None, ["reader@example.test"])

    assert len(mail.outbox) == 1
    assert mail.outbox[0].subject == "Your kit"
    assert mail.outbox[0].from_email == settings.DEFAULT_FROM_EMAIL


def test_html_alternative_survives_the_queue():
    message = EmailMultiAlternatives(
        "Your order", "Plain text", to=["buyer@example.test"]
    )
    message.attach_alternative("<p>HTML</p>", "text/html")

    message.send()

    assert mail.outbox[0].alternatives[0][0] == "<p>HTML</p>"


def test_a_failed_delivery_raises_so_the_queue_retries(settings):
    # An SMTP server on a port where nothing listens.
    settings.MAIL_DELIVERY_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", 1, 2
    message = EmailMultiAlternatives("Hello", "Body", to=["a@example.test"])

    with pytest.raises(ConnectionRefusedError):
        deliver_message.call_local(message)
    assert deliver_message.retries > 0
