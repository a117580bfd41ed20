"""What happens to a subscriber: claim, confirm, resend, unsubscribe.

E-mails are written to the outbox (shop.mail) in the same transaction, so a
rolled-back change never sends mail and a committed one always does, however
long the mail server or the task queue is down.
"""

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.crypto import salted_hmac

from content.kit import emails
from content.kit.consent import CONSENT_VERSION
from content.kit.models import Subscriber
from shop.attribution.services import signup_attribute
from shop.attribution.touches import Touch

Status = Subscriber.Status


def hash_ip(ip: str) -> str:
    if not ip:
        return ""
    return salted_hmac("kit.ip", ip, algorithm="sha256").hexdigest()


def _may_send(sent_at, now) -> bool:
    interval = timedelta(seconds=settings.KIT_RESEND_INTERVAL)
    return sent_at is None or now - sent_at >= interval


@transaction.atomic
def subscriber_claim(
    *,
    email: str,
    first_name: str = "",
    source: str = "",
    ip: str = "",
    touch: Touch | None = None,
) -> Subscriber:
    """A reader asks for the kit.

    New, pending and unsubscribed addresses get a confirmation e-mail; a
    confirmed one gets the kit again. Either way at most one e-mail per
    KIT_RESEND_INTERVAL, and the caller answers the same in every case. A
    new sign-up, or one after unsubscribing, keeps the touch that led to it.
    """
    touch = touch or Touch()
    now = timezone.now()
    email = email.strip().lower()
    subscriber, created = Subscriber.objects.select_for_update().get_or_create(
        email=email,
        defaults={"consent_version": CONSENT_VERSION, "source": source},
    )
    if created:
        signup_attribute(subscriber=subscriber, touch=touch)
    if subscriber.is_confirmed:
        if _may_send(subscriber.kit_sent_at, now):
            subscriber.kit_sent_at = now
            subscriber.full_clean()
            subscriber.save(update_fields=["kit_sent_at", "updated_at"])
            emails.send_kit(subscriber)
        return subscriber

    if subscriber.status == Status.UNSUBSCRIBED:
        subscriber.status = Status.PENDING
        subscriber.source = source
        subscriber.unsubscribed_at = None
        subscriber.confirmation_sent_at = None
        signup_attribute(subscriber=subscriber, touch=touch)
    subscriber.consent_version = CONSENT_VERSION
    subscriber.first_name = first_name.strip() or subscriber.first_name
    subscriber.ip_hash = hash_ip(ip)
    should_send = _may_send(subscriber.confirmation_sent_at, now)
    if should_send:
        subscriber.confirmation_sent_at = now
    subscriber.full_clean()
    subscriber.save()
    if should_send:
        emails.send_confirmation(subscriber)
    return subscriber


@transaction.atomic
def subscriber_confirm(*, subscriber: Subscriber) -> bool:
    """Confirm a pending subscriber and send the kit. False if they had left."""
    subscriber = Subscriber.objects.select_for_update().get(pk=subscriber.pk)
    if subscriber.is_confirmed:
        return True
    if subscriber.status == Status.UNSUBSCRIBED:
        return False
    now = timezone.now()
    subscriber.status = Status.CONFIRMED
    subscriber.confirmed_at = now
    subscriber.kit_sent_at = now
    subscriber.full_clean()
    subscriber.save()
    emails.send_kit(subscriber)
    return True


@transaction.atomic
def subscriber_resend_kit(*, subscriber: Subscriber) -> bool:
    """E-mail the kit again to a confirmed subscriber, at most once per interval."""
    subscriber = Subscriber.objects.select_for_update().get(pk=subscriber.pk)
    now = timezone.now()
    if not subscriber.is_confirmed or not _may_send(subscriber.kit_sent_at, now):
        return False
    subscriber.kit_sent_at = now
    subscriber.full_clean()
    subscriber.save(update_fields=["kit_sent_at", "updated_at"])
    emails.send_kit(subscriber)
    return True


@transaction.atomic
def subscriber_unsubscribe(*, subscriber: Subscriber) -> Subscriber:
    subscriber = Subscriber.objects.select_for_update().get(pk=subscriber.pk)
    if subscriber.status != Status.UNSUBSCRIBED:
        subscriber.status = Status.UNSUBSCRIBED
        subscriber.unsubscribed_at = timezone.now()
        subscriber.full_clean()
        subscriber.save()
    return subscriber
