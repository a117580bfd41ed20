"""A customer's account: signing in and up, the orders, the details, the
password and signing out, on the shop's own pages."""

import re
from datetime import UTC, datetime

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from oscar.apps.partner.strategy import Default
from oscar.core.loading import get_model
from oscar.test.factories import create_order

from tests.factories import ProductFactory

Basket = get_model("basket", "Basket")

pytestmark = pytest.mark.django_db

PASSWORD = "a calm long passphrase"
# Oscar's stock account templates are Bootstrap's: none of its classes here.
BOOTSTRAP_CLASS = re.compile(
    r'class="[^"]*\b(btn|btn-\w+|form-control|form-group|col-sm-\d+|card|'
    r"nav-pills|nav-link|table-striped|alert|alert-\w+)\b"
)


@pytest.fixture
def customer(db):
    return get_user_model().objects.create_user(
        username="ann", email="ann@example.com", password=PASSWORD, first_name="Ann"
    )


@pytest.fixture
def signed_in(client, customer):
    client.force_login(customer)
    return client


def _order(user, *titles):
    basket = Basket.objects.create()
    basket.strategy = Default()
    for title in titles:
        basket.add_product(ProductFactory(title=title))
    return create_order(basket=basket, user=user)


def _html(response):
    assert response.status_code == 200
    return response.content.decode()


def test_sign_in_page_offers_signing_in_and_creating_an_account(client):
    html = _html(client.get(reverse("customer:login")))

    assert '<h1 class="page-title">Sign in</h1>' in html
    assert '<label for="id_login-username">E-mail address</label>' in html
    assert '<label for="id_registration-password2">Password again</label>' in html
    assert 'autocomplete="current-password"' in html
    assert ">Create account</button>" in html
    assert html.index('id="sign-in"') < html.index('id="register"')
    assert "at least 8 characters" in html


def test_wrong_password_says_so_by_the_form_and_keeps_the_address(client, customer):
    response = client.post(
        reverse("customer:login"),
        {
            "login-username": "ann@example.com",
            "login-password": "not it",
            "login_submit": "Sign in",
        },
    )

    html = _html(response)
    assert "That e-mail address and password do not match an account." in html
    assert 'value="ann@example.com"' in html
    assert "_auth_user_id" not in client.session


def test_a_mistake_in_the_sign_up_form_is_marked_at_its_field(client):
    response = client.post(
        reverse("customer:login"),
        {
            "registration-email": "new@example.com",
            "registration-password1": PASSWORD,
            "registration-password2": "something else",
            "registration_submit": "Create account",
        },
    )

    html = _html(response)
    assert "Please check the form: what needs fixing is marked below." in html
    assert (
        '<ul class="errorlist" id="id_registration-password2_error">'
        "<li>The two password fields didn&#x27;t match.</li>" in html
    )
    assert 'aria-describedby="id_registration-password2_error"' in html
    assert html.index('id="register"') < html.index('id="sign-in"')
    assert not get_user_model().objects.filter(email="new@example.com").exists()


def test_signing_in_opens_the_orders(client, customer):
    response = client.post(
        reverse("customer:login"),
        {
            "login-username": "ann@example.com",
            "login-password": PASSWORD,
            "login_submit": "Sign in",
        },
        follow=True,
    )

    assert response.redirect_chain[-1][0] == reverse("customer:order-list")
    assert "Welcome back" in _html(response)


def test_order_list_names_each_orders_printables_total_and_status(signed_in, customer):
    order = _order(customer, "Simple Meal Planner", "Self-Care Tracker")
    order.status = "Paid"
    order.save()

    html = _html(signed_in.get(reverse("customer:order-list")))

    detail = reverse("customer:order", kwargs={"order_number": order.number})
    assert f'<a href="{detail}">Order {order.number}</a>' in html
    assert "Simple Meal Planner, Self-Care Tracker" in html
    assert "· $19.80" in html
    assert "· Paid" in html


def test_order_list_without_orders_leads_to_the_printables(signed_in):
    html = _html(signed_in.get(reverse("customer:order-list")))

    assert "No orders yet." in html
    assert f'href="{reverse("catalogue:index")}"' in html


