"""The demo activity gives "What's working" attributed sign-ups and orders."""

import pytest
from oscar.core.loading import get_model

from content.articles.demo import load_articles
from shop.attribution import report
from shop.demo.activity import load_activity

Order = get_model("order", "Order")

pytestmark = pytest.mark.django_db


def test_demo_activity_fills_the_report_once(demo_catalogue):
    load_articles()

    assert load_activity() == 45
    assert load_activity() == 0

    built = report.build(report.DateRange.last_days(90))
    assert built.totals.orders == Order.objects.count() == 45
    assert built.totals.signups > 0
    assert built.totals.views > 0
    credited = [row for row in built.articles if row.article and row.orders]
    assert credited
    assert {row.source for row in built.sources} >= {"newsletter", "pinterest"}
