"""The dashboard's product list shows what staff of a shop of files look
at: each printable's price and files, and which ones are not on sale."""

from decimal import Decimal
from html.parser import HTMLParser

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories import ProductFactory, ProductFileFactory, ProductImageFactory

pytestmark = pytest.mark.django_db

PRODUCT_LIST = reverse("dashboard:catalogue-product-list")


class Rows(HTMLParser):
    """The product table's rows, each as the text of its cells."""

    def __init__(self):
        super().__init__()
        self.rows, self.cell, self.in_body = [], None, False

    def handle_starttag(self, tag, attrs):
        if tag == "tbody":
            self.in_body = True
        elif tag == "tr" and self.in_body:
            self.rows.append([])
        elif tag == "td" and self.in_body:
            self.cell = []

    def handle_endtag(self, tag):
        if tag == "td" and self.cell is not None:
            self.rows[-1].append(" ".join("".join(self.cell).split()))
            self.cell = None
        elif tag == "tbody":
            self.in_body = False

    def handle_data(self, data):
        if self.cell is not None:
            self.cell.append(data)


def rows_of(response) -> dict[str, list[str]]:
    """Each row's cells, keyed by the product's title."""
    parser = Rows()
    parser.feed(response.content.decode())
    return {row[1]: row for row in parser.rows if len(row) > 1}


def test_each_row_shows_the_price_and_how_many_files(admin_client):
    ProductFactory(title="Self-Care Tracker", price=Decimal("9.90"))
    two_files = ProductFactory(title="Meal Planning Toolkit", price=Decimal("12.50"))
    ProductFileFactory(product=two_files, title="Shopping lists (PDF)")

    rows = rows_of(admin_client.get(PRODUCT_LIST))

    assert "$9.90" in rows["Self-Care Tracker"]
    assert "1 file" in rows["Self-Care Tracker"]
    assert "$12.50" in rows["Meal Planning Toolkit"]
    assert "2 files" in rows["Meal Planning Toolkit"]


def test_a_product_without_a_file_is_marked_not_on_sale(admin_client):
    ProductFactory(title="Gratitude Journal", files=False)

    rows = rows_of(admin_client.get(PRODUCT_LIST))

    assert "no file: not on sale" in rows["Gratitude Journal"]


def test_a_product_without_a_stock_record_says_it_has_no_price(admin_client):
    product = ProductFactory(title="Evening Check-in")
    product.stockrecords.all().delete()

    rows = rows_of(admin_client.get(PRODUCT_LIST))

    assert "No price" in rows["Evening Check-in"]


def test_the_table_sorts_by_price_and_by_files(admin_client):
    ProductFactory(title="Dear", price=Decimal("12.90"))
    ProductFactory(title="Cheap", price=Decimal("4.50"))
    ProductFactory(title="Fileless", price=Decimal("7.50"), files=False)

    by_price = list(rows_of(admin_client.get(PRODUCT_LIST + "?sort=price")))
    by_files = list(rows_of(admin_client.get(PRODUCT_LIST + "?sort=files")))

    assert by_price == ["Cheap", "Fileless", "Dear"]
    assert by_files[0] == "Fileless"


def _queries_for(client, url):
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def _stock(count):
    for _ in range(count):
        ProductImageFactory(product=ProductFactory())
    ProductFactory(files=False)


def test_the_list_asks_as_many_queries_for_twenty_products_as_for_two(admin_client):
    _stock(1)
    with_two = _queries_for(admin_client, PRODUCT_LIST)

    _stock(18)
    with_twenty = _queries_for(admin_client, PRODUCT_LIST)

    assert with_twenty == with_two
