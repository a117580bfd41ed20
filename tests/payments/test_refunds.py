import time
from decimal import Decimal

import pytest
from django.urls import reverse
from oscar.core.loading import get_model

from shop.downloads.models import DownloadLink
from shop.payments import services
from shop.payments.models import StripePayment
from tests.factories import ProductFactory, ProductFileFactory
from tests.payments.conftest import event

Order = get_model("order", "Order")

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_line_order(client, stripe_server, printable, add_to_basket):
    second = ProductFactory(title="Calm Morning Tracker", price=Decimal("4.50"))
    ProductFileFactory(product=second)
    add_to_basket(printable)
    add_to_basket(second)
    client.post(reverse("checkout:index"), {"email": "reader@example.com"}, follow=True)
    client.post(reverse("checkout:payment-details"), {"payment_method": "pm_card_visa"})
    return Order.objects.get()


def _usable(order):
    return set(
        DownloadLink.objects.usable()
        .filter(line__order=order)
        .values_list("line__title", flat=True)
    )


def test_full_refund_is_made_at_stripe_and_switches_off_every_link(two_line_order):
    refund = services.order_refund(order=two_line_order)

    assert refund.amount == 1440
    assert refund.status == "succeeded"
    two_line_order.refresh_from_db()
    assert two_line_order.status == "Refunded"
    assert _usable(two_line_order) == set()


def test_refund_of_one_line_switches_off_that_lines_files_only(two_line_order):
    tracker = two_line_order.lines.get(title="Calm Morning Tracker")

    refund = services.order_refund(order=two_line_order, lines=[tracker])

    assert refund.amount == 450
    assert _usable(two_line_order) == {"Weekly Reset Planner"}
    two_line_order.refresh_from_db()
    assert two_line_order.status == "Paid"


def test_a_refunded_line_cannot_be_refunded_again(two_line_order):
    tracker = two_line_order.lines.get(title="Calm Morning Tracker")
    services.order_refund(order=two_line_order, lines=[tracker])

    with pytest.raises(services.RefundRefused):
        services.order_refund(order=two_line_order, lines=[tracker])


def _charge_refunded(order, *, amount_refunded, refund_ids):
    payment = StripePayment.objects.get(order=order)
    paid = int(order.total_incl_tax * 100)
    return event(
        "charge.refunded",
        {
            "id": "ch_test_1",
            "object": "charge",
            "amount": paid,
            "amount_refunded": amount_refunded,
            "currency": "usd",
            "payment_intent": payment.payment_intent_id,
            "refunded": amount_refunded >= paid,
            "refunds": {
                "object": "list",
                "data": [
                    {"id": rid, "object": "refund", "amount": amount_refunded}
                    for rid in refund_ids
                ],
            },
        },
        event_id=f"evt_refund_{time.time_ns()}",
    )


def test_full_refund_made_in_stripes_dashboard_switches_off_the_files(
    two_line_order, post_event
):
    response = post_event(
        _charge_refunded(two_line_order, amount_refunded=1440, refund_ids=["re_1"])
    )

    assert response.status_code == 200
    assert _usable(two_line_order) == set()
    two_line_order.refresh_from_db()
    assert two_line_order.status == "Refunded"


def test_partial_refund_made_in_stripe_keeps_the_files_and_is_recorded(
    two_line_order, post_event
):
    post_event(
        _charge_refunded(two_line_order, amount_refunded=450, refund_ids=["re_2"])
    )

    assert _usable(two_line_order) == {"Weekly Reset Planner", "Calm Morning Tracker"}
    assert two_line_order.payment_events.filter(reference="re_2").count() == 1


def test_the_same_refund_event_twice_is_recorded_once(two_line_order, post_event):
    refunded = _charge_refunded(
        two_line_order, amount_refunded=450, refund_ids=["re_3"]
    )

    post_event(refunded)
    post_event(refunded)

    assert two_line_order.payment_events.filter(reference="re_3").count() == 1
