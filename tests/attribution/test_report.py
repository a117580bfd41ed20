"""What's working: the report's numbers are the stored rows, net of refunds,
read in a fixed number of queries, for staff allowed to see them."""

import csv
import io
from datetime import timedelta
from decimal import Decimal

import pytest
from django.contrib.auth.models import Permission
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from oscar.core.loading import get_model

from shop.apps.order.processing import REFUNDED, EventHandler, payment_event_type
from shop.attribution import report
from shop.attribution.models import (
    ArticleDailyViews,
    OrderAttribution,
    SignupAttribution,
)
from tests.factories import (
    ArticleFactory,
    ProductFactory,
    SubscriberFactory,
    paid_order,
)

Order = get_model("order", "Order")

pytestmark = pytest.mark.django_db

REPORT = reverse("attribution:report")


@pytest.fixture
def staff(django_user_model):
    user = django_user_model.objects.create_user(
        username="owner", email="owner@example.com", password="x", is_staff=True
    )
    user.user_permissions.add(Permission.objects.get(codename="view_report"))
    client = Client()
    client.force_login(user)
    return client


def _order(products, *, article=None, days_ago=1, **tags):
    order = paid_order(products=products, email=f"buyer{Order.objects.count()}@x.test")
    Order.objects.filter(pk=order.pk).update(
        date_placed=timezone.now() - timedelta(days=days_ago)
    )
    OrderAttribution.objects.filter(order=order).update(article=article, **tags)
    return order


def _refund_line(order, title):
    line = order.lines.get(title=title)
    EventHandler().handle_payment_event(
        order, payment_event_type(REFUNDED), line.line_price_incl_tax, lines=[line]
    )


def _signup(*, article=None, confirmed=True, days_ago=1, **tags):
    subscriber = SubscriberFactory(confirmed=confirmed)
    subscriber.__class__.objects.filter(pk=subscriber.pk).update(
        created_at=timezone.now() - timedelta(days=days_ago)
    )
    SignupAttribution.objects.create(subscriber=subscriber, article=article, **tags)
    return subscriber


@pytest.fixture
def shop_month():
    """Known rows over the last 30 days, and some outside them."""
    planner = ProductFactory(title="Weekly Reset Planner", price=Decimal("9.90"))
    tracker = ProductFactory(title="Calm Morning Tracker", price=Decimal("4.50"))
    mornings = ArticleFactory(title="Two-Minute Mornings")
    evenings = ArticleFactory(title="Quiet Evenings")
    ArticleFactory(title="Nobody Read This Yet")
    for _ in range(3):
        _order([planner], article=mornings)
    _refund_line(Order.objects.first(), "Weekly Reset Planner")
    both = _order(
        [planner, tracker],
        article=evenings,
        utm_source="newsletter",
        utm_medium="email",
        utm_campaign="spring",
    )
    _refund_line(both, "Calm Morning Tracker")
    _order([tracker], referrer_domain="pinterest.com")
    _order([planner], article=mornings, days_ago=45)

    _signup(article=mornings)
    _signup(article=mornings, days_ago=3)
    _signup(article=mornings, confirmed=False)
    _signup(
        article=evenings,
        utm_source="newsletter",
        utm_medium="email",
        utm_campaign="spring",
    )
    _signup()
    _signup(article=evenings, days_ago=60)

    today = timezone.localdate()
    for article, day, views in (
        (mornings, today, 30),
        (mornings, today - timedelta(days=5), 10),
        (evenings, today, 10),
        (evenings, today - timedelta(days=40), 99),
    ):
        ArticleDailyViews.objects.create(article=article, day=day, views=views)
    return {"mornings": mornings, "evenings": evenings}


def _by_title(rows):
    return {row.article.title if row.article else None: row for row in rows}


def test_per_article_numbers_are_the_stored_rows_net_of_refunds(shop_month):
    built = report.build(report.DateRange.last_days(30))
    rows = _by_title(built.articles)

    mornings = rows["Two-Minute Mornings"]
    assert (mornings.views, mornings.signups, mornings.orders) == (40, 2, 3)
    assert mornings.revenue == Decimal("19.80")
    assert mornings.conversion == Decimal("12.5")
    evenings = rows["Quiet Evenings"]
    assert (evenings.views, evenings.signups, evenings.orders) == (10, 1, 1)
    assert evenings.revenue == Decimal("9.90")
    unread = rows["Nobody Read This Yet"]
    assert (unread.views, unread.signups, unread.orders, unread.conversion) == (
        0,
        0,
        0,
        None,
    )
    assert (rows[None].signups, rows[None].orders) == (1, 1)
    assert rows[None].revenue == Decimal("4.50")
    assert (built.totals.views, built.totals.signups, built.totals.orders) == (
        50,
        4,
        5,
    )
    assert built.totals.revenue == Decimal("34.20")


def test_per_product_numbers_leave_out_refunded_lines(shop_month):
    built = report.build(report.DateRange.last_days(30))
    rows = {row.title: row for row in built.products}

    planner = rows["Weekly Reset Planner"]
    assert (planner.orders, planner.units, planner.from_articles) == (4, 4, 4)
    assert planner.revenue == Decimal("29.70")
    tracker = rows["Calm Morning Tracker"]
    assert (tracker.orders, tracker.units, tracker.from_articles) == (2, 2, 1)
    assert tracker.revenue == Decimal("4.50")


