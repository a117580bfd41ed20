"""The product page shows the first pages of its files and what the buyer
gets, read from the files when they were uploaded."""

import re

import pytest
from django.core.files.base import ContentFile
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from shop.demo.printables import build_printable
from shop.downloads.previews import product_file_describe
from tests.factories import ProductFactory, ProductFileFactory, ProductImageFactory

pytestmark = pytest.mark.django_db


def _file(product, kind="self-care-tracker", title="Self-Care Tracker (PDF)"):
    return ProductFileFactory(
        product=product,
        title=title,
        file=ContentFile(build_printable(kind, title=product.title), name="t.pdf"),
    )


def _described(product, **kwargs):
    return product_file_describe(product_file=_file(product, **kwargs))


def test_product_page_shows_the_first_pages_and_what_you_get(client):
    product = ProductFactory(title="Self-Care Tracker", files=False)
    ProductImageFactory(product=product)
    _described(product)

    html = client.get(product.get_absolute_url()).content.decode()

    gallery = re.search(r'<section class="previews".*?</section>', html, re.S)[0]
    assert 'alt="Page 1 of Self-Care Tracker (PDF)"' in gallery
    assert 'loading="lazy"' in gallery
    assert re.search(
        r'srcset="/media/images/previews/self-care-tracker-page-1-', gallery
    )
    assert re.search(r'<a href="/media/images/previews/[^"]+-960\.jpeg">', gallery)
    assert "What you get" in html
    assert re.search(r"PDF · 1 page · US Letter landscape · \d+ KB", html)


def test_a_file_not_yet_read_is_listed_without_pictures_or_facts(client):
    product = ProductFactory(title="Self-Care Tracker", files=False)
    _file(product)

    html = client.get(product.get_absolute_url()).content.decode()

    assert "Self-Care Tracker (PDF)" in html
    assert 'class="previews"' not in html
    assert " · " not in html


def _queries(url):
    client = Client()
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        # A query string other than tracking tags skips the page cache.
        response = client.get(url + "?fresh=1")
    assert response.status_code == 200
    return len(queries)


def test_product_page_asks_as_many_queries_for_three_files_as_for_one():
    one = ProductFactory(title="One File", files=False)
    _described(one)
    three = ProductFactory(title="Three Files", files=False)
    for kind in ("meal-toolkit", "habit-tracker", "workout-planner"):
        _described(three, kind=kind, title=f"{kind} (PDF)")

    assert _queries(three.get_absolute_url()) == _queries(one.get_absolute_url())


def test_pictures_read_after_upload_show_on_the_cached_page_at_once(client):
    product = ProductFactory(title="Self-Care Tracker", files=False)
    product_file = _file(product)
    url = product.get_absolute_url()
    assert 'class="previews"' not in Client().get(url).content.decode()

    product_file_describe(product_file=product_file)

    html = Client().get(url).content.decode()
    assert 'class="previews"' in html
    assert "US Letter landscape" in html


def test_a_card_says_what_its_file_holds_and_lists_keep_their_query_count(client):
    product = ProductFactory(title="Self-Care Tracker", files=False)
    _described(product)
    url = reverse("catalogue:index")
    with_one = _queries(url)
    for number in range(5):
        other = ProductFactory(title=f"Meal Plan {number}", files=False)
        _described(other, kind="meal-toolkit", title="Meals (PDF)")

    html = client.get(url).content.decode()

    assert '<p class="card__facts">PDF · 1 page · US Letter landscape</p>' in html
    assert '<p class="card__facts">PDF · 3 pages · US Letter</p>' in html
    assert _queries(url) == with_one
