"""Signed links in kit e-mails: confirm, download, unsubscribe.

Each kind of link has its own salt, so a token made for one can never be used
as another. Confirmation links expire; download and unsubscribe links must keep
working from an old e-mail, and download links still check that the
subscriber is confirmed.
"""

from django.conf import settings
from django.core import signing
from django.urls import reverse

CONFIRM = "kit.confirm"
DOWNLOAD = "kit.download"
UNSUBSCRIBE = "kit.unsubscribe"


def make_token(subscriber, salt):
    return signing.dumps(subscriber.pk, salt=salt, compress=True)


def read_token(token, salt, max_age=None):
    """The subscriber id in ``token``, or None when it is forged or expired."""
    try:
        value = signing.loads(token, salt=salt, max_age=max_age)
    except signing.BadSignature:
        return None
    return value if isinstance(value, int) else None


def read_confirm_token(token):
    return read_token(token, CONFIRM, max_age=settings.KIT_CONFIRM_MAX_AGE)


def confirm_path(subscriber):
    return reverse("kit:confirm", args=[make_token(subscriber, CONFIRM)])


def downloads_path(subscriber):
    return reverse("kit:downloads", args=[make_token(subscriber, DOWNLOAD)])


def file_path(subscriber, name):
    return reverse("kit:file", args=[make_token(subscriber, DOWNLOAD), name])


def unsubscribe_path(subscriber):
    return reverse("kit:unsubscribe", args=[make_token(subscriber, UNSUBSCRIBE)])
