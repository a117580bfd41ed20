"""Delivering the outbox: exactly one sender at a time, each message claimed
before it is sent, retried with growing pauses, never dropped unseen."""

import logging
import smtplib
import uuid
from datetime import UTC, datetime, timedelta

from django.conf import settings
from django.core.mail import get_connection
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from shop.mail.models import OutgoingMessage, SenderLease

logger = logging.getLogger(__name__)

Status = OutgoingMessage.Status
LEASE = "mail"
# A released lease is free whatever the clock says, even if it went back.
RELEASED = datetime(2000, 1, 1, tzinfo=UTC)


def message_queue(*, message) -> OutgoingMessage:
    """Write the message to the outbox in the caller's transaction; the
    worker is woken once that commits (and the sweep finds it if not)."""
    outgoing = OutgoingMessage.from_message(message)
    outgoing.full_clean(exclude=["payload"])
    outgoing.save()
    transaction.on_commit(_wake_worker, robust=True)
    return outgoing


def _wake_worker():
    from shop.mail.tasks import deliver_outbox

    deliver_outbox()


def outbox_deliver() -> int:
    """Send what is due, one message after another, while this thread holds
    the sender lease, for at most MAIL_DELIVERY_BUDGET seconds (the sweep
    goes on with the rest). Returns how many were delivered; 0 at once when
    another thread is sending (it picks up these messages too)."""
    me = uuid.uuid4().hex
    started = timezone.now()
    deadline = started + timedelta(seconds=settings.MAIL_DELIVERY_BUDGET)
    delivered = 0
    try:
        while timezone.now() < deadline and _lease_take(holder=me):
            # Due when this run started: one that fails now waits for a
            # later run, never tried over and over in this one.
            outgoing = _claim_next(now=started)
            if outgoing is None:
                break
            delivered += _deliver(outgoing=outgoing)
    finally:
        SenderLease.objects.filter(name=LEASE, holder=me).update(
            holder="", held_until=RELEASED
        )
    return delivered


def _lease_take(*, holder) -> bool:
    """Take, or keep, the sender lease for as long as one message can take.
    A lease whose holder died simply runs out."""
    now = timezone.now()
    SenderLease.objects.get_or_create(name=LEASE, defaults={"held_until": now})
    return bool(
        SenderLease.objects.filter(name=LEASE)
        .filter(Q(held_until__lte=now) | Q(holder=holder))
        .update(
            holder=holder,
            held_until=now + timedelta(seconds=2 * settings.EMAIL_TIMEOUT + 30),
        )
    )


def _claim_next(*, now):
    """Mark the oldest due message as being sent by us, or None."""
    for outgoing in OutgoingMessage.objects.due(now=now).order_by(
        "next_attempt_at", "pk"
    )[:5]:
        claimed = (
            OutgoingMessage.objects.due(now=now)
            .filter(pk=outgoing.pk)
            .update(status=Status.SENDING, claimed_at=timezone.now())
        )
        if claimed:
            outgoing.refresh_from_db()
            return outgoing
    return None


def _deliver(*, outgoing) -> int:
    connection = get_connection(settings.MAIL_DELIVERY_BACKEND, fail_silently=False)
    try:
        connection.send_messages([outgoing.message()])
    except smtplib.SMTPRecipientsRefused as error:
        _give_up(outgoing=outgoing, error=error)
        return 0
    except Exception as error:  # any failure: try again later
        _retry_later(outgoing=outgoing, error=error)
        return 0
    OutgoingMessage.objects.filter(pk=outgoing.pk, status=Status.SENDING).update(
        status=Status.SENT,
        sent_at=timezone.now(),
        attempts=outgoing.attempts + 1,
        last_error="",
    )
    logger.info("mail delivered", extra={"outgoing": outgoing.pk})
    return 1


def retry_delay(attempts: int) -> timedelta:
    """MAIL_RETRY_DELAY, doubled after each failure, at most MAIL_RETRY_MAX_DELAY."""
    seconds = settings.MAIL_RETRY_DELAY * 2 ** max(attempts - 1, 0)
    return timedelta(seconds=min(seconds, settings.MAIL_RETRY_MAX_DELAY))


def _retry_later(*, outgoing, error):
    now = timezone.now()
    attempts = outgoing.attempts + 1
    if now - outgoing.created_at >= timedelta(seconds=settings.MAIL_GIVE_UP_AFTER):
        _give_up(outgoing=outgoing, error=error)
        return
    OutgoingMessage.objects.filter(pk=outgoing.pk, status=Status.SENDING).update(
        status=Status.PENDING,
        attempts=attempts,
        next_attempt_at=now + retry_delay(attempts),
        last_error=_describe(error),
    )
    logger.warning(
        "mail not delivered; will try again",
        extra={"outgoing": outgoing.pk, "attempts": attempts, "error": str(error)},
    )


def _give_up(*, outgoing, error):
    OutgoingMessage.objects.filter(pk=outgoing.pk, status=Status.SENDING).update(
        status=Status.FAILED,
        attempts=outgoing.attempts + 1,
        last_error=_describe(error),
    )
    logger.error(
        "mail given up on: staff can send it again from the admin",
        extra={"outgoing": outgoing.pk, "error": str(error)},
    )


def _describe(error) -> str:
    return f"{type(error).__name__}: {error}"[:2000]


def outbox_recover() -> int:
    """Put back messages whose sender died mid-send (worker killed, host
    lost): claimed longer ago than any send can take. Such a message may
    have reached the mail server just before; sending it again is the only
    way to be sure it is not lost."""
    now = timezone.now()
    stale = now - timedelta(seconds=2 * settings.EMAIL_TIMEOUT + 60)
    return OutgoingMessage.objects.filter(
        status=Status.SENDING, claimed_at__lt=stale
    ).update(status=Status.PENDING, next_attempt_at=now)


def message_resend(*, outgoing) -> bool:
    """Staff send a message again: a failed one, or one still waiting."""
    sent_again = OutgoingMessage.objects.filter(
        pk=outgoing.pk, status__in=[Status.FAILED, Status.PENDING]
    ).update(
        status=Status.PENDING,
        next_attempt_at=timezone.now(),
        created_at=timezone.now(),
    )
    if sent_again:
        transaction.on_commit(_wake_worker, robust=True)
    return bool(sent_again)
