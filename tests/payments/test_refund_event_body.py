"""A `charge.refunded` event is acted on as Stripe's own records say, not as
its body says: a signed event that claims more than was refunded records
only what Stripe refunded (here localstripe, which holds the real refunds)."""

from decimal import Decimal

import pytest

from shop.payments import stripe_api
from shop.payments.models import StripePayment
from tests.payments.conftest import charge_refunded, usable_titles

pytestmark = pytest.mark.django_db

BOTH = {"Weekly Reset Planner", "Calm Morning Tracker"}


def _refund_in_stripe(order, cents):
    payment = StripePayment.objects.get(order=order)
    return stripe_api.client().v1.refunds.create(
        params={"payment_intent": payment.payment_intent_id, "amount": cents}
    )


def test_an_event_claiming_a_full_refund_records_only_what_stripe_refunded(
    two_line_order, post_event
):
    refund = _refund_in_stripe(two_line_order, 450)
    claims_all = charge_refunded(
        two_line_order, amount_refunded=1440, refunds=[(refund.id, 1440)]
    )
    claims_all["data"]["object"]["id"] = refund.charge

    response = post_event(claims_all)

    assert response.status_code == 200
    two_line_order.refresh_from_db()
    assert two_line_order.status == "Partly refunded in Stripe"
    (recorded,) = two_line_order.payment_events.filter(event_type__code="refunded")
    assert (recorded.reference, recorded.amount) == (refund.id, Decimal("4.50"))
    assert usable_titles(two_line_order) == BOTH


def test_an_event_naming_a_refund_stripe_never_made_records_nothing(
    two_line_order, post_event
):
    response = post_event(
        charge_refunded(
            two_line_order, amount_refunded=1440, refunds=[("re_never_made", 1440)]
        )
    )

    assert response.status_code == 200
    two_line_order.refresh_from_db()
    assert two_line_order.status == "Paid"
    assert not two_line_order.payment_events.filter(event_type__code="refunded")
    assert usable_titles(two_line_order) == BOTH
