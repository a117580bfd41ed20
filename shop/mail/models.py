"""The outbox: every e-mail the shop owes, kept until it is delivered."""

import pickle

from django.db import models
from django.utils import timezone


class OutgoingMessageQuerySet(models.QuerySet):
    def due(self, *, now=None):
        """Waiting, and their next try has come."""
        return self.filter(
            status=OutgoingMessage.Status.PENDING,
            next_attempt_at__lte=now or timezone.now(),
        )

    def owed(self):
        """Not delivered yet: waiting, being sent, or given up on."""
        return self.exclude(status=OutgoingMessage.Status.SENT)


class OutgoingMessage(models.Model):
    """One e-mail, written in the same transaction as what made it owed.

    The worker delivers it and retries with growing pauses until it is
    delivered or MAIL_GIVE_UP_AFTER has passed; staff see the ones given up
    on (and those still waiting) in the admin and can send them again.
    """

    class Status(models.TextChoices):
        PENDING = "pending", "Waiting to be sent"
        SENDING = "sending", "Being sent"
        SENT = "sent", "Delivered to the mail server"
        FAILED = "failed", "Given up: send it again by hand"

    to = models.CharField(max_length=1000)
    subject = models.CharField(max_length=1000)
    # The whole message (text, HTML, headers), exactly as it was built.
    payload = models.BinaryField()
    status = models.CharField(
        max_length=10, choices=Status.choices, default=Status.PENDING
    )
    attempts = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(default=timezone.now)
    next_attempt_at = models.DateTimeField(default=timezone.now)
    claimed_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    last_error = models.TextField(blank=True)

    objects = OutgoingMessageQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["status", "next_attempt_at"])]
        verbose_name = "outgoing e-mail"
        verbose_name_plural = "outgoing e-mails"

    def __str__(self):
        return f"{self.subject} to {self.to}"

    @classmethod
    def from_message(cls, message) -> "OutgoingMessage":
        message.connection = None  # the worker opens its own
        return cls(
            to=", ".join(message.recipients())[:1000],
            subject=str(message.subject)[:1000],
            payload=pickle.dumps(message),
        )

    def message(self):
        # Our own rows, written by from_message.
        return pickle.loads(bytes(self.payload))


class SenderLease(models.Model):
    """Held by the one worker thread that is talking to the mail server, so a
    slow or hanging server ties up one thread, never the whole worker."""

    name = models.CharField(max_length=40, primary_key=True)
    holder = models.CharField(max_length=32, blank=True)
    held_until = models.DateTimeField()

    def __str__(self):
        return self.name
