"""Refunds made in Stripe's own dashboard, told by signed `charge.refunded`
events: a full one switches every file off; a partial one is shown to staff,
who choose which lines' downloads it ends."""

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from oscar.core.loading import get_model

from shop.payments import stripe_api
from shop.payments.models import StripePayment
from shop.payments.services import refunds
from tests.payments.conftest import (
    charge_refunded,
    refunded_in_stripe,
    usable_titles,
)

Order = get_model("order", "Order")

pytestmark = pytest.mark.django_db

BOTH = {"Weekly Reset Planner", "Calm Morning Tracker"}
NOTICE = "Partly refunded in Stripe ($4.50 of $14.40): choose which lines"


@pytest.fixture
def staff(django_user_model):
    client = Client()
    client.force_login(
        django_user_model.objects.create_superuser(
            username="staff",
            email="staff@example.com",
            password="x",
            first_name="Rosa",
            last_name="Lane",
        )
    )
    return client


@pytest.fixture
def partly_refunded(two_line_order, post_event):
    """The order after a $4.50 refund made in Stripe's dashboard."""
    response = post_event(refunded_in_stripe(two_line_order, 450))
    assert response.status_code == 200
    two_line_order.refresh_from_db()
    return two_line_order


def _order_page(client, order):
    return client.get(
        reverse("dashboard:order-detail", kwargs={"number": order.number})
    ).content.decode()


def _switch_off_button(order, title):
    line = order.lines.get(title=title)
    return f'name="line" value="{line.pk}"'


def _switch_off(client, order, title, *, confirmed=True, line_id=None, **kwargs):
    line_id = line_id or order.lines.get(title=title).pk
    data = {"order_action": "switch_off_line_downloads", "line": line_id}
    if confirmed:
        data["confirmed"] = "yes"
    return client.post(
        reverse("dashboard:order-detail", kwargs={"number": order.number}),
        data,
        **kwargs,
    )


def test_full_refund_made_in_stripes_dashboard_switches_off_the_files(
    two_line_order, post_event
):
    response = post_event(refunded_in_stripe(two_line_order, 1440))

    assert response.status_code == 200
    assert usable_titles(two_line_order) == set()
    two_line_order.refresh_from_db()
    assert two_line_order.status == "Refunded"


def test_partial_refund_made_in_stripe_keeps_the_files_and_is_recorded(
    partly_refunded,
):
    assert usable_titles(partly_refunded) == BOTH
    (refund,) = _refunds_at_stripe(partly_refunded)
    assert partly_refunded.payment_events.filter(reference=refund.id).count() == 1


def test_partial_refund_made_in_stripe_flags_the_order_with_a_note(partly_refunded):
    assert partly_refunded.status == "Partly refunded in Stripe"
    (note,) = partly_refunded.notes.all()
    assert note.note_type == "Warning"
    (refund,) = _refunds_at_stripe(partly_refunded)
    assert f"Partly refunded in Stripe's dashboard: $4.50 ({refund.id})" in (
        note.message
    )
    assert partly_refunded.status_changes.get().new_status == (
        "Partly refunded in Stripe"
    )


def test_the_same_refund_event_twice_is_recorded_and_noted_once(
    two_line_order, post_event
):
    refunded = refunded_in_stripe(two_line_order, 450)

    post_event(refunded)
    post_event(refunded)

    (refund,) = _refunds_at_stripe(two_line_order)
    assert two_line_order.payment_events.filter(reference=refund.id).count() == 1
    assert two_line_order.notes.count() == 1


def test_the_event_for_a_refund_made_through_the_shop_flags_nothing(
    two_line_order, post_event
):
    tracker = two_line_order.lines.get(title="Calm Morning Tracker")
    refund = refunds.order_refund(order=two_line_order, line_ids=[tracker.pk])

    post_event(
        charge_refunded(two_line_order, amount_refunded=450, refunds=[(refund.id, 450)])
    )

    two_line_order.refresh_from_db()
    assert two_line_order.status == "Partly refunded"
    assert not two_line_order.notes.filter(note_type="Warning").exists()
    assert (
        two_line_order.payment_events.filter(event_type__code="refunded").count() == 1
    )
    assert usable_titles(two_line_order) == {"Weekly Reset Planner"}


