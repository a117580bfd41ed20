"""Two claims for one address at the same moment: one subscriber, one e-mail."""

import threading
from datetime import timedelta

import pytest
from django.core import mail
from django.db import connection
from django.utils import timezone

from content.kit import services
from content.kit.models import Subscriber
from tests.factories import SubscriberFactory

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="row locks need PostgreSQL (SQLite locks the whole file)",
    ),
]


@pytest.mark.parametrize("existing", [False, True], ids=["new", "pending"])
def test_simultaneous_claims_store_one_subscriber_and_send_one_email(existing):
    if existing:
        SubscriberFactory(
            email="reader@example.test",
            confirmation_sent_at=timezone.now() - timedelta(minutes=11),
        )
    start = threading.Barrier(4)
    errors = []

    def claim():
        try:
            start.wait()
            services.subscriber_claim(email="reader@example.test", source="kit")
        except Exception as error:  # reported below, not lost in the thread
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=claim) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    assert Subscriber.objects.count() == 1
    assert len(mail.outbox) == 1


def test_a_claim_waits_for_one_already_sending_to_the_same_address(monkeypatch):
    """The first claim holds its transaction open after deciding to send;
    the second must wait for it and then see the e-mail already sent."""
    SubscriberFactory(
        email="reader@example.test",
        confirmation_sent_at=timezone.now() - timedelta(minutes=11),
    )
    send = services.emails.send_confirmation
    first_is_sending = threading.Event()
    second_finished = threading.Event()

    def send_then_hold(subscriber):
        send(subscriber)
        if not first_is_sending.is_set():
            first_is_sending.set()
            # Long enough for an unlocked second claim to read, send and end.
            second_finished.wait(timeout=2)

    monkeypatch.setattr(services.emails, "send_confirmation", send_then_hold)

    def claim(done=None):
        try:
            services.subscriber_claim(email="reader@example.test", source="kit")
        finally:
            connection.close()
            if done:
                done.set()

    first = threading.Thread(target=claim)
    first.start()
    assert first_is_sending.wait(timeout=10)
    second = threading.Thread(target=claim, kwargs={"done": second_finished})
    second.start()
    first.join()
    second.join()

    assert len(mail.outbox) == 1
