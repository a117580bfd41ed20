"""The kit's e-mails. Subjects and headers are fixed text: nothing a reader
typed goes anywhere but the body (and the address, validated, into To)."""

from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string

from content.kit import links
from content.kit.printables import FILES


def _send(subscriber, *, subject, template, context):
    unsubscribe_url = links.absolute(links.unsubscribe_path(subscriber))
    context = {
        "first_name": subscriber.first_name,
        "unsubscribe_url": unsubscribe_url,
        **context,
    }
    message = EmailMultiAlternatives(
        subject=subject,
        body=render_to_string(f"kit/email/{template}.txt", context),
        to=[subscriber.email],
        headers={
            # RFC 8058: mail clients may POST to this URL to unsubscribe at once.
            "List-Unsubscribe": f"<{unsubscribe_url}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
    )
    message.attach_alternative(
        render_to_string(f"kit/email/{template}.html", context), "text/html"
    )
    message.send()


def send_confirmation(subscriber):
    _send(
        subscriber,
        subject="Please confirm: your Micro Habits Starter Kit",
        template="confirm",
        context={"confirm_url": links.absolute(links.confirm_path(subscriber))},
    )


def send_kit(subscriber):
    _send(
        subscriber,
        subject="Your Micro Habits Starter Kit",
        template="kit",
        context={
            "downloads_url": links.absolute(links.downloads_path(subscriber)),
            "files": [
                (kit_file.title, links.absolute(links.file_path(subscriber, name)))
                for name, kit_file in FILES.items()
            ],
        },
    )