def test_a_partial_refund_is_found_when_the_event_does_not_list_refunds(
    two_line_order, post_event
):
    # Stripe's API versions since 2022-11-15 leave `refunds` out of the
    # charge: the shop asks Stripe (here localstripe) for them.
    payment = StripePayment.objects.get(order=two_line_order)
    refund = stripe_api.client().v1.refunds.create(
        params={"payment_intent": payment.payment_intent_id, "amount": 450}
    )
    event = charge_refunded(
        two_line_order, amount_refunded=450, refunds=[], with_refunds_list=False
    )
    event["data"]["object"]["id"] = refund.charge

    post_event(event)

    two_line_order.refresh_from_db()
    assert two_line_order.status == "Partly refunded in Stripe"
    assert two_line_order.payment_events.filter(reference=refund.id).count() == 1


def test_dashboard_order_page_shows_the_partial_refund_and_a_switch_off_per_line(
    staff, partly_refunded
):
    html = _order_page(staff, partly_refunded)

    assert NOTICE in html
    assert _switch_off_button(partly_refunded, "Weekly Reset Planner") in html
    assert _switch_off_button(partly_refunded, "Calm Morning Tracker") in html


def test_an_order_paid_in_full_shows_no_partial_refund_notice(staff, two_line_order):
    assert "Partly refunded in Stripe" not in _order_page(staff, two_line_order)


def test_staff_switch_off_one_lines_downloads_without_refunding_again(
    staff, partly_refunded
):
    response = _switch_off(staff, partly_refunded, "Calm Morning Tracker", follow=True)

    html = response.content.decode()
    assert "The downloads of “Calm Morning Tracker” are switched off" in html
    assert usable_titles(partly_refunded) == {"Weekly Reset Planner"}
    assert (
        partly_refunded.payment_events.filter(event_type__code="refunded").count() == 1
    )
    # Only the refund made in Stripe's dashboard: nothing was refunded again.
    assert [refund.amount for refund in _refunds_at_stripe(partly_refunded)] == [450]
    note = partly_refunded.notes.latest("date_created")
    assert note.message == (
        "Downloads of “Calm Morning Tracker” switched off by Rosa Lane for the "
        "partial refund made in Stripe; nothing was refunded again."
    )
    assert note.user.username == "staff"


def test_a_switched_off_line_shows_off_and_offers_no_second_switch_off(
    staff, partly_refunded
):
    _switch_off(staff, partly_refunded, "Calm Morning Tracker")

    html = _order_page(staff, partly_refunded)
    again = _switch_off(
        staff, partly_refunded, "Calm Morning Tracker", follow=True
    ).content.decode()

    assert _switch_off_button(partly_refunded, "Calm Morning Tracker") not in html
    assert _switch_off_button(partly_refunded, "Weekly Reset Planner") in html
    assert "are already switched off" in again
    assert partly_refunded.notes.count() == 2


def test_staff_mark_the_partial_refund_handled_and_the_notice_goes(
    staff, partly_refunded
):
    _switch_off(staff, partly_refunded, "Calm Morning Tracker")

    staff.post(
        reverse("dashboard:order-detail", kwargs={"number": partly_refunded.number}),
        {"order_action": "mark_stripe_refund_handled"},
    )

    partly_refunded.refresh_from_db()
    assert partly_refunded.status == "Partly refunded"
    assert NOTICE not in _order_page(staff, partly_refunded)
    assert usable_titles(partly_refunded) == {"Weekly Reset Planner"}
    assert "marked the partial refund made in Stripe as handled" in (
        partly_refunded.notes.latest("date_created").message
    )


def test_staff_find_orders_waiting_for_a_choice_by_their_status(staff, partly_refunded):
    response = staff.get(
        reverse("dashboard:order-list"), {"status": "Partly refunded in Stripe"}
    )
    paid_only = staff.get(reverse("dashboard:order-list"), {"status": "Paid"})

    assert partly_refunded.number in response.content.decode()
    assert partly_refunded.number not in paid_only.content.decode()


def test_a_full_refund_in_stripe_after_a_partial_one_switches_everything_off(
    partly_refunded, post_event
):
    post_event(refunded_in_stripe(partly_refunded, 990))

    partly_refunded.refresh_from_db()
    assert partly_refunded.status == "Refunded"
    assert usable_titles(partly_refunded) == set()


def test_switch_off_is_refused_for_an_order_with_no_refund_made_in_stripe(
    staff, two_line_order
):
    response = _switch_off(staff, two_line_order, "Calm Morning Tracker", follow=True)

    assert "has no partial refund made in Stripe" in response.content.decode()
    assert usable_titles(two_line_order) == BOTH
    assert not two_line_order.notes.exists()


def test_customers_cannot_switch_off_downloads(partly_refunded, client):
    client.logout()

    response = _switch_off(client, partly_refunded, "Calm Morning Tracker")

    assert response.status_code == 302
    assert "/login/" in response.url
    assert usable_titles(partly_refunded) == BOTH


