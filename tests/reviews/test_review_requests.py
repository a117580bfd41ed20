"""The review request e-mail: once per order, the staff's number of days
after buying (or never, when staff switch it off), through the outbox, with
a link to say no to such e-mails for good."""

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse

from shop.apps.catalogue.reviews.models import ReviewRequest, ReviewRequestPolicy
from shop.apps.catalogue.reviews.requests import review_requests_send
from shop.apps.catalogue.reviews.tasks import send_review_requests
from tests.factories import ProductFactory, paid_order

pytestmark = pytest.mark.django_db

OPT_OUT = re.compile(r"https?://[^/\s]+(/reviews/no-more-requests/[^\s\"<>]+/)")
REVIEW_LINK = re.compile(
    r"https?://[^/\s]+(/catalogue/[^\s\"<>]+/reviews/add/[^\s\"<>]+/)"
)


@pytest.fixture
def order(db):
    return paid_order(products=[ProductFactory(title="Self-Care Tracker")])


def _send(clock, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return send_review_requests.call_local()


def test_the_buyer_is_asked_once_after_the_staffs_delay(
    client, clock, order, django_capture_on_commit_callbacks
):
    ReviewRequestPolicy.objects.create(delay_days=10)

    clock.shift(timedelta(days=9))
    assert _send(clock, django_capture_on_commit_callbacks) == 0
    clock.shift(timedelta(days=1, seconds=1))
    assert _send(clock, django_capture_on_commit_callbacks) == 1
    clock.shift(timedelta(hours=1))
    assert _send(clock, django_capture_on_commit_callbacks) == 0

    (message,) = mail.outbox
    assert message.to == ["reader@example.com"]
    assert "Review Self-Care Tracker" in message.body
    (path,) = set(REVIEW_LINK.findall(message.body))
    assert "The name shown with your review" in client.get(path).content.decode()
    assert ReviewRequest.objects.get().order == order


def test_staff_can_switch_the_requests_off(
    clock, order, django_capture_on_commit_callbacks
):
    ReviewRequestPolicy.objects.create(enabled=False, delay_days=3)
    clock.shift(timedelta(days=4))

    assert _send(clock, django_capture_on_commit_callbacks) == 0
    assert not mail.outbox


def test_old_orders_are_not_asked_when_the_requests_are_switched_on(
    clock, order, django_capture_on_commit_callbacks
):
    clock.shift(timedelta(days=60))

    assert _send(clock, django_capture_on_commit_callbacks) == 0


def test_a_buyer_who_says_no_is_never_asked_again(
    client, clock, order, django_capture_on_commit_callbacks
):
    ReviewRequestPolicy.objects.create(delay_days=1)
    clock.shift(timedelta(days=1, seconds=1))
    _send(clock, django_capture_on_commit_callbacks)
    (path,) = set(OPT_OUT.findall(mail.outbox[0].body))

    asked = client.get(path)
    assert "Stop review requests" in asked.content.decode()
    done = client.post(path)
    assert "we will not ask reader@example.com" in done.content.decode()

    later = paid_order(products=[ProductFactory()])
    clock.shift(timedelta(days=1, seconds=1))
    assert _send(clock, django_capture_on_commit_callbacks) == 0
    assert len(mail.outbox) == 1
    assert ReviewRequest.objects.filter(order=later).exists()


def test_a_forged_opt_out_link_says_so(client):
    response = client.get(
        reverse("review-requests-opt-out", kwargs={"token": "forged:token"})
    )

    assert response.status_code == 400
    assert "This link does not work" in response.content.decode()


def test_the_staff_setting_is_one_page_linked_from_the_dashboard(admin_client):
    home = admin_client.get(reverse("dashboard:index")).content.decode()
    page = admin_client.post(
        reverse("admin:reviews_reviewrequestpolicy_change", args=[1]),
        {"enabled": "on", "delay_days": "0"},
    )

    assert reverse("admin:reviews_reviewrequestpolicy_changelist") in home
    assert "Ask at least 1 day after buying." in page.content.decode()
    assert not ReviewRequestPolicy.objects.exists()
    admin_client.post(
        reverse("admin:reviews_reviewrequestpolicy_change", args=[1]),
        {"delay_days": "21"},
    )
    policy = ReviewRequestPolicy.objects.current()
    assert (policy.enabled, policy.delay_days) == (False, 21)


def test_the_sender_answers_nothing_due_quietly(db):
    assert review_requests_send() == 0


def test_the_hourly_requests_leave_cached_pages_alone(
    client, clock, order, django_capture_on_commit_callbacks, django_assert_num_queries
):
    """Sending requests writes bookkeeping rows only: the product page stays
    in the cache (a new review, once approved, does retire it: see
    tests/reviews/test_verified_buyers.py)."""
    ReviewRequestPolicy.objects.create(delay_days=1)
    url = order.lines.get().product.get_absolute_url()
    clock.shift(timedelta(days=2))
    client.get(url)

    assert _send(clock, django_capture_on_commit_callbacks) == 1

    with django_assert_num_queries(0):
        assert client.get(url).status_code == 200
