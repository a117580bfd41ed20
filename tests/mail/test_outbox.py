"""The outbox: an e-mail is written with what owes it, delivered by the
worker, retried for days through a mail outage, and never dropped unseen."""

import threading
import time
from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.core.mail import EmailMultiAlternatives, send_mail
from django.db import connection, transaction
from django.urls import reverse
from django.utils import timezone

from shop.mail import services
from shop.mail.models import OutgoingMessage
from shop.mail.tasks import sweep_outbox
from tests.smtp import SilentSmtpServer, deliver_through

pytestmark = pytest.mark.django_db(transaction=True)

Status = OutgoingMessage.Status


def _send(subject="Your kit", to="reader@example.test"):
    send_mail(subject, "Here it is.", None, [to])


def _sender_thread():
    """A worker thread delivering the outbox, as the consumer runs one; it
    closes its own database connection, so none outlives the test."""

    def deliver():
        try:
            services.outbox_deliver()
        finally:
            connection.close()

    return threading.Thread(target=deliver)


def test_a_message_is_kept_and_delivered_once_its_transaction_commits(outbox_mail):
    with transaction.atomic():
        _send()
        outgoing = OutgoingMessage.objects.get()
        assert outgoing.status == Status.PENDING
        assert mail.outbox == []

    outgoing.refresh_from_db()
    assert outgoing.status == Status.SENT
    assert [message.subject for message in mail.outbox] == ["Your kit"]


def test_a_rolled_back_change_owes_no_mail(outbox_mail):
    with pytest.raises(RuntimeError), transaction.atomic():
        _send()
        raise RuntimeError("the sign-up failed")

    assert not OutgoingMessage.objects.exists()
    assert mail.outbox == []


def test_html_and_headers_survive_the_outbox(outbox_mail):
    message = EmailMultiAlternatives(
        "Your order",
        "Plain text",
        to=["buyer@example.test"],
        headers={"List-Unsubscribe": "<https://example.test/u/1/>"},
    )
    message.attach_alternative("<p>HTML</p>", "text/html")

    message.send()

    (delivered,) = mail.outbox
    assert delivered.alternatives[0][0] == "<p>HTML</p>"
    assert delivered.extra_headers["List-Unsubscribe"] == "<https://example.test/u/1/>"


def test_mail_written_while_the_queue_is_down_is_sent_by_the_sweep(
    outbox_mail, queue_down
):
    _send()

    assert mail.outbox == []
    assert OutgoingMessage.objects.get().status == Status.PENDING

    sweep_outbox.call_local()

    assert len(mail.outbox) == 1
    assert OutgoingMessage.objects.get().status == Status.SENT


def test_a_mail_outage_of_three_days_delays_mail_and_loses_none(smtp_server):
    smtp_server.stop()
    with time_machine.travel(timezone.now(), tick=False) as clock:
        _send()  # tried at once, on commit
        outgoing = OutgoingMessage.objects.get()
        pauses = [outgoing.next_attempt_at - timezone.now()]
        for __ in range(200):
            outgoing.refresh_from_db()
            if timezone.now() - outgoing.created_at > timedelta(days=3):
                break
            clock.move_to(outgoing.next_attempt_at)
            before = timezone.now()
            services.outbox_deliver()
            outgoing.refresh_from_db()
            pauses.append(outgoing.next_attempt_at - before)

        assert outgoing.status == Status.PENDING
        assert "Connection refused" in outgoing.last_error
        assert pauses[0] == timedelta(minutes=1)
        assert max(pauses) == timedelta(hours=1)
        assert outgoing.attempts == len(pauses)

        smtp_server.start()
        clock.move_to(outgoing.next_attempt_at)
        sweep_outbox.call_local()
        sweep_outbox.call_local()

    outgoing.refresh_from_db()
    assert outgoing.status == Status.SENT
    assert [m["Subject"] for m in smtp_server.inbox.messages] == ["Your kit"]


def test_after_the_give_up_time_staff_see_it_failed_and_send_it_again(
    smtp_server, admin_client
):
    smtp_server.stop()
    with time_machine.travel(timezone.now(), tick=False) as clock:
        _send()
        clock.shift(timedelta(days=4, seconds=1))
        services.outbox_deliver()
    outgoing = OutgoingMessage.objects.get()
    assert outgoing.status == Status.FAILED

    listing = admin_client.get(
        reverse("admin:mail_outgoingmessage_changelist") + "?status__exact=failed"
    )
    assert "reader@example.test" in listing.content.decode()
    smtp_server.start()
    admin_client.post(
        reverse("admin:mail_outgoingmessage_changelist"),
        {"action": "send_again", "_selected_action": [outgoing.pk]},
    )

    outgoing.refresh_from_db()
    assert outgoing.status == Status.SENT
    assert len(smtp_server.inbox.messages) == 1


