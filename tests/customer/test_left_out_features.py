"""What a shop of instant downloads does not offer: an address book, stock
alerts, wish lists, notifications and a copy of account e-mails. Their old
addresses answer with the shop's own 404, signed in or not."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from oscar.core.loading import get_model

Email = get_model("communication", "Email")
WishList = get_model("wishlists", "WishList")

pytestmark = pytest.mark.django_db

OLD_ADDRESSES = [
    "/accounts/addresses/",
    "/accounts/addresses/add/",
    "/accounts/addresses/1/",
    "/accounts/addresses/1/delete/",
    "/accounts/addresses/1/default_for_billing/",
    "/accounts/alerts/",
    "/accounts/alerts/create/1/",
    "/accounts/alerts/confirm/abc123/",
    "/accounts/alerts/cancel/key/abc123/",
    "/accounts/alerts/cancel/1/",
    "/accounts/emails/",
    "/accounts/emails/1/",
    "/accounts/notifications/",
    "/accounts/notifications/inbox/",
    "/accounts/notifications/archive/",
    "/accounts/notifications/update/",
    "/accounts/notifications/1/",
    "/accounts/wishlists/",
    "/accounts/wishlists/add/1/",
    "/accounts/wishlists/create/",
    "/accounts/wishlists/create/with-product/1/",
    "/accounts/wishlists/abc123/",
    "/accounts/wishlists/abc123/delete/",
    "/wishlists/abc123/",
]


@pytest.fixture
def customer(db):
    return get_user_model().objects.create_user(
        username="ann", email="ann@example.com", password="a calm passphrase"
    )


@pytest.mark.parametrize("method", ["get", "post"])
@pytest.mark.parametrize("path", OLD_ADDRESSES)
def test_old_address_answers_the_shops_404_when_signed_in(
    client, customer, path, method
):
    client.force_login(customer)

    response = getattr(client, method)(path)

    assert response.status_code == 404
    assert "This page is not here" in response.content.decode()


@pytest.mark.parametrize("path", OLD_ADDRESSES)
def test_old_address_answers_the_shops_404_to_a_visitor(client, path):
    response = client.get(path)

    assert response.status_code == 404
    assert "This page is not here" in response.content.decode()


def test_a_wish_list_left_in_the_database_is_not_shown(client, customer):
    wishlist = WishList.objects.create(
        owner=customer, name="Old list", visibility=WishList.PUBLIC
    )

    response = client.get(f"/wishlists/{wishlist.key}/")

    assert response.status_code == 404
    assert "Old list" not in response.content.decode()


ACCOUNT_PAGES = [
    "customer:order-list",
    "customer:profile-view",
    "customer:profile-update",
    "customer:change-password",
]


@pytest.mark.parametrize("name", ACCOUNT_PAGES)
def test_account_pages_link_none_of_the_left_out_features(client, customer, name):
    client.force_login(customer)

    html = client.get(reverse(name)).content.decode()

    for word in ("addresses/", "alerts/", "wishlists/", "notifications/", "emails/"):
        assert word not in html
    for label in ("Address Book", "Product Alerts", "Wish Lists", "Notifications"):
        assert label not in html


def test_account_emails_are_sent_but_not_stored(client, customer, mailoutbox):
    client.post(reverse("password-reset"), {"email": "ann@example.com"})

    assert len(mailoutbox) == 1
    assert not Email.objects.exists()
