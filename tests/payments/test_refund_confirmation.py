"""A staff refund goes through only from its confirmation page: the final
POST carries the amount that page showed, checked against the amount the
shop computes, so a hand-made POST cannot skip the confirmation."""

import re
from collections import defaultdict

import pytest
from django.core import mail
from django.urls import reverse

from shop.payments import stripe_api
from shop.payments.models import StripePayment
from tests.payments.conftest import usable_titles

pytestmark = pytest.mark.django_db

BOTH = {"Weekly Reset Planner", "Calm Morning Tracker"}
CONFIRM_FORM = re.compile(r'<form [^>]*id="confirm-action-form".*?</form>', re.S)
HIDDEN = re.compile(r'<input type="hidden" name="([^"]+)" value="([^"]*)">')


@pytest.fixture
def order(client, two_line_order):
    client.logout()
    mail.outbox.clear()
    return two_line_order


@pytest.fixture
def staff(client, order, django_user_model):
    client.force_login(
        django_user_model.objects.create_superuser(
            username="staff", email="staff@example.com", password="x"
        )
    )
    return client


def _post(client, order, data, **kwargs):
    return client.post(
        reverse("dashboard:order-detail", kwargs={"number": order.number}),
        data,
        **kwargs,
    )


def _confirmation_posted(page) -> dict:
    """What the confirmation page's button posts (its hidden fields)."""
    data = defaultdict(list)
    for name, value in HIDDEN.findall(CONFIRM_FORM.search(page).group()):
        data[name].append(value)
    return dict(data)


def _nothing_refunded(order):
    payment = StripePayment.objects.get(order=order)
    at_stripe = (
        stripe_api.client()
        .v1.refunds.list(params={"payment_intent": payment.payment_intent_id})
        .data
    )
    return (
        at_stripe == []
        and not order.payment_events.filter(event_type__code="refunded").exists()
        and usable_titles(order) == BOTH
    )


def test_the_confirmation_page_refunds_what_it_showed(staff, order):
    shown = _post(staff, order, {"order_action": "refund_order"}).content.decode()
    assert "Refund $14.40 to the buyer&#x27;s card?" in shown

    response = _post(staff, order, _confirmation_posted(shown), follow=True)

    assert "Refunded $14.40 through Stripe" in response.content.decode()
    order.refresh_from_db()
    assert order.status == "Refunded"
    assert usable_titles(order) == set()


def test_a_hand_made_confirmed_post_without_the_amount_only_asks_to_confirm(
    staff, order
):
    line_ids = list(order.lines.values_list("pk", flat=True))

    response = _post(
        staff,
        order,
        {"line_action": "refund_lines", "selected_line": line_ids, "confirmed": "yes"},
    )

    html = response.content.decode()
    assert response.status_code == 200
    assert "Refund $14.40 to the buyer&#x27;s card?" in html
    assert "This is not the amount that was confirmed" in html
    assert _nothing_refunded(order)


def test_a_confirmed_post_with_another_amount_refunds_nothing(staff, order):
    tracker = order.lines.get(title="Calm Morning Tracker")

    response = _post(
        staff,
        order,
        {
            "line_action": "refund_lines",
            "selected_line": [tracker.pk],
            "confirmed": "yes",
            "refund_amount": "1440",
        },
    )

    html = response.content.decode()
    assert "Refund $4.50 to the buyer&#x27;s card?" in html
    assert "This is not the amount that was confirmed" in html
    assert _nothing_refunded(order)
