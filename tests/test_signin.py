"""Sign-in throttling on the customer's, the dashboard's and the admin's
sign-in forms: a handful of wrong passwords for one account from one
address, then a pause that refuses even the right password."""

import re
from dataclasses import dataclass
from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.contrib.auth import get_user_model
from django.core import mail
from django.db.models import F
from django.urls import reverse

pytestmark = pytest.mark.django_db

PASSWORD = "a calm long passphrase"
WRONG = "not the passphrase"
PAUSED = "Too many wrong passwords in a row"
HOME = "192.0.2.10"
ELSEWHERE = "198.51.100.7"


@dataclass
class SignInForm:
    url_name: str
    fields: dict
    username_field: str
    password_field: str
    identifier: str  # what the person types to say who they are

    def post(self, client, *, password, identifier=None, ip=HOME, **headers):
        data = {
            **self.fields,
            self.username_field: identifier or self.identifier,
            self.password_field: password,
        }
        return client.post(reverse(self.url_name), data, REMOTE_ADDR=ip, **headers)


CUSTOMER = SignInForm(
    url_name="customer:login",
    fields={"login_submit": "Sign in"},
    username_field="login-username",
    password_field="login-password",
    identifier="ann@example.com",
)
DASHBOARD = SignInForm(
    url_name="dashboard:login",
    fields={},
    username_field="username",
    password_field="password",
    identifier="ann",
)
ADMIN = SignInForm(
    url_name="admin:login",
    fields={"next": "/admin/"},
    username_field="username",
    password_field="password",
    identifier="ann",
)
FORMS = pytest.mark.parametrize(
    "form", [CUSTOMER, DASHBOARD, ADMIN], ids=["customer", "dashboard", "admin"]
)


@pytest.fixture
def ann(db):
    return get_user_model().objects.create_user(
        username="ann",
        email="ann@example.com",
        password=PASSWORD,
        is_staff=True,
        is_superuser=True,
    )


def wrong_tries(client, form, count, **kwargs):
    for _ in range(count):
        response = form.post(client, password=WRONG, **kwargs)
    return response


def cool_off_passes():
    """The recorded tries grow older by the whole pause and a minute."""
    AccessAttempt.objects.update(attempt_time=F("attempt_time") - timedelta(minutes=16))


def signed_in(client, response):
    return response.status_code == 302 and "_auth_user_id" in client.session


@FORMS
def test_a_few_wrong_passwords_are_answered_as_wrong(client, ann, form):
    response = wrong_tries(client, form, 4)

    assert response.status_code == 200
    assert PAUSED not in response.content.decode()


@FORMS
def test_after_five_wrong_passwords_the_right_one_is_refused_with_why(
    client, ann, form
):
    wrong_tries(client, form, 5)

    response = form.post(client, password=PASSWORD)

    assert response.status_code == 429
    page = response.content.decode()
    assert PAUSED in page
    assert "paused for 15 minutes" in page
    assert 'type="password"' in page  # the sign-in page itself, form and all
    assert "_auth_user_id" not in client.session


@FORMS
def test_the_fifth_wrong_password_already_says_why(client, ann, form):
    response = wrong_tries(client, form, 5)

    assert response.status_code == 429
    assert PAUSED in response.content.decode()


@FORMS
def test_after_the_pause_the_right_password_works(client, ann, form):
    wrong_tries(client, form, 5)
    cool_off_passes()

    response = form.post(client, password=PASSWORD)

    assert signed_in(client, response), response.status_code


@FORMS
def test_the_same_account_from_another_address_is_not_paused(client, ann, form):
    wrong_tries(client, form, 5)

    response = form.post(client, password=PASSWORD, ip=ELSEWHERE)

    assert signed_in(client, response), response.status_code


@FORMS
def test_another_account_from_the_same_address_is_not_paused(
    client, ann, form, django_user_model
):
    django_user_model.objects.create_user(
        username="bo",
        email="bo@example.com",
        password=PASSWORD,
        is_staff=True,
        is_superuser=True,
    )
    wrong_tries(client, form, 5)

    bo = "bo@example.com" if form is CUSTOMER else "bo"
    response = form.post(client, password=PASSWORD, identifier=bo)

    assert signed_in(client, response), response.status_code


@FORMS
def test_signing_in_starts_the_count_again(client, ann, form):
    wrong_tries(client, form, 4)
    assert signed_in(client, form.post(client, password=PASSWORD))
    client.logout()

    response = wrong_tries(client, form, 4)

    assert response.status_code == 200
    assert PAUSED not in response.content.decode()


def test_the_address_case_does_not_buy_more_tries(client, ann):
    for identifier in ("ann@example.com", "Ann@Example.com", "ANN@example.com "):
        wrong_tries(client, CUSTOMER, 2, identifier=identifier)

    response = CUSTOMER.post(client, password=PASSWORD)

    assert response.status_code == 429


def test_behind_a_proxy_the_address_it_saw_is_the_one_counted(client, ann, settings):
    settings.PROXY_COUNT = 1
    wrong_tries(client, CUSTOMER, 5, HTTP_X_FORWARDED_FOR=ELSEWHERE)

    # Same proxy, another reader: not paused.
    other = CUSTOMER.post(client, password=PASSWORD, HTTP_X_FORWARDED_FOR=HOME)
    other_signed_in = signed_in(client, other)
    client.logout()
    # The paused reader cannot escape by claiming another address first.
    paused = CUSTOMER.post(
        client, password=PASSWORD, HTTP_X_FORWARDED_FOR=f"{HOME}, {ELSEWHERE}"
    )

    assert other_signed_in
    assert paused.status_code == 429


def test_no_typed_password_is_kept(client, ann):
    wrong_tries(client, CUSTOMER, 2)

    (attempt,) = AccessAttempt.objects.all()
    assert WRONG not in attempt.post_data
    assert attempt.username == "ann@example.com"


def test_opening_a_new_account_from_its_link_signs_the_customer_in(
    client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("customer:login"),
            {
                "registration-email": "new@example.com",
                "registration-password1": PASSWORD,
                "registration-password2": PASSWORD,
                "registration_submit": "Create account",
            },
        )
    (message,) = mail.outbox
    path = re.search(r"https?://[^/\s]+(/accounts/activate/\S+/)", message.body)[1]

    response = client.post(path)

    assert response.status_code == 302
    assert "_auth_user_id" in client.session