def test_a_refused_address_is_given_up_on_at_once(smtp_server, settings):
    class Refusing:
        async def handle_RCPT(self, server, session, envelope, address, options):
            return "550 No such mailbox"

    smtp_server.inbox = Refusing()
    smtp_server.stop()
    smtp_server.start()

    _send(to="nobody@example.test")

    outgoing = OutgoingMessage.objects.get()
    assert outgoing.status == Status.FAILED
    assert "550" in outgoing.last_error


def test_a_message_whose_sender_died_mid_send_is_sent_by_the_sweep(smtp_server):
    smtp_server.stop()
    _send()
    OutgoingMessage.objects.update(
        status=Status.SENDING, claimed_at=timezone.now() - timedelta(minutes=5)
    )
    smtp_server.start()

    sweep_outbox.call_local()

    assert OutgoingMessage.objects.get().status == Status.SENT
    assert len(smtp_server.inbox.messages) == 1


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="threads writing at once need PostgreSQL (the tests' SQLite is in memory)",
)
def test_a_sweep_and_a_wake_up_at_once_send_each_message_once(smtp_server):
    smtp_server.stop()
    for number in range(5):
        _send(subject=f"Message {number}")
    OutgoingMessage.objects.update(next_attempt_at=timezone.now())
    smtp_server.start()

    senders = [_sender_thread() for __ in range(3)]
    for sender in senders:
        sender.start()
    for sender in senders:
        sender.join(timeout=30)
    sweep_outbox.call_local()

    subjects = sorted(m["Subject"] for m in smtp_server.inbox.messages)
    assert subjects == [f"Message {number}" for number in range(5)]
    assert set(OutgoingMessage.objects.values_list("status", flat=True)) == {"sent"}


def test_a_hanging_mail_server_holds_one_sender_and_no_other_work(settings):
    silent = SilentSmtpServer()
    deliver_through(settings, silent.port, timeout=2)
    settings.MAIL_RETRY_DELAY = 0
    try:
        _send()  # the wake-up on commit hangs for EMAIL_TIMEOUT, then gives up
        outgoing = OutgoingMessage.objects.get()
        assert outgoing.status == Status.PENDING
        assert "timed out" in outgoing.last_error

        hanging = _sender_thread()
        hanging.start()
        time.sleep(0.3)  # let it reach the silent server
        started = time.monotonic()
        second = services.outbox_deliver()
        took = time.monotonic() - started
        hanging.join(timeout=10)
    finally:
        silent.stop()

    assert second == 0
    assert took < 1


@pytest.fixture
def queue_on_disk(tmp_path):
    """The task queue as in production: a task is written to a file and run
    only when a worker takes it (the other tests run tasks as they are
    queued)."""
    from huey.contrib.djhuey import HUEY
    from huey.storage import SqliteStorage

    saved = HUEY.storage, HUEY._immediate
    HUEY.storage = SqliteStorage(
        name="gotobetter", filename=str(tmp_path / "tasks.sqlite3")
    )
    HUEY._immediate = False
    yield HUEY
    HUEY.storage, HUEY._immediate = saved


def _worker_pass(queue) -> list[str]:
    """What the consumer does each minute, for the outbox: queue the sweep
    when it is due, then run every task waiting. Returns the tasks run."""
    for task in queue.read_periodic(None):
        if isinstance(task, sweep_outbox.task_class):
            queue.enqueue(task)
    ran = []
    while (task := queue.dequeue()) is not None:
        queue.execute(task)
        ran.append(task.name)
    return ran


def test_the_worker_retries_mail_the_server_refused_and_delivers_it_once(
    smtp_server, queue_on_disk, clock
):
    smtp_server.stop()
    _send()
    assert queue_on_disk.pending_count() == 1  # the wake-up, waiting on disk
    assert OutgoingMessage.objects.get().attempts == 0

    assert _worker_pass(queue_on_disk) == ["deliver_outbox", "sweep_outbox"]
    outgoing = OutgoingMessage.objects.get()
    assert (outgoing.status, outgoing.attempts) == (Status.PENDING, 1)
    assert "Connection refused" in outgoing.last_error
    assert outgoing.next_attempt_at == timezone.now() + timedelta(minutes=1)

    smtp_server.start()
    clock.move_to(outgoing.next_attempt_at - timedelta(seconds=1))
    _worker_pass(queue_on_disk)
    assert smtp_server.inbox.messages == []

    clock.move_to(outgoing.next_attempt_at)
    _worker_pass(queue_on_disk)
    clock.shift(timedelta(minutes=5))
    _worker_pass(queue_on_disk)

    outgoing.refresh_from_db()
    assert (outgoing.status, outgoing.attempts) == (Status.SENT, 2)
    assert [m["Subject"] for m in smtp_server.inbox.messages] == ["Your kit"]
    assert queue_on_disk.pending_count() == 0
