"""With the mail server down, readers still sign up; the e-mails follow later.

A real SMTP server (aiosmtpd) is stopped for the sign-up and started again;
the worker's sweep then sends what the outbox kept, once its retry is due.
"""

from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from content.kit.models import Subscriber
from shop.mail.models import OutgoingMessage
from shop.mail.tasks import sweep_outbox

pytestmark = pytest.mark.django_db(transaction=True)


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
    owed = OutgoingMessage.objects.get()
    assert owed.status == OutgoingMessage.Status.PENDING

    smtp_server.start()
    with time_machine.travel(owed.next_attempt_at + timedelta(seconds=1)):
        sweep_outbox.call_local()

    [message] = smtp_server.inbox.messages
    assert message["To"] == "reader@example.test"
    assert message["Subject"] == "Please confirm: your Micro Habits Starter Kit"
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert OutgoingMessage.objects.get().status == OutgoingMessage.Status.SENT


def test_mail_goes_straight_out_while_the_server_is_up(client, smtp_server):
    client.post("/kit/claim/", {"email": "reader@example.test", "consent": "yes"})

    assert [m["To"] for m in smtp_server.inbox.messages] == ["reader@example.test"]
    assert OutgoingMessage.objects.get().sent_at <= timezone.now()


def test_a_sign_up_while_the_task_queue_is_down_is_answered_and_its_mail_kept(
    client, outbox_mail, queue_down
):
    response = client.post(
        "/kit/claim/", {"email": "reader@example.test", "consent": "yes"}
    )

    assert response.status_code == 302
    owed = OutgoingMessage.objects.get()
    assert owed.to == "reader@example.test"
    assert owed.status == OutgoingMessage.Status.PENDING

    sweep_outbox.call_local()

    assert OutgoingMessage.objects.get().status == OutgoingMessage.Status.SENT
