from django.db import models
from django.db.models import Count, Q


class SubscriberQuerySet(models.QuerySet):
    def counts_by_source(self):
        """One row per source: how many signed up, and how many confirmed."""
        return (
            self.values("source")
            .annotate(
                total=Count("id"),
                confirmed=Count("id", filter=Q(status=Subscriber.Status.CONFIRMED)),
            )
            .order_by("-total", "source")
        )

    def signups_since(self, starts: dict) -> dict:
        """For each label, how many claimed the kit since its start, in one
        query."""
        counts = self.aggregate(
            **{
                f"since_{i}": Count("id", filter=Q(created_at__gte=start))
                for i, start in enumerate(starts.values())
            }
        )
        return {label: counts[f"since_{i}"] for i, label in enumerate(starts)}


class Subscriber(models.Model):
    """A reader who claimed the starter kit, and where they stand now."""

    class Status(models.TextChoices):
        PENDING = "pending", "Waiting for confirmation"
        CONFIRMED = "confirmed", "Confirmed"
        UNSUBSCRIBED = "unsubscribed", "Unsubscribed"

    email = models.EmailField(unique=True)
    first_name = models.CharField(max_length=60, blank=True)
    status = models.CharField(
        max_length=12, choices=Status.choices, default=Status.PENDING
    )
    source = models.CharField(
        max_length=200,
        blank=True,
        help_text="The article or page where the kit was claimed.",
    )
    consent_version = models.CharField(max_length=20)
    # A keyed hash: enough to spot abuse from one address, useless to anyone else.
    ip_hash = models.CharField(max_length=64, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    confirmation_sent_at = models.DateTimeField(null=True, blank=True)
    kit_sent_at = models.DateTimeField(null=True, blank=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    unsubscribed_at = models.DateTimeField(null=True, blank=True)

    objects = SubscriberQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["source", "status"])]

    def __str__(self):
        return self.email

    @property
    def is_confirmed(self):
        return self.status == self.Status.CONFIRMED
