"""A customer who forgot the password gets a link by e-mail and sets a new one."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.urls import reverse

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "a fresh calm passphrase"
RESET_LINK = re.compile(r"https?://[^/\s]+(/password-reset/confirm/[^\s]+/)")


@pytest.fixture
def customer(db):
    return get_user_model().objects.create_user(
        username="ann", email="ann@example.com", password="the old passphrase"
    )


def _request_link(client, email):
    return client.post(reverse("password-reset"), {"email": email}, follow=True)


def _link_in_the_email():
    [message] = mail.outbox
    return RESET_LINK.search(message.body).group(1)


def test_the_four_steps_set_a_new_password_that_signs_in(client, customer):
    sent = _request_link(client, "ann@example.com")
    assert '<h1 class="page-title">Check your inbox</h1>' in sent.content.decode()

    form = client.get(_link_in_the_email(), follow=True)
    assert "Choose a new password" in form.content.decode()
    assert 'autocomplete="new-password"' in form.content.decode()

    done = client.post(
        form.redirect_chain[-1][0],
        {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
        follow=True,
    )

    html = done.content.decode()
    assert '<h1 class="page-title">Your new password is saved</h1>' in html
    assert f'href="{reverse("customer:login")}"' in html
    assert client.login(username="ann@example.com", password=NEW_PASSWORD)


def test_an_unknown_address_gets_the_same_answer_and_no_email(client, customer):
    response = _request_link(client, "nobody@example.com")

    assert "Check your inbox" in response.content.decode()
    assert mail.outbox == []


def test_a_used_link_says_so_and_offers_a_new_one(client, customer):
    _request_link(client, "ann@example.com")
    link = _link_in_the_email()
    form = client.get(link, follow=True)
    client.post(
        form.redirect_chain[-1][0],
        {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )

    again = client.get(link, follow=True)

    html = again.content.decode()
    assert '<h1 class="page-title">This link no longer works</h1>' in html
    assert f'href="{reverse("password-reset")}"' in html


def test_two_different_new_passwords_are_refused_at_the_field(client, customer):
    _request_link(client, "ann@example.com")
    form = client.get(_link_in_the_email(), follow=True)

    response = client.post(
        form.redirect_chain[-1][0],
        {"new_password1": NEW_PASSWORD, "new_password2": "not the same"},
    )

    assert 'id="id_new_password2_error"' in response.content.decode()
    customer.refresh_from_db()
    assert customer.check_password("the old passphrase")


def test_a_signed_in_customer_is_sent_to_change_the_password_instead(client, customer):
    client.force_login(customer)

    response = client.get(reverse("password-reset"))

    assert response.status_code == 403
    html = response.content.decode()
    assert "You are signed in" in html
    assert f'href="{reverse("customer:change-password")}"' in html
