"""The subscriber list names each sign-up's article, linked, and filters by
the day people signed up."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from content.kit.models import Subscriber
from shop.attribution.models import SignupAttribution
from tests.factories import ArticleFactory, SubscriberFactory

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:kit_subscriber_changelist")


def _signed_up(email, *, days_ago, article=None):
    source = article.slug if article else "kit"
    subscriber = SubscriberFactory(email=email, source=source)
    Subscriber.objects.filter(pk=subscriber.pk).update(
        created_at=timezone.now() - timedelta(days=days_ago)
    )
    SignupAttribution.objects.create(subscriber=subscriber, article=article)
    return subscriber


@pytest.fixture
def signups():
    mornings = ArticleFactory(title="Two-Minute Mornings")
    _signed_up("recent@example.test", days_ago=1, article=mornings)
    _signed_up("direct@example.test", days_ago=2)
    _signed_up("old@example.test", days_ago=40, article=mornings)
    return mornings


def test_each_sign_up_shows_its_article_by_title_linked(admin_client, signups):
    html = admin_client.get(CHANGELIST).content.decode()

    link = f'<a href="{signups.get_absolute_url()}">Two-Minute Mornings</a>'
    assert html.count(link) == 2


def test_the_list_filters_by_the_day_people_signed_up(admin_client, signups):
    today = timezone.localdate()
    response = admin_client.get(
        CHANGELIST,
        {
            "signed_up_from": (today - timedelta(days=7)).isoformat(),
            "signed_up_to": today.isoformat(),
        },
    )
    html = response.content.decode()

    assert response.status_code == 200
    assert "recent@example.test" in html
    assert "direct@example.test" in html
    assert "old@example.test" not in html


def test_a_date_that_is_not_one_filters_nothing(admin_client, signups):
    response = admin_client.get(CHANGELIST, {"signed_up_from": "last week"})

    assert response.status_code == 200
    assert "old@example.test" in response.content.decode()


def test_the_list_reads_articles_in_the_same_queries_however_many(
    admin_client, signups
):
    with CaptureQueriesContext(connection) as few:
        admin_client.get(CHANGELIST)
    for index in range(5):
        _signed_up(f"more{index}@example.test", days_ago=3, article=ArticleFactory())
    with CaptureQueriesContext(connection) as many:
        admin_client.get(CHANGELIST)

    assert len(many) == len(few)


def test_counts_per_source_show_article_titles_and_take_dates(admin_client, signups):
    today = timezone.localdate()
    html = admin_client.get(
        CHANGELIST + "sources/",
        {"signed_up_from": (today - timedelta(days=7)).isoformat()},
    ).content.decode()

    assert f'<a href="{signups.get_absolute_url()}">Two-Minute Mornings</a>' in html
    assert "<td>1</td>" in html
