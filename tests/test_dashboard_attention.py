"""The dashboard's home opens with what staff should look at first."""

import pytest
from django.contrib.auth.models import Permission
from django.test import Client
from django.urls import reverse
from oscar.core.loading import get_model

from shop.mail.models import OutgoingMessage
from shop.payments.models import StripePayment

pytestmark = pytest.mark.django_db


def _failed_mail():
    return OutgoingMessage.objects.create(
        to="reader@example.test",
        subject="Your downloads",
        payload=b"",
        status=OutgoingMessage.Status.FAILED,
    )


def _refunded_payment():
    return StripePayment.objects.create(
        basket=get_model("basket", "Basket").objects.create(),
        email="reader@example.test",
        order_number="100321",
        status=StripePayment.Status.REFUNDED,
    )


def test_failed_mail_and_refunded_payments_head_the_dashboard(admin_client):
    _failed_mail()
    _refunded_payment()

    html = admin_client.get(reverse("dashboard:index")).content.decode()

    assert "Needs your attention" in html
    assert "1 e-mail(s) could not be delivered" in html
    assert "?status__exact=failed" in html
    assert "1 payment(s) in the last 30 days could not become an order" in html


def test_a_quiet_shop_shows_no_attention_box(admin_client):
    html = admin_client.get(reverse("dashboard:index")).content.decode()

    assert "Needs your attention" not in html


def test_staff_see_only_what_they_may_look_at(django_user_model):
    _failed_mail()
    _refunded_payment()
    clerk = django_user_model.objects.create_user(
        "clerk", "clerk@example.com", "pw", is_staff=True
    )
    clerk.user_permissions.add(Permission.objects.get(codename="view_outgoingmessage"))
    client = Client()
    client.force_login(clerk)

    html = client.get(reverse("dashboard:index")).content.decode()

    assert "could not be delivered" in html
    assert "could not become an order" not in html