def _queries_for(client, url):
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def test_order_list_asks_as_many_queries_for_five_orders_as_for_one(
    signed_in, customer
):
    _order(customer, "Planner 1")
    with_one = _queries_for(signed_in, reverse("customer:order-list"))

    for number in range(2, 6):
        _order(customer, f"Planner {number}", f"Tracker {number}")
    with_five = _queries_for(signed_in, reverse("customer:order-list"))

    assert with_one > 0
    assert with_five == with_one


def test_order_list_shows_only_the_customers_own_orders(signed_in, customer):
    other = get_user_model().objects.create_user(
        username="bo", email="bo@example.com", password=PASSWORD
    )
    _order(other, "Someone Else's Planner")

    html = _html(signed_in.get(reverse("customer:order-list")))

    assert "Someone Else&#x27;s Planner" not in html
    assert "No orders yet." in html


def test_details_page_shows_name_and_address_and_leads_to_the_changes(
    signed_in,
):
    html = _html(signed_in.get(reverse("customer:profile-view")))

    assert '<h1 class="page-title">Your details</h1>' in html
    assert "<dd>Ann</dd>" in html
    assert "<dd>ann@example.com</dd>" in html
    assert f'href="{reverse("customer:profile-update")}"' in html
    assert f'href="{reverse("customer:change-password")}"' in html
    assert f'href="{reverse("customer:profile-delete")}"' in html


def test_changing_the_name_is_saved_and_shown(signed_in, customer):
    response = signed_in.post(
        reverse("customer:profile-update"),
        {"first_name": "Anna", "last_name": "Lind", "email": "ann@example.com"},
        follow=True,
    )

    assert "<dd>Anna Lind</dd>" in _html(response)
    customer.refresh_from_db()
    assert customer.get_full_name() == "Anna Lind"


def test_details_form_refuses_an_address_another_account_uses(signed_in, customer):
    get_user_model().objects.create_user(
        username="bo", email="bo@example.com", password=PASSWORD
    )

    response = signed_in.post(
        reverse("customer:profile-update"),
        {"first_name": "Ann", "last_name": "", "email": "bo@example.com"},
    )

    html = _html(response)
    assert "A user with this email address already exists" in html
    assert 'value="bo@example.com"' in html
    customer.refresh_from_db()
    assert customer.email == "ann@example.com"


def test_changing_the_password_keeps_the_customer_signed_in(signed_in, customer):
    response = signed_in.post(
        reverse("customer:change-password"),
        {
            "old_password": PASSWORD,
            "new_password1": "another calm passphrase",
            "new_password2": "another calm passphrase",
        },
        follow=True,
    )

    assert "Password updated" in _html(response)
    customer.refresh_from_db()
    assert customer.check_password("another calm passphrase")
    assert signed_in.get(reverse("customer:profile-view")).status_code == 200


def test_a_wrong_old_password_is_refused_at_its_field(signed_in, customer):
    response = signed_in.post(
        reverse("customer:change-password"),
        {
            "old_password": "not it",
            "new_password1": "another calm passphrase",
            "new_password2": "another calm passphrase",
        },
    )

    assert 'id="id_old_password_error"' in _html(response)
    customer.refresh_from_db()
    assert customer.check_password(PASSWORD)


def test_deleting_the_account_asks_for_the_password(signed_in, customer):
    refused = signed_in.post(reverse("customer:profile-delete"), {"password": "no"})
    assert 'id="id_password_error"' in _html(refused)
    assert get_user_model().objects.filter(pk=customer.pk).exists()

    signed_in.post(reverse("customer:profile-delete"), {"password": PASSWORD})

    assert not get_user_model().objects.filter(pk=customer.pk).exists()


def test_the_account_menu_offers_orders_details_and_signing_out(signed_in):
    html = _html(signed_in.get(reverse("customer:profile-view")))
    menu = html.split('<nav class="account-nav" aria-label="Your account">')[1]
    menu = menu.split("</nav>")[0]

    links = re.findall(r"<a [^>]*>([^<]+)</a>", menu)
    assert links == ["Your orders", "Your details"]
    assert f'action="{reverse("customer:logout")}"' in menu
    assert ">Sign out</button>" in menu


