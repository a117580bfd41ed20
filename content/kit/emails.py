"""The kit's e-mails. Subjects and headers are fixed text: nothing a reader
typed goes anywhere but the body (and the address, validated, into To)."""

from content.kit import links
from content.kit.printables import FILES
from shop.mail.messages import absolute_url, send_templated


def _send(subscriber, *, template, context):
    unsubscribe_url = absolute_url(links.unsubscribe_path(subscriber))
    send_templated(
        template=f"kit/email/{template}",
        context={
            "first_name": subscriber.first_name,
            "unsubscribe_url": unsubscribe_url,
            **context,
        },
        to=subscriber.email,
        headers={
            # RFC 8058: mail clients may POST to this URL to unsubscribe at once.
            "List-Unsubscribe": f"<{unsubscribe_url}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
    )


def send_confirmation(subscriber):
    _send(
        subscriber,
        template="confirm",
        context={"confirm_url": absolute_url(links.confirm_path(subscriber))},
    )


def send_kit(subscriber):
    _send(
        subscriber,
        template="kit",
        context={
            "downloads_url": absolute_url(links.downloads_path(subscriber)),
            "files": [
                (kit_file.title, absolute_url(links.file_path(subscriber, name)))
                for name, kit_file in FILES.items()
            ],
        },
    )
