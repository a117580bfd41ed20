import pytest
from django.urls import reverse
from oscar.core.loading import get_model

from shop.downloads.models import DownloadLink

Order = get_model("order", "Order")

pytestmark = pytest.mark.django_db


def test_signed_in_customer_finds_the_purchase_and_its_downloads_in_the_account(
    client, stripe_server, printable, add_to_basket, django_user_model
):
    user = django_user_model.objects.create_user(
        username="ann", email="ann@example.com", password="pw-ann-123456"
    )
    client.force_login(user)
    add_to_basket(printable)
    client.get(reverse("checkout:index"), follow=True)
    client.post(reverse("checkout:payment-details"), {"payment_method": "pm_card_visa"})
    order = Order.objects.get()

    history = client.get(reverse("customer:order-list")).content.decode()
    detail = client.get(
        reverse("customer:order", kwargs={"order_number": order.number})
    ).content.decode()

    assert order.user == user
    assert order.number in history
    assert DownloadLink.objects.get().get_absolute_url() in detail
    assert "Download Weekly Reset Planner (PDF)" in detail


def test_another_customers_order_is_not_shown(
    client, stripe_server, printable, add_to_basket, django_user_model
):
    add_to_basket(printable)
    client.post(reverse("checkout:index"), {"email": "reader@example.com"}, follow=True)
    client.post(reverse("checkout:payment-details"), {"payment_method": "pm_card_visa"})
    order = Order.objects.get()
    other = django_user_model.objects.create_user(
        username="bob", email="bob@example.com", password="pw-bob-123456"
    )
    client.force_login(other)

    response = client.get(
        reverse("customer:order", kwargs={"order_number": order.number})
    )

    assert response.status_code == 404
