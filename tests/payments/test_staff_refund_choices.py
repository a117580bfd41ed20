"""What staff read and what the order keeps when they settle a partial refund
made in Stripe: the whole refusal, the note's kind and its author."""

import pytest
from django.test import Client
from django.urls import reverse

from tests.payments.conftest import refunded_in_stripe, usable_titles

pytestmark = pytest.mark.django_db


@pytest.fixture
def partly_refunded(two_line_order, post_event):
    """The order after a $4.50 refund made in Stripe's dashboard."""
    post_event(refunded_in_stripe(two_line_order, 450))
    two_line_order.refresh_from_db()
    return two_line_order


def _staff(django_user_model, **names):
    user = django_user_model.objects.create_superuser(
        username="staff", email="staff@example.com", password="x", **names
    )
    client = Client()
    client.force_login(user)
    return client, user


def _order_action(client, order, action, **data):
    return client.post(
        reverse("dashboard:order-detail", kwargs={"number": order.number}),
        {"order_action": action, "confirmed": "yes", **data},
        follow=True,
    ).content.decode()


def _switch_off_tracker(client, order):
    line = order.lines.get(title="Calm Morning Tracker")
    return _order_action(client, order, "switch_off_line_downloads", line=line.pk)


def test_switch_off_without_a_stripe_refund_tells_staff_to_refund_the_line(
    django_user_model, two_line_order
):
    client, __ = _staff(django_user_model, first_name="Rosa", last_name="Lane")

    html = _switch_off_tracker(client, two_line_order)

    assert (
        "This order has no partial refund made in Stripe: refund the line "
        "instead, which also switches off its downloads."
    ) in html


def test_a_switch_off_is_noted_as_information_by_its_author(
    django_user_model, partly_refunded
):
    client, user = _staff(django_user_model, first_name="Rosa", last_name="Lane")

    _switch_off_tracker(client, partly_refunded)

    note = partly_refunded.notes.latest("date_created")
    assert (note.note_type, note.user) == ("Info", user)


def test_staff_with_no_name_are_named_in_the_note_by_their_email(
    django_user_model, partly_refunded
):
    client, __ = _staff(django_user_model)

    _switch_off_tracker(client, partly_refunded)

    note = partly_refunded.notes.latest("date_created")
    assert "switched off by staff@example.com for the partial refund" in note.message


def test_marking_the_stripe_refund_handled_is_noted_by_its_author(
    django_user_model, partly_refunded
):
    client, user = _staff(django_user_model, first_name="Rosa", last_name="Lane")

    _order_action(client, partly_refunded, "mark_stripe_refund_handled")

    note = partly_refunded.notes.latest("date_created")
    assert note.message.startswith("Rosa Lane marked the partial refund made in")
    assert note.user == user


def test_marking_an_order_handled_that_waits_for_nothing_is_refused_and_said(
    django_user_model, two_line_order
):
    client, __ = _staff(django_user_model, first_name="Rosa", last_name="Lane")

    html = _order_action(client, two_line_order, "mark_stripe_refund_handled")

    assert "This order is not waiting for a choice of lines." in html
    two_line_order.refresh_from_db()
    assert two_line_order.status == "Paid"


def test_a_refund_made_through_the_shop_lets_no_other_line_be_switched_off(
    django_user_model, two_line_order
):
    from shop.payments.services import refunds

    client, __ = _staff(django_user_model, first_name="Rosa", last_name="Lane")
    tracker = two_line_order.lines.get(title="Calm Morning Tracker")
    refunds.order_refund(order=two_line_order, line_ids=[tracker.pk])
    planner = two_line_order.lines.get(title="Weekly Reset Planner")

    html = _order_action(
        client, two_line_order, "switch_off_line_downloads", line=planner.pk
    )

    assert "This order has no partial refund made in Stripe" in html
    assert usable_titles(two_line_order) == {"Weekly Reset Planner"}
