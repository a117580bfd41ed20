"""Guest orders in the account: once the account's address is proved by a
link sent to it, the orders placed with it as a guest are there, with their
downloads; never before, and never someone else's."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.urls import reverse

from shop.apps.customer.verification import verification_path
from shop.downloads.models import DownloadLink
from tests.factories import ProductFactory, paid_order

pytestmark = pytest.mark.django_db

User = get_user_model()
PASSWORD = "a calm long passphrase"
VERIFY = re.compile(r"https?://[^/\s]+(/accounts/verify-email/[^\s\"<>]+/)")
ACTIVATE = re.compile(r"https?://[^/\s]+(/accounts/activate/[^\s\"<>]+)")


@pytest.fixture
def guest_order(db):
    return paid_order(
        products=[ProductFactory(title="Self-Care Tracker")], email="Ann@Example.com"
    )


@pytest.fixture
def ann(client):
    user = User.objects.create_user("ann", "ann@example.com", PASSWORD)
    client.force_login(user)
    return user


def _order_page(client, order):
    return client.get(reverse("customer:order", kwargs={"order_number": order.number}))


def test_guest_orders_stay_out_until_the_address_is_proved(client, ann, guest_order):
    orders = client.get(reverse("customer:order-list")).content.decode()

    assert str(guest_order.number) not in orders
    assert "E-mail me a link to confirm it" in orders
    assert _order_page(client, guest_order).status_code == 404


def test_the_e_mailed_link_brings_the_guest_orders_and_downloads_in(
    client, ann, guest_order, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("customer:verify-email-send"))
    (message,) = mail.outbox
    assert message.to == ["ann@example.com"]
    (path,) = set(VERIFY.findall(message.body))

    asked = client.get(path)
    assert "Confirm my address" in asked.content.decode()
    listed = client.get(reverse("customer:order-list")).content.decode()
    assert str(guest_order.number) not in listed
    confirmed = client.post(path, follow=True)

    page = confirmed.content.decode()
    assert "your address is confirmed" in page
    assert f"Order {guest_order.number}" in page
    assert "E-mail me a link to confirm it" not in page
    detail = _order_page(client, guest_order).content.decode()
    link = DownloadLink.objects.get(line__order=guest_order)
    assert link.get_absolute_url() in detail


def test_opening_an_account_from_its_link_proves_the_address(
    client, guest_order, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("customer:register"),
            {
                "email": "ann@example.com",
                "password1": PASSWORD,
                "password2": PASSWORD,
            },
        )
    (path,) = ACTIVATE.findall(mail.outbox[0].body)

    opened = client.post(path, follow=True)

    assert f"Order {guest_order.number}" in opened.content.decode()


def test_a_link_made_for_another_account_proves_nothing(client, ann, guest_order):
    mallory = User.objects.create_user("mallory", "mallory@example.com", PASSWORD)
    path = verification_path(user=ann)
    client.force_login(mallory)

    response = client.post(path)

    assert response.status_code == 400
    assert "This link no longer works" in response.content.decode()
    assert not mallory.verified_emails.exists()
    assert _order_page(client, guest_order).status_code == 404


def test_a_link_for_an_address_since_changed_proves_nothing(client, ann, guest_order):
    path = verification_path(user=ann)
    ann.email = "ann.new@example.com"
    ann.save()

    assert client.post(path).status_code == 400
    assert not ann.verified_emails.exists()


def test_a_forged_link_is_refused(client, ann):
    response = client.post(reverse("customer:verify-email", kwargs={"token": "x:y"}))

    assert response.status_code == 400


def test_asking_again_and_again_sends_one_link(
    client, ann, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        for __ in range(3):
            client.post(reverse("customer:verify-email-send"))

    assert len(mail.outbox) == 1


def test_someone_elses_guest_orders_never_show(client, ann, guest_order):
    other = paid_order(products=[ProductFactory()], email="bob@example.com")
    client.post(reverse("customer:verify-email-send"))
    client.post(verification_path(user=ann))

    orders = client.get(reverse("customer:order-list")).content.decode()

    assert str(guest_order.number) in orders
    assert str(other.number) not in orders
    assert _order_page(client, other).status_code == 404
