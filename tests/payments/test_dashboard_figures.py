"""The dashboard's home and order list count money net of refunds."""

import pytest
from django.contrib.auth.models import Permission
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from oscar.test.factories import create_order

from shop.payments.services import refunds
from tests.factories import SubscriberFactory
from tests.payments.conftest import refunded_in_stripe

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff(django_user_model):
    # Its own client: the buyer's (`client`) places the orders.
    client = Client()
    client.force_login(
        django_user_model.objects.create_superuser(
            username="staff", email="staff@example.com", password="x"
        )
    )
    return client


@pytest.fixture
def partly_refunded(two_line_order):
    """The $14.40 order with its $4.50 line refunded."""
    tracker = two_line_order.lines.get(title="Calm Morning Tracker")
    refunds.order_refund(order=two_line_order, line_ids=[tracker.pk])
    return two_line_order


def _figures(html):
    start = html.index('id="shop-figures"')
    return html[start : html.index("</table>", start)]


def _row(html, heading):
    figures = _figures(html)
    start = figures.index(f'<th scope="row">{heading}')
    return figures[start : figures.index("</tr>", start)]


def test_home_shows_revenue_net_of_a_partial_refund(staff, partly_refunded):
    html = staff.get(reverse("dashboard:index")).content.decode()

    assert _row(html, "Revenue, net of refunds").count("$9.90") == 3
    assert _row(html, "Refunded").count("$4.50 (1 order)") == 3
    assert _row(html, "Orders").count("<td>1</td>") == 3


def test_home_shows_no_revenue_after_a_refund_made_in_stripe(
    staff, two_line_order, post_event
):
    post_event(refunded_in_stripe(two_line_order, 1440))

    html = staff.get(reverse("dashboard:index")).content.decode()

    assert _row(html, "Revenue, net of refunds").count("$0.00") == 3
    assert _row(html, "Refunded").count("$14.40 (1 order)") == 3


def test_order_list_shows_the_total_net_of_refunds(staff, partly_refunded):
    html = staff.get(reverse("dashboard:order-list")).content.decode()

    assert "$9.90 <small" in html
    assert "(of $14.40; $4.50 refunded)" in html


def test_partly_refunded_orders_are_found_by_their_status(staff, partly_refunded):
    found = staff.get(reverse("dashboard:order-list"), {"status": "Partly refunded"})
    paid = staff.get(reverse("dashboard:order-list"), {"status": "Paid"})

    assert partly_refunded.number in found.content.decode()
    assert partly_refunded.number not in paid.content.decode()


def test_buyers_are_counted_once_per_email_guests_included(
    staff, two_line_order, django_user_model
):
    create_order(guest_email="READER@example.com")
    create_order(guest_email="other@example.com")
    create_order(user=django_user_model.objects.create_user("b", "b@example.com", "x"))

    html = staff.get(reverse("dashboard:index")).content.decode()

    assert "Buyers so far: <strong>3</strong>" in html


def test_home_counts_kit_sign_ups(staff):
    SubscriberFactory.create_batch(2)

    html = staff.get(reverse("dashboard:index")).content.decode()

    assert _row(html, "Starter kit sign-ups").count("<td>2</td>") == 3


def test_home_has_no_stock_boxes(staff):
    html = staff.get(reverse("dashboard:index")).content.decode()

    assert "Catalogue and stock" not in html
    assert "Total Customers" not in html
    assert "Stock alerts" not in html[html.index('id="shop-figures"') :]


def test_home_reads_a_fixed_number_of_queries(
    staff, partly_refunded, django_assert_num_queries
):
    staff.get(reverse("dashboard:index"))
    with CaptureQueriesContext(connection) as few:
        staff.get(reverse("dashboard:index"))
    create_order(guest_email="one@example.com")
    create_order(guest_email="two@example.com")
    SubscriberFactory.create_batch(3)

    with django_assert_num_queries(len(few.captured_queries)):
        staff.get(reverse("dashboard:index"))


def test_staff_who_may_not_see_orders_see_no_figures(client, django_user_model):
    client.force_login(
        django_user_model.objects.create_user(
            "editor", "e@example.com", "x", is_staff=True
        )
    )

    html = client.get(reverse("dashboard:index")).content.decode()

    assert 'id="shop-figures"' not in html


def test_staff_who_may_see_orders_but_not_the_kit_see_no_kit_figures(
    django_user_model,
):
    clerk = django_user_model.objects.create_user(
        "clerk", "c@example.com", "x", is_staff=True
    )
    clerk.user_permissions.add(Permission.objects.get(codename="view_order"))
    client = Client()
    client.force_login(clerk)

    html = client.get(reverse("dashboard:index")).content.decode()

    assert 'id="shop-figures"' in html
    assert "Starter kit sign-ups" not in html
