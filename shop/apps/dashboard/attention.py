"""What staff should look at first when they open the dashboard."""

from dataclasses import dataclass
from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from shop.mail.models import OutgoingMessage
from shop.payments.models import BlockedCardAttempt, StripePayment

RECENT = timedelta(days=30)


@dataclass(frozen=True)
class Attention:
    count: int
    text: str
    url: str


def attention_items(user) -> list[Attention]:
    """Undelivered e-mail, payments refunded because no order could be
    placed and card payments the card-testing guard refused, each only for
    staff allowed to look at them."""
    items = []
    if user.has_perm("mail.view_outgoingmessage"):
        failed = OutgoingMessage.objects.filter(
            status=OutgoingMessage.Status.FAILED
        ).count()
        if failed:
            items.append(
                Attention(
                    failed,
                    "e-mail(s) could not be delivered: check the address, then "
                    "send again",
                    reverse("admin:mail_outgoingmessage_changelist")
                    + "?status__exact=failed",
                )
            )
    if user.has_perm("payments.view_stripepayment"):
        refunded = StripePayment.objects.filter(
            status=StripePayment.Status.REFUNDED,
            updated__gte=timezone.now() - RECENT,
        ).count()
        if refunded:
            items.append(
                Attention(
                    refunded,
                    "payment(s) in the last 30 days could not become an order "
                    "and were refunded in full (the buyers were told)",
                    reverse("admin:payments_stripepayment_changelist")
                    + "?status__exact=refunded",
                )
            )
    if user.has_perm("payments.view_blockedcardattempt"):
        blocked = BlockedCardAttempt.objects.filter(
            created__gte=timezone.now() - timedelta(days=1)
        ).count()
        if blocked:
            items.append(
                Attention(
                    blocked,
                    "card payment(s) in the last 24 hours were refused by the "
                    "card-testing guard",
                    reverse("admin:payments_blockedcardattempt_changelist"),
                )
            )
    return items
