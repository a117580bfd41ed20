"""What staff should look at first when they open the dashboard."""

from dataclasses import dataclass
from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from shop.mail.models import OutgoingMessage
from shop.payments.models import BlockedCardAttempt, StripePayment


@dataclass(frozen=True)
class Attention:
    count: int
    text: str
    url: str


def _checks(now):
    """(permission, what to count, what it means, where staff look)."""
    return [
        (
            "mail.view_outgoingmessage",
            OutgoingMessage.objects.filter(status=OutgoingMessage.Status.FAILED),
            "e-mail(s) could not be delivered: check the address, then send again",
            reverse("admin:mail_outgoingmessage_changelist") + "?status__exact=failed",
        ),
        (
            "payments.view_stripepayment",
            StripePayment.objects.filter(
                status=StripePayment.Status.REFUNDED,
                updated__gte=now - timedelta(days=30),
            ),
            "payment(s) in the last 30 days could not become an order and were "
            "refunded in full (the buyers were told)",
            reverse("admin:payments_stripepayment_changelist")
            + "?status__exact=refunded",
        ),
        (
            "payments.view_blockedcardattempt",
            BlockedCardAttempt.objects.filter(created__gte=now - timedelta(days=1)),
            "card payment(s) in the last 24 hours were refused by the card-testing "
            "guard",
            reverse("admin:payments_blockedcardattempt_changelist"),
        ),
    ]


def attention_items(user) -> list[Attention]:
    """Undelivered e-mail, payments refunded because no order could be
    placed and card payments the card-testing guard refused, each only for
    staff allowed to look at them."""
    items = []
    for permission, queryset, text, url in _checks(timezone.now()):
        if user.has_perm(permission) and (count := queryset.count()):
            items.append(Attention(count, text, url))
    return items
