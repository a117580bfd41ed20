"""Staff see the subscribers: list, filters, CSV, counts per source."""

import csv
from io import StringIO

import pytest
from django.contrib.auth.models import Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext
from oscar.core.loading import get_model

from content.kit.models import Subscriber
from tests.factories import SubscriberFactory

pytestmark = pytest.mark.django_db

User = get_model("auth", "User")
CHANGELIST = "/admin/kit/subscriber/"


@pytest.fixture
def staff_client(client):
    user = User.objects.create_user(
        "staff", "staff@example.test", "pw", is_staff=True, is_superuser=True
    )
    client.force_login(user)
    return client


def test_the_list_shows_status_source_and_dates(staff_client):
    SubscriberFactory(
        email="ana@example.test", source="tiny-habits-101", confirmed=True
    )

    page = staff_client.get(CHANGELIST).content.decode()

    assert "ana@example.test" in page
    assert "tiny-habits-101" in page
    assert "Confirmed" in page


def test_the_list_filters_by_status(staff_client):
    SubscriberFactory(email="ana@example.test", confirmed=True)
    SubscriberFactory(email="bo@example.test")

    page = staff_client.get(CHANGELIST, {"status__exact": "pending"}).content.decode()

    assert "bo@example.test" in page
    assert "ana@example.test" not in page


def test_the_list_uses_the_same_queries_for_one_and_many_subscribers(staff_client):
    SubscriberFactory()
    staff_client.get(CHANGELIST)
    with CaptureQueriesContext(connection) as one:
        staff_client.get(CHANGELIST)
    SubscriberFactory.create_batch(20)
    with CaptureQueriesContext(connection) as many:
        staff_client.get(CHANGELIST)

    assert len(one) == len(many)


def test_csv_export_lists_the_selected_subscribers(staff_client):
    chosen = SubscriberFactory(email="ana@example.test", source="home", confirmed=True)
    SubscriberFactory(email="bo@example.test")

    response = staff_client.post(
        CHANGELIST,
        {"action": "export_csv", "_selected_action": [chosen.pk]},
    )

    rows = list(csv.DictReader(StringIO(response.content.decode())))
    assert response["Content-Type"].startswith("text/csv")
    assert [(r["email"], r["status"], r["source"]) for r in rows] == [
        ("ana@example.test", "confirmed", "home")
    ]


def test_csv_export_defuses_spreadsheet_formulas(staff_client):
    chosen = SubscriberFactory(first_name="=HYPERLINK(1)")

    response = staff_client.post(
        CHANGELIST, {"action": "export_csv", "_selected_action": [chosen.pk]}
    )

    [row] = csv.DictReader(StringIO(response.content.decode()))
    assert row["first_name"] == "'=HYPERLINK(1)"


def test_counts_per_source(staff_client):
    SubscriberFactory.create_batch(2, source="tiny-habits-101", confirmed=True)
    SubscriberFactory(source="tiny-habits-101")
    SubscriberFactory(source="home")

    rows = list(Subscriber.objects.counts_by_source())
    page = staff_client.get(CHANGELIST + "sources/").content.decode()

    assert rows == [
        {"source": "tiny-habits-101", "total": 3, "confirmed": 2},
        {"source": "home", "total": 1, "confirmed": 0},
    ]
    assert "<td>tiny-habits-101</td><td>3</td><td>2</td>" in page


def test_counts_per_source_need_staff(client):
    response = client.get(CHANGELIST + "sources/")

    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


def test_staff_cannot_add_a_subscriber_by_hand(staff_client):
    assert staff_client.get(CHANGELIST + "add/").status_code == 403


def test_the_dashboard_navigation_links_to_the_subscribers(staff_client):
    page = staff_client.get("/dashboard/").content.decode()

    assert f'href="{CHANGELIST}"' in page


def test_staff_without_the_permission_see_no_link(client):
    user = User.objects.create_user("clerk", "c@example.test", "pw", is_staff=True)
    user.user_permissions.add(Permission.objects.get(codename="view_order"))
    client.force_login(user)

    response = client.get("/dashboard/")

    assert response.status_code == 200
    assert "Starter kit" not in response.content.decode()