def test_opening_the_sign_out_address_asks_before_signing_out(signed_in):
    html = _html(signed_in.get(reverse("customer:logout")))

    assert '<h1 class="page-title">Sign out?</h1>' in html
    assert "_auth_user_id" in signed_in.session


def test_signing_out_ends_the_session_and_says_so(signed_in):
    response = signed_in.post(reverse("customer:logout"), follow=True)

    assert response.redirect_chain[-1][0] == reverse("home")
    assert "You are signed out. See you soon." in _html(response)
    assert "_auth_user_id" not in signed_in.session
    after = signed_in.get(reverse("customer:profile-view"))
    assert after.status_code == 302
    assert after["Location"].startswith(reverse("customer:login"))


def test_sign_out_address_sends_a_visitor_home(client):
    assert client.get(reverse("customer:logout"))["Location"] == reverse("home")
    assert client.post(reverse("customer:logout"))["Location"] == reverse("home")


ACCOUNT_PAGES = {
    "orders": "customer:order-list",
    "details": "customer:profile-view",
    "change-details": "customer:profile-update",
    "change-password": "customer:change-password",
    "delete": "customer:profile-delete",
    "sign-out": "customer:logout",
}


@pytest.mark.parametrize("name", ACCOUNT_PAGES.values(), ids=ACCOUNT_PAGES.keys())
def test_account_page_has_the_shops_structure_and_no_bootstrap(signed_in, name):
    html = _html(signed_in.get(reverse(name)))

    assert '<h1 class="page-title">' in html
    assert '<meta name="description" content="' in html
    assert '<nav aria-label="Breadcrumb">' in html
    assert '<meta name="robots" content="noindex">' in html
    assert not BOOTSTRAP_CLASS.search(html), BOOTSTRAP_CLASS.search(html)[0]


SIGNED_OUT_PAGES = {
    "sign-in": "customer:login",
    "create-account": "customer:register",
    "password-reset": "password-reset",
    "password-reset-done": "password-reset-done",
    "password-reset-complete": "password-reset-complete",
}


@pytest.mark.parametrize("name", SIGNED_OUT_PAGES.values(), ids=SIGNED_OUT_PAGES.keys())
def test_signed_out_page_has_the_shops_structure_and_no_bootstrap(client, name):
    html = _html(client.get(reverse(name)))

    assert '<h1 class="page-title">' in html
    assert '<meta name="description" content="' in html
    assert '<nav aria-label="Breadcrumb">' in html
    assert not BOOTSTRAP_CLASS.search(html), BOOTSTRAP_CLASS.search(html)[0]


def test_order_dates_and_totals_keep_the_shops_formats(signed_in, customer):
    order = _order(customer, "Simple Meal Planner")
    order.date_placed = datetime(2026, 1, 5, 14, 3, tzinfo=UTC)
    order.save()

    html = _html(signed_in.get(reverse("customer:order-list")))

    assert '<time datetime="2026-01-05T14:03:00+0000">Jan. 5, 2026</time>' in html
    assert "· $9.90" in html


# Django's EmailField allows 320 characters; the account's column holds 254.
TOO_LONG_EMAIL = "r" * 287 + "@example.test"


def test_signing_up_with_an_email_longer_than_an_account_keeps_is_refused(client):
    response = client.post(
        reverse("customer:login"),
        {
            "registration-email": TOO_LONG_EMAIL,
            "registration-password1": PASSWORD,
            "registration-password2": PASSWORD,
            "registration_submit": "Create account",
        },
    )

    assert "at most 254 characters (it has 300)" in _html(response)
    assert not get_user_model().objects.exists()


def test_changing_to_an_email_longer_than_an_account_keeps_is_refused(
    signed_in, customer
):
    response = signed_in.post(
        reverse("customer:profile-update"),
        {"first_name": "Ann", "last_name": "", "email": TOO_LONG_EMAIL},
    )

    assert "at most 254 characters (it has 300)" in _html(response)
    customer.refresh_from_db()
    assert customer.email == "ann@example.com"
