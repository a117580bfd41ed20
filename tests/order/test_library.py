"""Get my downloads again: one e-mail with a signed, expiring link to every
order of an address; the form answers alike for any address, holds its
limits, and opening the library uses nothing up."""

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from shop.apps.order.library import library_path
from shop.downloads.models import DownloadLink
from tests.factories import ProductFactory, paid_order

pytestmark = pytest.mark.django_db

BUYER = "reader@example.com"
LINK = re.compile(r"https?://[^/\s]+(/my-downloads/[^\s\"<>]+/)")
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="[^"]+"')


@pytest.fixture
def ask(client, django_capture_on_commit_callbacks):
    def post(email, **extra):
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(
                reverse("library:request"), {"email": email}, follow=True, **extra
            )

    return post


@pytest.fixture
def two_orders(db):
    first = paid_order(products=[ProductFactory(title="Self-Care Tracker")])
    second = paid_order(
        products=[ProductFactory(title="Simple Meal Planner")],
        email="Reader@Example.com",
    )
    return first, second


def _library_link(message):
    (path,) = set(LINK.findall(message.body))
    return path


def test_a_buyer_gets_one_link_to_every_order_and_its_files(client, ask, two_orders):
    response = ask(BUYER)

    assert response.redirect_chain[-1][0] == reverse("library:sent")
    (message,) = mail.outbox
    assert message.to == [BUYER]
    assert message.subject == "Your downloads from GoToBetter"
    page = client.get(_library_link(message))
    text = page.content.decode()
    assert page.status_code == 200
    for order in two_orders:
        assert f"Order {order.number}" in text
    for link in DownloadLink.objects.all():
        assert link.get_absolute_url() in text
    assert "Download Self-Care Tracker" in text
    assert "Download Simple Meal Planner" in text
    assert "no-store" in page["Cache-Control"]


def test_opening_the_library_uses_up_no_download(client, ask, two_orders):
    ask(BUYER)
    path = _library_link(mail.outbox[0])

    for __ in range(3):  # a link scanner, then the buyer, twice
        assert client.get(path).status_code == 200
        assert client.head(path).status_code == 200

    assert {link.download_count for link in DownloadLink.objects.all()} == {0}


def test_the_answer_is_the_same_whether_or_not_the_address_bought(ask, two_orders):
    bought = ask(BUYER)
    never = ask("stranger@example.com")

    assert [message.to for message in mail.outbox] == [[BUYER]]
    assert bought.redirect_chain == never.redirect_chain
    assert bought.status_code == never.status_code == 200
    assert CSRF.sub("", bought.content.decode()) == CSRF.sub("", never.content.decode())


def test_the_answer_does_the_same_work_whether_or_not_the_address_bought(
    client, two_orders
):
    """Timing cannot tell them apart: both build the e-mail and read the same
    rows; only the one with orders then writes it to the outbox."""

    def work(email):
        with CaptureQueriesContext(connection) as captured:
            response = client.post(reverse("library:request"), {"email": email})
        queries = [re.sub(r"'[^']*'|\d+|\"s\w+\"", "?", q["sql"]) for q in captured]
        return {t.name for t in response.templates}, queries

    work("first@example.com")  # this IP's hourly count has begun
    bought, never = work(BUYER), work("stranger@example.com")

    assert "order/email/library.html" in bought[0]
    assert bought == never
    assert [message.to for message in mail.outbox] == [[BUYER]]


def test_an_address_gets_at_most_one_link_per_interval(ask, two_orders):
    for __ in range(3):
        response = ask(BUYER)
        assert response.redirect_chain[-1][0] == reverse("library:sent")

    assert len(mail.outbox) == 1


def test_one_ip_is_refused_past_its_hourly_limit_and_told_why(ask, settings):
    settings.LIBRARY_REQUESTS_PER_IP_PER_HOUR = 3
    for number in range(3):
        assert ask(f"someone{number}@example.com").status_code == 200

    refused = ask("someone-else@example.com")
    other_ip = ask("someone-else@example.com", REMOTE_ADDR="203.0.113.9")

    assert refused.status_code == 429
    assert "try again in an hour" in refused.content.decode()
    assert 'value="someone-else@example.com"' in refused.content.decode()
    assert other_ip.status_code == 200


def test_a_bad_address_is_asked_again_with_what_was_typed(ask):
    response = ask("not an address")

    assert response.status_code == 400
    page = response.content.decode()
    assert "Please enter a whole e-mail address" in page
    assert 'value="not an address"' in page
    assert not mail.outbox


@pytest.mark.parametrize(
    "tamper",
    [
        lambda path: path.replace(":", ":x", 1),
        lambda path: "/my-downloads/" + "a" * 40 + "/",
    ],
)
def test_a_forged_link_opens_nothing_and_offers_the_form(client, tamper, two_orders):
    response = client.get(tamper(library_path(BUYER)))

    assert response.status_code == 410
    page = response.content.decode()
    assert "E-mail me my downloads" in page
    assert str(two_orders[0].number) not in page


def test_a_link_opens_the_library_until_a_second_before_a_day(
    client, clock, two_orders
):
    path = library_path(BUYER)
    clock.shift(timedelta(days=1) - timedelta(seconds=1))

    response = client.get(path)

    assert response.status_code == 200
    page = response.content.decode()
    assert all(str(order.number) in page for order in two_orders)


def test_an_old_link_has_run_out(client, clock, two_orders, settings):
    path = library_path(BUYER)
    clock.shift(settings.LIBRARY_LINK_MAX_AGE + 1)

    response = client.get(path)

    assert response.status_code == 410
    assert "This link has run out" in response.content.decode()


def test_the_library_reads_the_same_few_queries_for_any_number_of_orders(client):
    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert client.get(library_path(BUYER)).status_code == 200
        return len(captured)

    paid_order(products=[ProductFactory()])
    one = queries()
    for __ in range(3):
        paid_order(products=[ProductFactory(), ProductFactory()])

    assert queries() == one


@pytest.mark.parametrize(
    "url",
    [
        reverse("customer:login"),
        reverse("library:request"),
        reverse("catalogue:index"),
    ],
)
def test_the_form_is_linked_where_a_buyer_looks(client, url):
    assert reverse("library:request") in client.get(url).content.decode()


def test_the_form_works_with_csrf_checks_on_as_in_a_browser(db):
    browser = Client(enforce_csrf_checks=True)
    form = browser.get(reverse("library:request")).content.decode()
    (token,) = re.findall(r'name="csrfmiddlewaretoken" value="([^"]+)"', form)

    response = browser.post(
        reverse("library:request"),
        {"email": "someone@example.com", "csrfmiddlewaretoken": token},
    )

    assert response.status_code == 302


def test_a_run_out_link_on_the_library_page_can_be_renewed(db):
    order = paid_order(products=[ProductFactory(title="Self-Care Tracker")])
    DownloadLink.objects.filter(line__order=order).update(download_count=99)
    browser = Client(enforce_csrf_checks=True)
    page = browser.get(library_path(BUYER)).content.decode()
    (token,) = re.findall(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
    (action,) = re.findall(r'<form method="post" action="([^"]+/renew/)"', page)

    response = browser.post(action, {"csrfmiddlewaretoken": token})

    assert response.status_code == 302
