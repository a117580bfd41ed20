"""With the mail server down, "Get my downloads again" still answers; the
e-mail with the library link follows, once, when the server is back.

A real SMTP server (aiosmtpd) is stopped for the request and started again;
the worker's sweep then sends what the outbox kept, once its retry is due.
"""

import re
from datetime import timedelta

import pytest
from django.urls import reverse

from shop.mail.models import OutgoingMessage
from shop.mail.tasks import sweep_outbox
from tests.factories import ProductFactory, paid_order

pytestmark = pytest.mark.django_db(transaction=True)

BUYER = "reader@example.com"
LINK = re.compile(r"https?://[^/\s]+(/my-downloads/[^\s\"<>]+/)")


def _plain_text(message) -> str:
    for part in message.walk():
        if part.get_content_type() == "text/plain":
            return part.get_payload(decode=True).decode()
    raise AssertionError("no plain text part")


def test_a_library_request_while_mail_is_down_is_mailed_once_it_is_back(
    client, clock, smtp_server
):
    order = paid_order(products=[ProductFactory(title="Self-Care Tracker")])
    smtp_server.stop()

    response = client.post(reverse("library:request"), {"email": BUYER})

    assert response.status_code == 302
    assert response["Location"] == reverse("library:sent")
    assert smtp_server.inbox.messages == []
    owed = OutgoingMessage.objects.get(to=BUYER)
    assert owed.status == OutgoingMessage.Status.PENDING

    smtp_server.start()
    clock.move_to(owed.next_attempt_at + timedelta(seconds=1))
    sweep_outbox.call_local()
    sweep_outbox.call_local()

    [message] = smtp_server.inbox.messages
    assert message["To"] == BUYER
    assert message["Subject"] == "Your downloads from GoToBetter"
    (path,) = set(LINK.findall(_plain_text(message)))
    assert str(order.number) in client.get(path).content.decode()
    assert OutgoingMessage.objects.get(to=BUYER).status == OutgoingMessage.Status.SENT
