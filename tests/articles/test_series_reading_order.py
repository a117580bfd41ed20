"""A series page lists its pillar guide first, then its articles in order."""

import pytest

from tests.factories import ArticleFactory, SeriesFactory

pytestmark = pytest.mark.django_db


def _titles_in_order(client, series, titles):
    html = client.get(series.get_absolute_url()).content.decode()
    found = {title: html.find(title) for title in titles}
    assert all(at >= 0 for at in found.values()), found
    return sorted(titles, key=found.get)


def test_the_pillar_guide_leads_the_series_then_the_articles_by_position(client):
    series = SeriesFactory()
    for position in (1, 2):
        ArticleFactory(
            title=f"Step {position}", series=series, series_position=position
        )
    series.pillar_guide = ArticleFactory(
        title="The Whole Guide", series=series, series_position=3
    )
    series.save()

    titles = _titles_in_order(client, series, ["Step 1", "Step 2", "The Whole Guide"])

    assert titles == ["The Whole Guide", "Step 1", "Step 2"]


def test_a_pillar_guide_from_outside_the_series_still_leads_it(client):
    series = SeriesFactory()
    ArticleFactory(title="Step 1", series=series, series_position=1)
    series.pillar_guide = ArticleFactory(title="The Whole Guide")
    series.save()

    titles = _titles_in_order(client, series, ["Step 1", "The Whole Guide"])

    assert titles == ["The Whole Guide", "Step 1"]
