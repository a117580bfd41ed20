"""Signing up proves the address first, and answers the same whether or not
the address already has an account."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.cache import cache
from django.urls import reverse

pytestmark = pytest.mark.django_db

User = get_user_model()
PASSWORD = "a calm long passphrase"
LINK = re.compile(r"https?://[^/\s]+(/accounts/activate/[^\s\"<>]+)")
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="[^"]+"')


@pytest.fixture
def sign_up(client, django_capture_on_commit_callbacks):
    """Send the sign-in page's "Create account" form; e-mails go on commit."""

    def post(email="new@example.com", password=PASSWORD, url="customer:login"):
        prefix = "registration-" if url == "customer:login" else ""
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(
                reverse(url),
                {
                    f"{prefix}email": email,
                    f"{prefix}password1": password,
                    f"{prefix}password2": password,
                    "registration_submit": "Create account",
                },
                follow=True,
            )

    return post


@pytest.fixture
def ann(django_user_model):
    return django_user_model.objects.create_user(
        "ann", "ann@example.com", "ann's own password"
    )


def _activation_path(message):
    (path,) = LINK.findall(message.body)
    return path


def _page(response):
    return CSRF.sub("", response.content.decode())


def test_a_new_address_gets_a_link_and_no_account_opens_before_it(client, sign_up):
    response = sign_up()

    assert response.redirect_chain[-1][0] == reverse("customer:register-sent")
    assert "Check your inbox" in response.content.decode()
    assert "_auth_user_id" not in client.session
    user = User.objects.get(email="new@example.com")
    assert not user.is_active
    (message,) = mail.outbox
    assert message.to == ["new@example.com"]
    assert message.subject == "Open your GoToBetter account"


def test_the_link_asks_first_then_opens_the_account_and_signs_in(client, sign_up):
    sign_up()
    path = _activation_path(mail.outbox[0])

    asked = client.get(path)
    assert "Open my account" in asked.content.decode()
    assert not User.objects.get(email="new@example.com").is_active

    opened = client.post(path, follow=True)

    assert opened.redirect_chain[-1][0] == reverse("customer:order-list")
    assert "Welcome! Your account is open." in opened.content.decode()
    assert User.objects.get(email="new@example.com").is_active
    assert client.session["_auth_user_id"] == str(
        User.objects.get(email="new@example.com").pk
    )


def test_the_link_works_once(client, sign_up):
    sign_up()
    path = _activation_path(mail.outbox[0])
    client.post(path)
    client.logout()

    again = client.post(path)

    assert again.status_code == 400
    assert "This link no longer works" in again.content.decode()
    assert "_auth_user_id" not in client.session


@pytest.mark.parametrize(
    "path",
    [
        "/accounts/activate/bm9uZQ/abc-123/",
        "/accounts/activate/%25%25%25/x/",
        "/accounts/activate/OTk5OTk5OTk5OTk5OTk5OTk5OTk5OTk5/abc/",
    ],
)
def test_a_made_up_link_says_it_does_not_work(client, path):
    assert client.get(path).status_code == 400
    assert client.post(path).status_code == 400


def test_a_known_address_gets_the_same_answer_and_a_reminder(client, sign_up, ann):
    known = sign_up("ann@example.com")
    unknown = sign_up("new@example.com")

    assert known.redirect_chain == unknown.redirect_chain
    assert _page(known) == _page(unknown)
    assert "already exists" not in _page(known)
    reminder = mail.outbox[0]
    assert reminder.to == ["ann@example.com"]
    assert reminder.subject == "You already have a GoToBetter account"
    assert reverse("password-reset") in reminder.body
    ann.refresh_from_db()
    assert ann.check_password("ann's own password")
    assert User.objects.filter(email__iexact="ann@example.com").count() == 1


def test_the_register_page_answers_a_known_address_the_same_way(sign_up, ann):
    known = sign_up("ann@example.com", url="customer:register")
    unknown = sign_up("new@example.com", url="customer:register")

    assert known.redirect_chain == unknown.redirect_chain
    assert _page(known) == _page(unknown)
    assert [message.to for message in mail.outbox] == [
        ["ann@example.com"],
        ["new@example.com"],
    ]


def test_an_address_signed_up_by_someone_else_is_still_its_owners(
    client, sign_up, settings, clock
):
    sign_up("victim@example.com", password="the squatter's password")
    squatters_link = _activation_path(mail.outbox[0])
    clock.shift(settings.REGISTRATION_MAIL_INTERVAL)

    sign_up("victim@example.com", password=PASSWORD)
    owners_link = _activation_path(mail.outbox[1])

    assert client.post(squatters_link).status_code == 400
    client.post(owners_link)
    user = User.objects.get(email="victim@example.com")
    assert user.is_active
    assert user.check_password(PASSWORD)


def test_many_sign_ups_for_one_address_send_one_e_mail(sign_up, ann):
    for __ in range(5):
        sign_up("ann@example.com")
        sign_up("new@example.com")

    assert sorted(message.to[0] for message in mail.outbox) == [
        "ann@example.com",
        "new@example.com",
    ]


def test_one_e_mail_per_address_per_interval_whatever_the_cache_holds(
    sign_up, settings, clock
):
    sign_up("new@example.com")
    cache.clear()  # as another web process, or a cache that was down, sees it
    sign_up("new@example.com")
    clock.shift(settings.REGISTRATION_MAIL_INTERVAL - 1)
    sign_up("new@example.com")
    assert len(mail.outbox) == 1

    clock.shift(1)
    sign_up("new@example.com")

    assert [message.to for message in mail.outbox] == [["new@example.com"]] * 2


def test_signing_in_before_opening_the_account_does_not_work(client, sign_up):
    sign_up()

    response = client.post(
        reverse("customer:login"),
        {
            "login-username": "new@example.com",
            "login-password": PASSWORD,
            "login_submit": "Sign in",
        },
    )

    assert "do not match an account" in response.content.decode()
    assert "_auth_user_id" not in client.session
