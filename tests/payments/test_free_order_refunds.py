"""An order a voucher made free was paid by no card: staff asking to refund
it are told there is nothing to refund, and nothing reaches Stripe."""

import pytest
from django.urls import reverse
from oscar.core.loading import get_model

from shop.payments import stripe_api
from shop.payments.services import refunds
from tests.checkout.test_vouchers import _checkout_with_voucher, _voucher
from tests.payments.conftest import usable_titles

Order = get_model("order", "Order")

pytestmark = pytest.mark.django_db


@pytest.fixture
def free_order(client, stripe_server, printable, add_to_basket):
    _voucher("GIFT", 100)
    _checkout_with_voucher(client, printable, add_to_basket, "GIFT")
    client.post(reverse("checkout:payment-details"), {})
    client.logout()
    order = Order.objects.get()
    assert str(order.total_incl_tax) == "0.00"
    return order


def _refund_ids() -> set[str]:
    listing = stripe_api.client().v1.refunds.list(params={"limit": 100})
    return {refund.id for refund in listing.auto_paging_iter()}


def test_staff_are_told_a_free_order_has_nothing_to_refund(
    client, free_order, django_user_model
):
    staff = django_user_model.objects.create_superuser(
        username="staff", email="staff@example.com", password="x"
    )
    client.force_login(staff)
    earlier = _refund_ids()

    response = client.post(
        reverse("dashboard:order-detail", kwargs={"number": free_order.number}),
        {"order_action": "refund_order", "confirmed": "yes"},
        follow=True,
    )

    assert "Nothing to refund: these lines cost nothing." in response.content.decode()
    free_order.refresh_from_db()
    assert free_order.status == "Paid"
    assert not free_order.payment_events.exists()
    assert _refund_ids() == earlier


def test_refunding_a_free_order_is_refused_as_not_paid_by_card(free_order):
    earlier = _refund_ids()

    with pytest.raises(refunds.RefundRefused, match="not paid by card"):
        refunds.order_refund(order=free_order)

    assert usable_titles(free_order) == {"Weekly Reset Planner"}
    assert _refund_ids() == earlier
