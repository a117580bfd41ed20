"""The review request e-mail: some days after buying (staff set how many, or
switch it off: ReviewRequestPolicy), a buyer is asked once per order to
review what they bought, with a signed link per product and a link to say
no to such e-mails for good."""

from datetime import timedelta

from django.core import signing
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from oscar.core.loading import get_model

from shop.apps.catalogue.reviews.models import (
    ReviewRequest,
    ReviewRequestOptOut,
    ReviewRequestPolicy,
)
from shop.apps.catalogue.reviews.services import review_invitations
from shop.apps.order.statuses import OrderStatus
from shop.mail.messages import absolute_url, send_templated

Order = get_model("order", "Order")

OPT_OUT_SALT = "shop.apps.catalogue.reviews.requests.opt-out"
# Orders older than their due day by more than this are never asked: switching
# the e-mails on, or shortening the delay, does not write to old buyers.
GRACE = timedelta(days=7)
BATCH = 50


def opt_out_path(email: str) -> str:
    token = signing.dumps(email.strip().lower(), salt=OPT_OUT_SALT)
    return reverse("review-requests-opt-out", kwargs={"token": token})


def email_of_opt_out(token: str) -> str | None:
    try:
        return signing.loads(token, salt=OPT_OUT_SALT)
    except signing.BadSignature:
        return None


def review_requests_opt_out(*, email: str) -> None:
    ReviewRequestOptOut.objects.get_or_create(email=email.strip().lower())


def review_requests_due(*, now=None):
    """Orders whose buyer is owed a review request now."""
    now = now or timezone.now()
    policy = ReviewRequestPolicy.objects.current()
    if not policy.enabled:
        return Order.objects.none()
    due = now - timedelta(days=policy.delay_days)
    return (
        Order.objects.filter(
            date_placed__lte=due,
            date_placed__gt=due - GRACE,
            review_request__isnull=True,
        )
        .exclude(status=OrderStatus.REFUNDED)
        .select_related("user")
        .order_by("date_placed", "pk")
    )


def review_requests_send(*, now=None) -> int:
    """Ask the buyers of the orders that are due (a batch at a time); each
    order is marked asked in the transaction that writes its e-mail, so none
    is asked twice. Returns how many e-mails were written."""
    sent = 0
    for order in review_requests_due(now=now)[:BATCH]:
        sent += review_request_send(order=order)
    return sent


def review_request_send(*, order) -> int:
    """Ask one order's buyer, unless it was asked already, they said no to
    such e-mails, or there is nothing left to review. 1 if an e-mail went."""
    try:
        with transaction.atomic():
            ReviewRequest.objects.create(order=order)
            email = order.email
            if ReviewRequestOptOut.objects.filter(email=email.lower()).exists():
                return 0
            invitations = review_invitations(email=email, orders=[order])
            if not invitations:
                return 0
            send_templated(
                template="reviews/email/review_request",
                context={
                    "order": order,
                    "reviews": [
                        {**item, "url": absolute_url(item["path"])}
                        for item in invitations
                    ],
                    "opt_out_url": absolute_url(opt_out_path(email)),
                },
                to=email,
            )
            return 1
    except IntegrityError:
        # Another run asked this order meanwhile.
        return 0
