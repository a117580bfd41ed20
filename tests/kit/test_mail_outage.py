"""With the mail server down, readers still sign up; the e-mails follow later.

A real SMTP server (aiosmtpd) is started, stopped for the sign-up, and started
again; the queue's retry is then driven by hand, as the worker would after
MAIL_RETRY_DELAY.
"""

import datetime
import email
import socket

import pytest
from aiosmtpd.controller import Controller
from django.conf import settings
from huey.contrib.djhuey import HUEY

from content.kit.models import Subscriber

pytestmark = pytest.mark.django_db(transaction=True)


class Inbox:
    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):
        self.messages.append(email.message_from_bytes(envelope.content))
        return "250 Message accepted"


def _free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class SmtpServer:
    """A real SMTP server on a port of its own that can go down and come back."""

    def __init__(self):
        self.inbox = Inbox()
        self.port = _free_port()
        self.controller = None

    def start(self):
        # A stopped Controller's event loop is closed: each start is a new one.
        self.controller = Controller(self.inbox, hostname="127.0.0.1", port=self.port)
        self.controller.start()

    def stop(self):
        if self.controller is not None:
            self.controller.stop()
            self.controller = None


@pytest.fixture
def smtp_server(settings):
    server = SmtpServer()
    # Django's test set-up swaps EMAIL_BACKEND for locmem; put the queue back.
    settings.EMAIL_BACKEND = "shop.mail.backends.QueuedEmailBackend"
    settings.MAIL_DELIVERY_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = (
        "127.0.0.1",
        server.port,
        5,
    )
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    HUEY.flush()
    server.start()
    yield server
    server.stop()
    HUEY.flush()


def _run_due_retries():
    """What the worker does once the retry delay has passed."""
    now = datetime.datetime.now(datetime.UTC).replace(tzinfo=None)
    later = now + datetime.timedelta(seconds=settings.MAIL_RETRY_DELAY + 1)
    for task in HUEY.read_schedule(later):
        HUEY.execute(task, timestamp=later)


def test_a_sign_up_while_mail_is_down_is_kept_and_mailed_once_it_is_back(
    client, smtp_server
):
    smtp_server.stop()

    response = client.post(
        "/kit/claim/", {"email": "reader@example.test", "consent": "yes"}
    )

    assert response.status_code == 302
    assert Subscriber.objects.filter(email="reader@example.test").exists()
    assert smtp_server.inbox.messages == []
    assert HUEY.scheduled_count() == 1

    smtp_server.start()
    _run_due_retries()

    [message] = smtp_server.inbox.messages
    assert message["To"] == "reader@example.test"
    assert message["Subject"] == "Please confirm: your Micro Habits Starter Kit"
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert HUEY.scheduled_count() == 0


def test_mail_goes_straight_out_while_the_server_is_up(client, smtp_server):
    client.post("/kit/claim/", {"email": "reader@example.test", "consent": "yes"})

    assert [m["To"] for m in smtp_server.inbox.messages] == ["reader@example.test"]
