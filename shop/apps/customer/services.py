"""Opening an account: the address is proved before the account opens.

Registration answers the same whether or not the address already has an
account, so the form cannot be used to learn who shops here: a new address
gets a link that opens its account; a known one gets a reminder to sign in
or reset the password.
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.tokens import PasswordResetTokenGenerator
from django.db import transaction
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_decode, urlsafe_base64_encode

from shop.apps.customer.verification import email_verified_record
from shop.limits import services as limits
from shop.mail.messages import absolute_url, send_templated

User = get_user_model()


class ActivationTokenGenerator(PasswordResetTokenGenerator):
    """Signed, expiring (PASSWORD_RESET_TIMEOUT) and good for one use: the
    hash covers `is_active`, which opening the account changes."""

    key_salt = "shop.apps.customer.services.ActivationTokenGenerator"

    def _make_hash_value(self, user, timestamp):
        return f"{user.pk}{user.password}{user.is_active}{timestamp}{user.email}"


activation_tokens = ActivationTokenGenerator()


def activation_path(user) -> str:
    return reverse(
        "customer:activate",
        kwargs={
            "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
            "token": activation_tokens.make_token(user),
        },
    )


def account_register(*, form) -> None:
    """Start an account from a valid sign-up form, or remind its owner.

    Nothing at all happens for an address that was sent either message less
    than REGISTRATION_MAIL_INTERVAL ago: no flood of mail to someone else's
    inbox, and no new password behind the link already sent. Counted in the
    database, so it holds across processes and while the cache is down."""
    email = form.cleaned_data["email"]
    if not limits.hit(
        key=f"customer:registration-mail:{email.lower()}",
        limit=1,
        window=settings.REGISTRATION_MAIL_INTERVAL,
    ):
        return
    with transaction.atomic():
        owner = (
            User.objects.select_for_update()
            .filter(email__iexact=email)
            .order_by("pk")
            .first()
        )
        if owner is not None and (owner.is_active or owner.last_login):
            _mail(
                to=owner.email,
                template="customer/email/already_registered",
                context={
                    "sign_in_url": absolute_url(reverse("customer:login")),
                    "reset_url": absolute_url(reverse("password-reset")),
                },
            )
            return
        if owner is None:
            user = form.save(commit=False)
            user.is_active = False
        else:
            # Never opened: whoever proves the address now sets the password.
            user = owner
            user.set_password(form.cleaned_data["password1"])
        user.save()
        _mail(
            to=user.email,
            template="customer/email/activate",
            context={
                "url": absolute_url(activation_path(user)),
                "days": settings.PASSWORD_RESET_TIMEOUT // (24 * 3600),
            },
        )


def _mail(*, to, template, context):
    send_templated(template=template, context=context, to=to)


def account_for_activation(*, uidb64, token):
    """The unopened account this link opens, or None if it does not."""
    try:
        pk = int(urlsafe_base64_decode(uidb64).decode())
    except (ValueError, UnicodeDecodeError):
        return None
    user = User.objects.filter(pk=pk, is_active=False).first()
    if user is None or not activation_tokens.check_token(user, token):
        return None
    return user


def account_activate(*, uidb64, token):
    """Open the account the link is for; None when the link does not work."""
    with transaction.atomic():
        user = account_for_activation(uidb64=uidb64, token=token)
        if user is None:
            return None
        user.is_active = True
        user.save(update_fields=["is_active"])
        # The link came to this address: it is proved, and the guest orders
        # placed with it are the account's.
        email_verified_record(user=user, email=user.email)
    return user