def test_switch_off_needs_a_csrf_token(partly_refunded, staff):
    guarded = Client(enforce_csrf_checks=True)
    guarded.cookies = staff.cookies

    refused = _switch_off(guarded, partly_refunded, "Calm Morning Tracker")

    assert refused.status_code == 403
    assert usable_titles(partly_refunded) == BOTH


def test_switch_off_asks_for_confirmation_first(partly_refunded, staff):
    response = _switch_off(
        staff, partly_refunded, "Calm Morning Tracker", confirmed=False
    )

    html = response.content.decode()
    assert response.status_code == 200
    assert "Switch off the downloads of “Calm Morning Tracker”?" in html
    assert "1 download link stops working at once" in html
    assert 'name="confirmed" value="yes"' in html
    assert usable_titles(partly_refunded) == BOTH


def test_a_line_not_on_the_order_is_refused_with_a_message(staff, partly_refunded):
    not_on_it = max(line.pk for line in partly_refunded.lines.all()) + 1

    response = _switch_off(staff, partly_refunded, "", line_id=not_on_it, follow=True)

    assert response.status_code == 200
    assert "That line is not on this order." in response.content.decode()
    assert usable_titles(partly_refunded) == BOTH


def _refund_mails():
    return [message for message in mail.outbox if "Your refund of" in message.subject]


def test_a_partial_refund_made_in_stripe_sends_one_email_saying_files_still_work(
    two_line_order, post_event, django_capture_on_commit_callbacks
):
    refunded = refunded_in_stripe(two_line_order, 450)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        post_event(refunded)
        post_event(refunded)

    (message,) = _refund_mails()
    assert "We refunded $4.50 to your card" in message.body
    assert "Your download links keep working for now." in message.body


def test_a_full_refund_made_in_stripe_sends_one_email_naming_what_stops(
    two_line_order, post_event, django_capture_on_commit_callbacks
):
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        post_event(refunded_in_stripe(two_line_order, 1440))

    (message,) = _refund_mails()
    assert "We refunded $14.40 to your card" in message.body
    assert "Weekly Reset Planner: $9.90" in message.body
    assert "Calm Morning Tracker: $4.50" in message.body
    assert "These downloads stop working now:" in message.body
    event = two_line_order.payment_events.get(event_type__code="refunded")
    assert event.line_quantities.count() == 2


def test_the_event_for_a_refund_made_through_the_shop_sends_no_second_email(
    two_line_order, post_event, django_capture_on_commit_callbacks
):
    tracker = two_line_order.lines.get(title="Calm Morning Tracker")
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        refund = refunds.order_refund(order=two_line_order, line_ids=[tracker.pk])
        post_event(
            charge_refunded(
                two_line_order, amount_refunded=450, refunds=[(refund.id, 450)]
            )
        )

    assert len(_refund_mails()) == 1


def _refunds_at_stripe(order):
    payment = StripePayment.objects.get(order=order)
    return (
        stripe_api.client()
        .v1.refunds.list(params={"payment_intent": payment.payment_intent_id})
        .data
    )


def test_after_a_refund_in_stripe_a_refund_of_more_than_is_left_is_refused(
    partly_refunded,
):
    # $9.90 is left of $14.40: both lines together cost more than that.
    events = partly_refunded.payment_events.count()

    with pytest.raises(refunds.RefundRefused, match="more than is left to refund"):
        refunds.order_refund(order=partly_refunded)

    assert [refund.amount for refund in _refunds_at_stripe(partly_refunded)] == [450]
    assert partly_refunded.payment_events.count() == events
    assert usable_titles(partly_refunded) == BOTH


def test_after_a_refund_in_stripe_a_line_costing_exactly_what_is_left_is_refunded(
    partly_refunded,
):
    planner = partly_refunded.lines.get(title="Weekly Reset Planner")

    refund = refunds.order_refund(order=partly_refunded, line_ids=[planner.pk])

    assert refund.amount == 990
    assert sorted(r.amount for r in _refunds_at_stripe(partly_refunded)) == [450, 990]
    assert usable_titles(partly_refunded) == {"Calm Morning Tracker"}


def test_staff_refunding_the_whole_order_after_a_refund_in_stripe_are_told_why_not(
    staff, partly_refunded
):
    response = staff.post(
        reverse("dashboard:order-detail", kwargs={"number": partly_refunded.number}),
        {"order_action": "refund_order", "confirmed": "yes"},
        follow=True,
    )

    assert response.status_code == 200
    assert "That is more than is left to refund on the order." in (
        response.content.decode()
    )
    assert [refund.amount for refund in _refunds_at_stripe(partly_refunded)] == [450]
    assert usable_titles(partly_refunded) == BOTH
