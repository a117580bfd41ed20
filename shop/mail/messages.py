"""Building the shop's e-mails: one branded layout, its CSS inlined, a plain
text part beside it, absolute links.

Every e-mail the shop sends is built by `email_message`: `send_templated`
renders a template set that extends `mail/base.html` and `mail/base.txt`,
and Oscar's account e-mails come through `Dispatcher` (used by
`shop/apps/customer/utils.py`).
"""

from email.mime.base import MIMEBase

import css_inline
from django.conf import settings
from django.contrib.sites.models import Site
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from oscar.apps.communication import utils as communication

# The layout's rules are written into each element's style attribute, for
# the clients that drop <style>. Its at-rules (the dark scheme, the narrow
# screen) cannot be inlined: they are in a <style data-css-inline="ignore">
# of their own, kept as it is for the clients that read it.
INLINER = css_inline.CSSInliner(keep_style_tags=True, load_remote_stylesheets=False)


def absolute_url(path: str) -> str:
    """A full URL for an e-mail, which is read far from any request: the
    current Site's domain (admin, Sites) and OSCAR_URL_SCHEMA."""
    domain = Site.objects.get_current().domain
    return f"{settings.OSCAR_URL_SCHEMA}://{domain}{path}"


def layout_context() -> dict:
    """What the layout shows around every e-mail: the wordmark's link and the
    seller who sends it."""
    return {
        "shop_name": settings.OSCAR_SHOP_NAME,
        "shop_url": absolute_url(reverse("home")),
        "seller": {
            "name": settings.SELLER_NAME,
            "address": settings.SELLER_ADDRESS,
            "email": settings.SELLER_EMAIL,
        },
    }


def inline_css(html: str) -> str:
    return INLINER.inline(html)


def email_message(
    *, subject: str, text: str, html: str, to: str, headers=None
) -> EmailMultiAlternatives:
    """One e-mail: the plain text, and the HTML with its CSS inlined."""
    message = EmailMultiAlternatives(
        subject=" ".join(subject.split()),
        body=text,
        to=[to],
        headers=headers or {},
    )
    message.attach_alternative(inline_css(html), "text/html")
    return message


def render_templated(*, template: str, context: dict) -> tuple[str, str, str]:
    """The subject, text and HTML of `<template>_subject.txt/.txt/.html`."""
    context = {**layout_context(), **context}
    return (
        render_to_string(f"{template}_subject.txt", context),
        render_to_string(f"{template}.txt", context),
        render_to_string(f"{template}.html", context),
    )


def send_templated(*, template: str, context: dict, to: str, headers=None) -> None:
    """One e-mail in text and HTML from `<template>_subject.txt/.txt/.html`,
    whose `.html` extends `mail/base.html` and `.txt` extends `mail/base.txt`."""
    subject, text, html = render_templated(template=template, context=context)
    email_message(subject=subject, text=text, html=html, to=to, headers=headers).send()


class Dispatcher(communication.Dispatcher):
    """Oscar's e-mail dispatcher, building its messages as ours: the layout's
    context for its templates (`oscar/communication/emails/`, which extend
    ours) and the same inlining."""

    def get_base_context(self, **kwargs):
        return {**layout_context(), **super().get_base_context(**kwargs)}

    def send_email_messages(
        self, recipient_email, messages, from_email=None, attachments=None
    ):
        message = email_message(
            subject=messages["subject"],
            text=messages["body"],
            html=messages["html"],
            to=recipient_email,
        )
        message.from_email = from_email or settings.OSCAR_FROM_EMAIL
        content_attachments, file_attachments = self.prepare_attachments(attachments)
        for attachment in content_attachments:
            if isinstance(attachment, MIMEBase):
                message.attach(attachment)
            else:
                message.attach(*attachment)
        for path in file_attachments:
            message.attach_file(path)
        if self.mail_connection:
            self.mail_connection.send_messages([message])
        else:
            message.send()
        return message