def test_per_source_and_campaign(shop_month):
    built = report.build(report.DateRange.last_days(30))
    rows = {(row.source, row.campaign): row for row in built.sources}

    newsletter = rows[("newsletter", "spring")]
    assert (newsletter.signups, newsletter.orders) == (1, 1)
    assert newsletter.revenue == Decimal("9.90")
    pinterest = rows[("pinterest.com", "")]
    assert (pinterest.signups, pinterest.orders) == (0, 1)
    direct = rows[("(direct)", "")]
    assert (direct.signups, direct.orders) == (3, 3)
    assert direct.revenue == Decimal("19.80")
    assert built.sources[-1] is direct


def test_the_chart_periods_add_up_to_the_totals(shop_month):
    dates = report.DateRange.last_days(30)
    built = report.build(dates)

    assert len(built.periods) == 30
    assert sum(row.signups for row in built.periods) == built.totals.signups
    assert sum(row.revenue for row in built.periods) == built.totals.revenue
    year = report.build(report.DateRange.last_days(365))
    assert year.dates.weekly
    assert sum(row.signups for row in year.periods) == 5
    assert sum(row.revenue for row in year.periods) == Decimal("44.10")


def test_staff_see_the_report_with_chart_and_tables(staff, shop_month):
    response = staff.get(REPORT)
    html = response.content.decode()

    assert response.status_code == 200
    assert "<h1>What's working</h1>" in html
    assert 'role="img" aria-labelledby="chart-title chart-desc"' in html
    assert '<title id="chart-title">Revenue and kit sign-ups per day</title>' in html
    assert html.count("<rect ") == 30
    assert 'id="report-periods"' in html
    mornings = shop_month["mornings"]
    assert f'<a href="{mornings.get_absolute_url()}">Two-Minute Mornings</a>' in html
    assert "$34.20" in html


def test_the_range_chooses_the_rows(staff, shop_month):
    today = timezone.localdate()
    start = (today - timedelta(days=50)).isoformat()
    response = staff.get(REPORT, {"start": start, "end": today.isoformat()})

    assert response.context["report"].totals.orders == 6
    assert response.context["report"].totals.views == 149


@pytest.mark.parametrize(
    "query",
    [
        {"start": "yesterday"},
        {"start": "2026-02-30"},
        {"start": "2026-05-01", "end": "2026-04-01"},
        {"start": "1900-01-01", "end": "2026-01-01"},
        {"start": "2026-01-01", "end": "9999-99-99"},
    ],
)
def test_dates_that_cannot_be_used_show_the_last_30_days_and_say_why(
    staff, shop_month, query
):
    response = staff.get(REPORT, query, follow=True)

    assert response.status_code == 200
    assert response.context["report"].dates == report.DateRange.last_days(30)
    assert "Those dates could not be used" in response.content.decode()


def test_csv_exports_hold_the_tables(staff, shop_month):
    response = staff.get(REPORT, {"export": "articles"})
    rows = list(csv.reader(io.StringIO(response.content.decode())))

    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "attachment" in response["Content-Disposition"]
    assert rows[0][:6] == [
        "article",
        "url",
        "views",
        "kit sign-ups",
        "orders",
        "revenue",
    ]
    assert [
        rows[1][0],
        *rows[1][2:6],
    ] == ["Two-Minute Mornings", "40", "2", "3", "19.80"]
    for table in ("products", "sources", "days"):
        assert staff.get(REPORT, {"export": table}).status_code == 200


def test_a_campaign_typed_as_a_formula_is_exported_as_text(staff, db):
    _signup(utm_source="=cmd|' /C calc'!A0")
    rows = staff.get(REPORT, {"export": "sources"}).content.decode()

    assert "'=cmd" in rows


def test_only_staff_with_the_permission_open_it(client, django_user_model, staff):
    assert client.get(REPORT).status_code == 302
    plain_staff = django_user_model.objects.create_user(
        username="helpdesk", email="h@example.com", password="x", is_staff=True
    )
    client.force_login(plain_staff)
    assert client.get(REPORT).status_code == 403
    assert staff.get(REPORT).status_code == 200


def test_the_menu_links_the_report_for_those_who_may_open_it(staff):
    html = staff.get(reverse("dashboard:index")).content.decode()

    assert f'href="{REPORT}"' in html


def _queries(client, query):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(REPORT, query).status_code == 200
    return len(queries)


def test_query_count_stays_the_same_as_rows_grow(staff, shop_month):
    query = {"start": (timezone.localdate() - timedelta(days=90)).isoformat()}
    before = _queries(staff, query)

    products = [ProductFactory() for _ in range(3)]
    for index in range(4):
        article = ArticleFactory()
        ArticleDailyViews.objects.create(
            article=article, day=timezone.localdate(), views=index + 1
        )
        _order(products[: index % 3 + 1], article=article, utm_campaign=f"c{index}")
        _signup(article=article, utm_source=f"site{index}", days_ago=index + 2)
    after = _queries(staff, query)

    assert after == before
