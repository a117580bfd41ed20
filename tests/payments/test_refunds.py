"""Refunds staff make through the shop, at Stripe's Refund API."""

import pytest

from shop.payments import services
from tests.payments.conftest import usable_titles as _usable

pytestmark = pytest.mark.django_db


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
