from django.conf import settings
from django.contrib.sites.models import Site
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string

from shop.downloads.models import DownloadLink


def absolute_url(path: str) -> str:
    domain = Site.objects.get_current().domain
    return f"{settings.OSCAR_URL_SCHEMA}://{domain}{path}"


def send_templated(*, template: str, context: dict, to: str) -> None:
    """One e-mail in text and HTML from `<template>_subject/.txt/.html`."""
    subject = render_to_string(f"{template}_subject.txt", context).strip()
    message = EmailMultiAlternatives(
        subject=subject,
        body=render_to_string(f"{template}.txt", context),
        to=[to],
    )
    message.attach_alternative(
        render_to_string(f"{template}.html", context), "text/html"
    )
    message.send()


def send_fresh_link(*, link_id: int) -> None:
    link = DownloadLink.objects.select_related("line__order", "product_file").get(
        pk=link_id
    )
    order = link.line.order
    send_templated(
        template="downloads/email/fresh_link",
        context={
            "order": order,
            "link": link,
            "url": absolute_url(link.get_absolute_url()),
        },
        to=order.email,
    )
