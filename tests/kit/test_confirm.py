"""Confirming: a page with one button, a POST that confirms, the kit at once."""

from datetime import timedelta

import pytest

from content.kit import links
from content.kit.models import Subscriber
from tests.factories import SubscriberFactory
from tests.kit.conftest import kit_paths

pytestmark = pytest.mark.django_db

# How long a confirm link works (written out, so a changed rule fails here).
A_WEEK = timedelta(days=7)


@pytest.fixture
def confirm_path(claim, outbox):
    claim(first_name="Ana")
    return kit_paths(outbox[0])[0]


def test_following_the_link_shows_a_button_and_confirms_nothing(client, confirm_path):
    response = client.get(confirm_path)

    assert response.status_code == 200
    page = response.content.decode()
    assert 'method="post"' in page
    assert "Yes, send me the kit" in page
    assert Subscriber.objects.get().status == Subscriber.Status.PENDING


def test_pressing_the_button_confirms_and_shows_the_downloads(
    client, confirm_path, django_capture_on_commit_callbacks, clock
):
    # The clock is stopped: a file link signed a second later differs.
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(confirm_path, follow=True)

    subscriber = Subscriber.objects.get()
    assert subscriber.status == Subscriber.Status.CONFIRMED
    assert subscriber.confirmed_at is not None
    page = response.content.decode()
    assert "Here is your kit" in page
    assert links.file_path(subscriber, "micro-habit-tracker.pdf") in page
    assert links.file_path(subscriber, "micro-habits-starter-kit.zip") in page


def test_confirming_sends_the_welcome_email_with_the_kit_links(
    client, confirm_path, outbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(confirm_path)

    welcome = outbox[-1]
    assert welcome.subject == "Your Micro Habits Starter Kit"
    assert "Hello Ana" in welcome.body
    paths = kit_paths(welcome)
    assert any(path.endswith("/micro-habit-tracker.pdf") for path in paths)
    assert any(path.endswith("/micro-habits-starter-kit.zip") for path in paths)
    assert len(outbox) == 2


def test_confirming_twice_sends_the_kit_once(
    client, confirm_path, outbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(confirm_path)
        second = client.post(confirm_path)

    assert second.status_code == 302
    assert len(outbox) == 2


def test_an_expired_link_asks_to_claim_again(client, confirm_path, settings):
    settings.KIT_CONFIRM_MAX_AGE = -1

    response = client.post(confirm_path)

    assert response.status_code == 400
    assert "This link no longer works" in response.content.decode()
    assert Subscriber.objects.get().status == Subscriber.Status.PENDING


def test_a_confirm_link_still_confirms_a_second_before_a_week(
    client, clock, confirm_path
):
    clock.shift(A_WEEK - timedelta(seconds=1))

    response = client.post(confirm_path, follow=True)

    assert "Here is your kit" in response.content.decode()
    assert Subscriber.objects.get().status == Subscriber.Status.CONFIRMED


def test_a_confirm_link_a_second_past_a_week_asks_to_claim_again(
    client, clock, confirm_path
):
    clock.shift(A_WEEK + timedelta(seconds=1))

    response = client.post(confirm_path)

    assert response.status_code == 400
    assert "This link no longer works" in response.content.decode()
    assert Subscriber.objects.get().status == Subscriber.Status.PENDING


@pytest.mark.parametrize("token", ["nonsense", "a" * 400, "1:abc:def"])
def test_a_forged_link_confirms_nobody(client, confirm_path, token):
    assert client.post(f"/kit/confirm/{token}/").status_code == 400
    assert Subscriber.objects.get().status == Subscriber.Status.PENDING


def test_a_download_token_cannot_confirm(client):
    subscriber = SubscriberFactory()
    token = links.make_token(subscriber, links.DOWNLOAD)

    assert client.post(f"/kit/confirm/{token}/").status_code == 400


def test_an_old_confirm_link_does_not_resubscribe_someone_who_left(client):
    subscriber = SubscriberFactory(unsubscribed=True)

    response = client.post(links.confirm_path(subscriber))

    assert response.status_code == 400
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.UNSUBSCRIBED


def test_a_confirmed_reader_can_ask_for_the_kit_email_again(
    client, outbox, django_capture_on_commit_callbacks
):
    subscriber = SubscriberFactory(confirmed=True)

    with django_capture_on_commit_callbacks(execute=True):
        first = client.post(links.downloads_path(subscriber))
        second = client.post(links.downloads_path(subscriber))

    assert "on its way to your inbox again" in first.content.decode()
    assert "try again in ten minutes" in second.content.decode()
    assert [m.subject for m in outbox] == ["Your Micro Habits Starter Kit"]
