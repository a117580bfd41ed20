"""Vouchers only a signed-in customer may use, at checkout."""

import pytest
from django.urls import reverse
from oscar.core.loading import get_model

from tests.checkout.test_vouchers import _voucher

Order = get_model("order", "Order")
Voucher = get_model("voucher", "Voucher")

pytestmark = pytest.mark.django_db


def test_a_once_per_customer_voucher_makes_a_signed_in_customers_order_free(
    client, django_user_model, stripe_server, printable, add_to_basket
):
    customer = django_user_model.objects.create_user(
        username="reader", email="reader@example.com", password="x"
    )
    client.force_login(customer)
    voucher = _voucher("WELCOME", 100)
    voucher.usage = Voucher.ONCE_PER_CUSTOMER
    voucher.save()
    add_to_basket(printable)
    client.post(reverse("basket:vouchers-add"), {"code": "WELCOME"})

    client.get(reverse("checkout:index"), follow=True)
    page = client.get(reverse("checkout:payment-details")).content.decode()
    client.post(reverse("checkout:payment-details"), {}, follow=True)

    assert "Nothing to pay" in page

    order = Order.objects.get()
    assert (order.user, str(order.total_incl_tax)) == (customer, "0.00")
    assert order.lines.get().download_links.count() == 1
