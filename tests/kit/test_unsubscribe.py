"""Leaving: one-click unsubscribe from every kit e-mail (RFC 8058)."""

import pytest
from django.test import Client

from content.kit import links
from content.kit.models import Subscriber
from tests.factories import SubscriberFactory

pytestmark = pytest.mark.django_db

ONE_CLICK = {"List-Unsubscribe": "One-Click"}


@pytest.fixture
def mail_client():
    """A mail client's POST: no cookies, no CSRF token, CSRF checks on."""
    return Client(enforce_csrf_checks=True)


def _header_path(message):
    url = message.extra_headers["List-Unsubscribe"].strip("<>")
    return url.split("example.com", 1)[1]


@pytest.mark.parametrize("kind", ["confirmation", "kit"])
def test_every_kit_email_carries_one_click_unsubscribe_headers(claim, outbox, kind):
    SubscriberFactory(email="reader@example.test", confirmed=kind == "kit")

    claim()

    [message] = outbox
    headers = message.message()
    assert headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert headers["List-Unsubscribe"].startswith(
        "<https://example.com/kit/unsubscribe/"
    )
    assert _header_path(message) in message.body


def test_a_post_to_the_header_link_unsubscribes_without_signing_in(
    claim, outbox, mail_client
):
    claim()

    response = mail_client.post(_header_path(outbox[0]), ONE_CLICK)

    assert response.status_code == 200
    subscriber = Subscriber.objects.get()
    assert subscriber.status == Subscriber.Status.UNSUBSCRIBED
    assert subscriber.unsubscribed_at is not None


def test_following_the_link_asks_before_unsubscribing(client):
    subscriber = SubscriberFactory(confirmed=True)

    response = client.get(links.unsubscribe_path(subscriber))

    assert "Unsubscribe me" in response.content.decode()
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.CONFIRMED


def test_pressing_the_button_says_it_is_done(mail_client):
    subscriber = SubscriberFactory(confirmed=True)

    response = mail_client.post(links.unsubscribe_path(subscriber))

    assert "You are unsubscribed" in response.content.decode()
    assert "sign up again" in response.content.decode()


def test_unsubscribing_twice_is_harmless(mail_client):
    subscriber = SubscriberFactory(unsubscribed=True)
    left_at = subscriber.unsubscribed_at

    response = mail_client.post(links.unsubscribe_path(subscriber))

    assert response.status_code == 200
    subscriber.refresh_from_db()
    assert subscriber.unsubscribed_at == left_at


@pytest.mark.parametrize("method", ["get", "post"])
def test_a_forged_unsubscribe_link_changes_nobody(mail_client, method):
    subscriber = SubscriberFactory(confirmed=True)
    confirm_token = links.make_token(subscriber, links.CONFIRM)

    response = getattr(mail_client, method)(f"/kit/unsubscribe/{confirm_token}/")

    assert response.status_code == 404
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.CONFIRMED


def test_other_kit_forms_still_need_the_csrf_token(mail_client):
    subscriber = SubscriberFactory()

    response = mail_client.post(links.confirm_path(subscriber))

    assert response.status_code == 403
