import re

import pytest
from django.core import mail

LINK = re.compile(r"https?://[^/\s]+(/kit/[^\s\"<>]+)")


def kit_paths(message):
    """The /kit/ paths linked from an e-mail's plain text, in order."""
    return LINK.findall(message.body)


@pytest.fixture
def claim(client, django_capture_on_commit_callbacks):
    """Post the kit box as a reader would; the e-mails go out on commit."""

    def post(
        email="reader@example.test", *, json=False, remote_addr="127.0.0.1", **fields
    ):
        data = {"email": email, "consent": "yes", "source": "kit", **fields}
        headers = {"Accept": "application/json"} if json else {}
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(
                "/kit/claim/", data, headers=headers, REMOTE_ADDR=remote_addr
            )

    return post


@pytest.fixture
def outbox():
    return mail.outbox
