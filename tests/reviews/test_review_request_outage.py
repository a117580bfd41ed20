"""With the mail server down when review requests come due, each order is
still asked once: the e-mail waits in the outbox and goes, once, when the
server is back (a real SMTP server, aiosmtpd, stopped and started again)."""

from datetime import timedelta

import pytest

from shop.apps.catalogue.reviews.models import ReviewRequest, ReviewRequestPolicy
from shop.apps.catalogue.reviews.tasks import send_review_requests
from shop.mail.models import OutgoingMessage
from shop.mail.tasks import sweep_outbox
from tests.factories import ProductFactory, paid_order

pytestmark = pytest.mark.django_db(transaction=True)

BUYER = "reader@example.com"


def _plain_text(message) -> str:
    for part in message.walk():
        if part.get_content_type() == "text/plain":
            return part.get_payload(decode=True).decode()
    raise AssertionError("no plain text part")


def test_a_review_request_due_while_mail_is_down_is_mailed_once_it_is_back(
    clock, smtp_server
):
    order = paid_order(products=[ProductFactory(title="Self-Care Tracker")])
    ReviewRequestPolicy.objects.create(delay_days=10)
    smtp_server.stop()
    clock.shift(timedelta(days=10, seconds=1))

    assert send_review_requests.call_local() == 1

    assert smtp_server.inbox.messages == []
    assert ReviewRequest.objects.get().order == order
    owed = OutgoingMessage.objects.get(to=BUYER)
    assert owed.status == OutgoingMessage.Status.PENDING

    smtp_server.start()
    clock.move_to(owed.next_attempt_at + timedelta(seconds=1))
    assert send_review_requests.call_local() == 0
    sweep_outbox.call_local()
    sweep_outbox.call_local()

    [message] = smtp_server.inbox.messages
    assert message["To"] == BUYER
    assert str(order.number) in message["Subject"]
    assert "Review Self-Care Tracker" in _plain_text(message)
    assert OutgoingMessage.objects.get(to=BUYER).status == OutgoingMessage.Status.SENT
