"""A buyer's library: every order placed with one e-mail address and its
files, opened from a signed, expiring link sent to that address.

Asking for the link answers the same whether or not the address has orders,
and does the same work either way (the e-mail is built, and only written to
the outbox when there is something to send), so neither the page nor its
timing says who bought here.
"""

from django.conf import settings
from django.core import signing
from django.db.models import Q
from django.urls import reverse
from django.utils.crypto import salted_hmac

from shop.apps.order import receipts
from shop.limits import services as limits
from shop.mail.messages import absolute_url, email_message, render_templated

SALT = "shop.apps.order.library"


def library_path(email: str) -> str:
    token = signing.dumps(email.strip().lower(), salt=SALT, compress=True)
    return reverse("library:page", kwargs={"token": token})


def library_email_of(token: str) -> str | None:
    """The address a library link was made for; None if forged or expired."""
    try:
        return signing.loads(token, salt=SALT, max_age=settings.LIBRARY_LINK_MAX_AGE)
    except signing.BadSignature:
        return None


def library_orders(email: str):
    """The orders placed with this address (as a guest, or by the account
    that has it now), newest first, with all their
    receipts read, in a fixed number of queries."""
    placed_with = Q(guest_email__iexact=email) | Q(user__email__iexact=email)
    return receipts.orders().filter(placed_with).order_by("-date_placed", "-pk")


def _ip_key(ip: str) -> str:
    return "library:requests:" + salted_hmac(SALT, ip).hexdigest()


def library_request_allowed(*, ip: str) -> bool:
    """Counts one request from this IP; False past the hourly limit."""
    return limits.hit(
        key=_ip_key(ip),
        limit=settings.LIBRARY_REQUESTS_PER_IP_PER_HOUR,
        window=3600,
    )


def library_link_send(*, email: str) -> None:
    """E-mail the library link to an address that has orders; nothing for
    one without, or one sent a link less than LIBRARY_MAIL_INTERVAL ago."""
    email = email.strip()
    subject, text, html = render_templated(
        template="order/email/library",
        context={
            "url": absolute_url(library_path(email)),
            "hours": settings.LIBRARY_LINK_MAX_AGE // 3600,
        },
    )
    message = email_message(subject=subject, text=text, html=html, to=email)
    if not limits.hit(
        key=f"library:mail:{email.lower()}",
        limit=1,
        window=settings.LIBRARY_MAIL_INTERVAL,
    ):
        return
    if library_orders(email).exists():
        message.send()
