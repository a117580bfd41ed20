"""Claiming the kit: stored, answered the same for everyone, e-mailed once."""

from datetime import timedelta

import pytest
from django.core.cache import cache
from django.utils import timezone

from content.kit.consent import CONSENT_VERSION
from content.kit.models import Subscriber
from tests.factories import SubscriberFactory
from tests.kit.conftest import kit_paths

pytestmark = pytest.mark.django_db


def test_claim_stores_a_pending_subscriber_with_source_and_consent(claim):
    claim("Reader@Example.TEST", first_name="Ana", source="tiny-habits-101")

    subscriber = Subscriber.objects.get()
    assert subscriber.email == "reader@example.test"
    assert subscriber.first_name == "Ana"
    assert subscriber.status == Subscriber.Status.PENDING
    assert subscriber.source == "tiny-habits-101"
    assert subscriber.consent_version == CONSENT_VERSION
    assert subscriber.created_at is not None


def test_the_ip_address_is_kept_only_as_a_hash(claim):
    claim(remote_addr="203.0.113.7")

    ip_hash = Subscriber.objects.get().ip_hash
    assert len(ip_hash) == 64
    assert "203.0.113.7" not in ip_hash
    assert "127.0.0.1" not in ip_hash


def test_claim_sends_a_confirmation_email_with_a_signed_link(claim, outbox):
    response = claim(first_name="Ana")

    assert response.status_code == 302
    assert response["Location"] == "/kit/check-your-inbox/"
    [message] = outbox
    assert message.to == ["reader@example.test"]
    assert message.subject == "Please confirm: your Micro Habits Starter Kit"
    assert "Hello Ana" in message.body
    assert kit_paths(message)[0].startswith("/kit/confirm/")


def test_the_answer_is_the_same_for_new_pending_and_confirmed_addresses(claim):
    SubscriberFactory(email="pending@example.test")
    SubscriberFactory(email="confirmed@example.test", confirmed=True)

    answers = {
        email: claim(email, json=True).json()
        for email in (
            "new@example.test",
            "pending@example.test",
            "confirmed@example.test",
        )
    }

    assert len({str(answer) for answer in answers.values()}) == 1
    assert answers["new@example.test"]["ok"] is True


def test_a_repeat_claim_within_ten_minutes_sends_nothing_more(claim, outbox):
    claim()
    claim()

    assert len(outbox) == 1


def test_a_repeat_claim_after_ten_minutes_resends_the_confirmation(claim, outbox):
    claim()
    Subscriber.objects.update(
        confirmation_sent_at=timezone.now() - timedelta(minutes=11)
    )

    claim()

    assert [m.subject for m in outbox] == [
        "Please confirm: your Micro Habits Starter Kit"
    ] * 2


def test_a_confirmed_reader_who_claims_again_gets_the_kit_email(claim, outbox):
    SubscriberFactory(email="reader@example.test", confirmed=True)

    claim()

    [message] = outbox
    assert message.subject == "Your Micro Habits Starter Kit"
    assert Subscriber.objects.get().status == Subscriber.Status.CONFIRMED


def test_the_honeypot_stores_nothing_but_answers_as_usual(claim, outbox):
    response = claim(website="http://spam.example")

    assert response.status_code == 302
    assert not Subscriber.objects.exists()
    assert outbox == []


@pytest.mark.parametrize(
    "email", ["", "not-an-address", "a@b", "x" * 300 + "@example.test"]
)
def test_a_bad_address_is_refused_with_a_message_keeping_the_name(claim, outbox, email):
    response = claim(email, first_name="Ana")

    assert response.status_code == 400
    page = response.content.decode()
    assert "e-mail address" in page
    assert 'value="Ana"' in page
    assert not Subscriber.objects.exists()
    assert outbox == []


def test_claim_without_consent_is_refused_and_says_why(claim):
    response = claim(consent="")

    assert response.status_code == 400
    assert "Please tick the box" in response.content.decode()
    assert not Subscriber.objects.exists()


def test_claim_with_javascript_answers_with_json_errors(claim):
    response = claim("nope", json=True)

    assert response.status_code == 400
    assert "email" in response.json()["errors"]


def test_claims_are_rate_limited_per_ip_address(claim, settings):
    settings.KIT_CLAIMS_PER_IP_PER_HOUR = 2
    for n in range(2):
        assert claim(f"r{n}@example.test").status_code == 302

    refused = claim("r9@example.test")
    other_address = claim("r10@example.test", remote_addr="198.51.100.1")

    assert refused.status_code == 429
    assert "try again in an hour" in refused.content.decode()
    assert other_address.status_code == 302
    assert Subscriber.objects.count() == 3


