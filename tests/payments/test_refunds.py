"""Refunds staff make through the shop, at Stripe's Refund API, recorded
through the order's EventHandler."""

from decimal import Decimal

import pytest
from django.core import mail
from oscar.core.loading import get_model

from shop.apps.order.statuses import OrderStatus
from shop.payments.services import refunds
from tests.payments.conftest import usable_titles as _usable

PaymentEventType = get_model("order", "PaymentEventType")

pytestmark = pytest.mark.django_db


@pytest.fixture
def order(two_line_order):
    mail.outbox.clear()
    return two_line_order


def _tracker(order):
    return order.lines.get(title="Calm Morning Tracker")


def _refund_mails():
    return [message for message in mail.outbox if "Your refund of" in message.subject]


def test_full_refund_is_made_at_stripe_and_switches_off_every_link(order):
    refund = refunds.order_refund(order=order)

    assert refund.amount == 1440
    assert refund.status == "succeeded"
    order.refresh_from_db()
    assert order.status == "Refunded"
    assert _usable(order) == set()


def test_refund_of_one_line_switches_off_that_lines_files_only(order):
    refund = refunds.order_refund(order=order, line_ids=[_tracker(order).pk])

    assert refund.amount == 450
    assert _usable(order) == {"Weekly Reset Planner"}


def test_refund_of_one_line_makes_the_order_partly_refunded(order):
    refunds.order_refund(order=order, line_ids=[_tracker(order).pk])

    order.refresh_from_db()
    assert order.status == "Partly refunded"
    assert [(c.old_status, c.new_status) for c in order.status_changes.all()] == [
        ("Paid", "Partly refunded")
    ]


def test_refunding_the_last_line_makes_the_order_refunded(order):
    planner = order.lines.get(title="Weekly Reset Planner")
    refunds.order_refund(order=order, line_ids=[_tracker(order).pk])

    refunds.order_refund(order=order, line_ids=[planner.pk])

    order.refresh_from_db()
    assert order.status == "Refunded"
    assert _usable(order) == set()


def test_a_refund_is_a_payment_event_of_the_refunded_code_with_its_line(order):
    tracker = _tracker(order)

    refund = refunds.order_refund(order=order, line_ids=[tracker.pk])

    event = order.payment_events.get(event_type__code="refunded")
    assert (event.amount, event.reference) == (Decimal("4.50"), refund.id)
    assert [(q.line, q.quantity) for q in event.line_quantities.all()] == [(tracker, 1)]
    assert order.sources.get().amount_refunded == Decimal("4.50")


def test_a_refund_is_noted_on_the_order(order):
    refund = refunds.order_refund(order=order, line_ids=[_tracker(order).pk])

    note = order.notes.get()
    assert note.message == (
        f"Refunded $4.50 ({refund.id}) for Calm Morning Tracker; "
        "1 download link switched off."
    )


def test_refunds_still_work_after_staff_rename_the_event_type(order):
    PaymentEventType.objects.filter(code="refunded").update(name="Money back")
    refunds.order_refund(order=order, line_ids=[_tracker(order).pk])

    with pytest.raises(refunds.RefundRefused, match="Already refunded"):
        refunds.order_refund(order=order, line_ids=[_tracker(order).pk])
    refunds.order_refund(order=order)

    order.refresh_from_db()
    assert order.status == "Refunded"


def test_a_refunded_line_cannot_be_refunded_again(order):
    refunds.order_refund(order=order, line_ids=[_tracker(order).pk])

    with pytest.raises(refunds.RefundRefused):
        refunds.order_refund(order=order, line_ids=[_tracker(order).pk])


def test_nothing_is_left_to_refund_after_a_full_refund(order):
    refunds.order_refund(order=order)

    with pytest.raises(refunds.RefundRefused, match="Nothing is left to refund"):
        refunds.order_refund(order=order)
    assert order.payment_events.filter(event_type__code="refunded").count() == 1


def test_lines_of_another_order_are_refused(order):
    with pytest.raises(refunds.RefundRefused, match="not on this order"):
        refunds.order_refund(order=order, line_ids=[_tracker(order).pk + 100])
    assert _usable(order) == {"Weekly Reset Planner", "Calm Morning Tracker"}


def test_the_buyer_gets_one_refund_email_saying_how_much_for_what(
    order, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        refunds.order_refund(order=order, line_ids=[_tracker(order).pk])

    (message,) = _refund_mails()
    assert message.to == ["reader@example.com"]
    assert message.subject == (
        f"Your refund of $4.50 for GoToBetter order {order.number}"
    )
    assert "We refunded $4.50 to your card" in message.body
    assert "Calm Morning Tracker: $4.50" in message.body
    assert "These downloads stop working now:" in message.body
    html = message.alternatives[0][0]
    assert "Calm Morning Tracker" in html


def test_each_refund_sends_its_own_email(order, django_capture_on_commit_callbacks):
    planner = order.lines.get(title="Weekly Reset Planner")

    with django_capture_on_commit_callbacks(execute=True):
        refunds.order_refund(order=order, line_ids=[_tracker(order).pk])
        refunds.order_refund(order=order, line_ids=[planner.pk])

    assert [m.subject.split(" for ")[0] for m in _refund_mails()] == [
        "Your refund of $4.50",
        "Your refund of $9.90",
    ]


def test_the_status_pipeline_holds_every_status_an_order_gets(settings):
    assert set(settings.OSCAR_ORDER_STATUS_PIPELINE) == set(OrderStatus.values)
    assert settings.OSCAR_INITIAL_ORDER_STATUS == OrderStatus.PAID


def test_a_refunded_line_shows_refunded_and_the_others_paid(order):
    refunds.order_refund(order=order, line_ids=[_tracker(order).pk])

    statuses = dict(order.lines.values_list("title", "status"))
    assert statuses == {
        "Calm Morning Tracker": "Refunded",
        "Weekly Reset Planner": "Paid",
    }
