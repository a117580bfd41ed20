"""Proving an account's e-mail address, and the guest orders that come with
it: once a customer has followed a link sent to an address, the orders placed
with it as a guest are theirs in the account, with their downloads."""

from django.conf import settings
from django.core import signing
from django.db import transaction
from django.db.models import Exists, OuterRef, Q
from django.db.models.functions import Lower
from django.urls import reverse
from oscar.core.loading import get_model

from shop.apps.customer.models import VerifiedEmail
from shop.limits import services as limits
from shop.mail.messages import absolute_url, send_templated

Order = get_model("order", "Order")

SALT = "shop.apps.customer.verification"


def email_is_verified(*, user) -> bool:
    return user.verified_emails.filter(email=user.email.lower()).exists()


def email_verified_record(*, user, email: str) -> None:
    VerifiedEmail.objects.get_or_create(user=user, email=email.strip().lower())


def customer_orders(*, user):
    """The customer's orders: placed while signed in, or as a guest with an
    address they have proved is theirs."""
    proved = VerifiedEmail.objects.filter(user=user, email=OuterRef("email_lower"))
    return Order._default_manager.annotate(email_lower=Lower("guest_email")).filter(
        Q(user=user) | Q(user__isnull=True) & Exists(proved)
    )


def verification_path(*, user) -> str:
    token = signing.dumps({"user": user.pk, "email": user.email.lower()}, salt=SALT)
    return reverse("customer:verify-email", kwargs={"token": token})


def verification_link_send(*, user) -> None:
    """E-mail a link that proves the account's address; at most one per
    account per REGISTRATION_MAIL_INTERVAL, however often it is asked for."""
    if not limits.hit(
        key=f"customer:verify-mail:{user.pk}",
        limit=1,
        window=settings.REGISTRATION_MAIL_INTERVAL,
    ):
        return
    send_templated(
        template="customer/email/verify_email",
        context={
            "url": absolute_url(verification_path(user=user)),
            "days": settings.PASSWORD_RESET_TIMEOUT // (24 * 3600),
        },
        to=user.email,
    )


def email_verify(*, user, token: str) -> bool:
    """Record the address the link proves, if it was made for this account
    and its address is still the one it was sent to."""
    try:
        claim = signing.loads(token, salt=SALT, max_age=settings.PASSWORD_RESET_TIMEOUT)
    except signing.BadSignature:
        return False
    if not isinstance(claim, dict) or claim.get("user") != user.pk:
        return False
    if claim.get("email") != user.email.lower():
        return False
    with transaction.atomic():
        email_verified_record(user=user, email=user.email)
    return True