def test_the_claim_limit_is_one_for_every_web_process(claim, settings):
    settings.KIT_CLAIMS_PER_IP_PER_HOUR = 2
    claim("r1@example.test")
    claim("r2@example.test")
    cache.clear()  # as another process, with a memory cache of its own, sees it

    assert claim("r3@example.test").status_code == 429
    assert Subscriber.objects.count() == 2


def test_the_claim_limit_lifts_an_hour_after_the_first_claim(claim, settings, clock):
    settings.KIT_CLAIMS_PER_IP_PER_HOUR = 1
    claim("r1@example.test")
    clock.shift(timedelta(minutes=59))
    assert claim("r2@example.test").status_code == 429

    clock.shift(timedelta(minutes=1))

    assert claim("r3@example.test").status_code == 302


def test_nothing_typed_reaches_an_email_header(claim, outbox):
    claim(first_name="Ana\r\nBcc: victim@example.test\r\nSubject: Win")

    [message] = outbox
    assert message.to == ["reader@example.test"]
    assert message.bcc == []
    assert message.subject == "Please confirm: your Micro Habits Starter Kit"
    headers = message.message().as_string().split("\n\n", 1)[0]
    assert "victim" not in headers
    assert "Win" not in headers


@pytest.mark.parametrize(
    "fields, message",
    [
        (
            {"email": "reader@example.test\r\nBcc: x@example.test"},
            "Please enter a whole e-mail address, like name@example.com.",
        ),
        (
            {"first_name": "é" * 500},
            "Ensure this value has at most 60 characters (it has 500).",
        ),
    ],
    ids=["newline", "long-name"],
)
def test_a_mistyped_field_is_refused_with_its_message_and_stores_nothing(
    claim, outbox, fields, message
):
    response = claim(**{"email": "reader@example.test", **fields})

    assert response.status_code == 400
    assert message in response.content.decode()
    assert "nothing you typed is lost" in response.content.decode()
    assert not Subscriber.objects.exists()
    assert outbox == []


def test_a_nul_character_is_refused_before_anything_is_stored(claim, outbox):
    response = claim(first_name="\x00\x01")

    assert response.status_code == 400
    assert not Subscriber.objects.exists()
    assert outbox == []


def test_two_addresses_in_one_post_sign_up_only_the_last(claim, outbox):
    response = claim(["a@example.test", "b@example.test"])

    assert response.status_code == 302
    assert list(Subscriber.objects.values_list("email", flat=True)) == [
        "b@example.test"
    ]
    assert [message.to for message in outbox] == [["b@example.test"]]


def test_a_mangled_source_is_cut_down_and_the_claim_still_counts(claim):
    response = claim(source="s" * 5000)

    assert response.status_code == 302
    assert Subscriber.objects.get().source == "s" * 200


def test_any_consent_value_counts_as_the_ticked_box(claim):
    response = claim(consent="<script>")

    assert response.status_code == 302
    assert Subscriber.objects.get().consent_version == CONSENT_VERSION


def test_claim_only_accepts_post(client):
    assert client.get("/kit/claim/").status_code == 405


def test_an_unsubscribed_reader_can_sign_up_again(claim, outbox):
    SubscriberFactory(email="reader@example.test", unsubscribed=True)

    claim(source="home")

    subscriber = Subscriber.objects.get()
    assert subscriber.status == Subscriber.Status.PENDING
    assert subscriber.unsubscribed_at is None
    assert subscriber.source == "home"
    assert outbox[0].subject == "Please confirm: your Micro Habits Starter Kit"


def test_behind_a_proxy_the_limit_counts_the_reader_not_the_proxy(client, settings):
    settings.PROXY_COUNT = 1
    settings.KIT_CLAIMS_PER_IP_PER_HOUR = 1

    def claim_from(reader_ip, spoofed=""):
        forwarded = f"{spoofed}, {reader_ip}" if spoofed else reader_ip
        return client.post(
            "/kit/claim/",
            {"email": f"{reader_ip}@example.test", "consent": "yes"},
            REMOTE_ADDR="10.0.0.1",
            HTTP_X_FORWARDED_FOR=forwarded,
        ).status_code

    assert claim_from("203.0.113.1") == 302
    assert claim_from("203.0.113.2") == 302
    # A made-up address the client put first does not reset its count.
    assert claim_from("203.0.113.2", spoofed="198.51.100.9") == 429
