"""Any sort link, followed or typed, shows the dashboard's lists: a column
with nothing to sort by offers no link, and a sort the table cannot make
leaves the list in its usual order."""

import pytest
from django.urls import reverse
from django_tables2 import TemplateColumn
from oscar.core.loading import get_class, get_model

from tests.factories import ProductFactory, category

pytestmark = pytest.mark.django_db

LISTS = {
    "products": "dashboard:catalogue-product-list",
    "categories": "dashboard:catalogue-category-list",
    "customers": "dashboard:users-index",
    "attribute option groups": "dashboard:catalogue-attribute-option-group-list",
    "options": "dashboard:catalogue-option-list",
}


@pytest.fixture
def stocked(db):
    ProductFactory(title="Self-Care Tracker", categories=[category("Self-care")])


@pytest.mark.parametrize(
    "url",
    [
        "/dashboard/catalogue/?sort=checkbox",
        "/dashboard/catalogue/?sort=-checkbox",
        "/dashboard/catalogue/?sort=actions",
        "/dashboard/catalogue/categories/?sort=checkbox",
        "/dashboard/catalogue/categories/?sort=-actions",
        "/dashboard/users/?sort=actions",
        "/dashboard/users/?sort=-check",
    ],
)
def test_a_sort_by_a_column_of_buttons_shows_the_list(admin_client, stocked, url):
    response = admin_client.get(url)

    assert response.status_code == 200


@pytest.mark.parametrize(
    "query",
    [
        "sort=nonsense",
        "sort=",
        "sort=-",
        "sort=,,",
        "sort=title__foo",
        "sort=checkbox,title",
        "sort=title&sort=checkbox",
        "sort=-date_updated,nonsense",
    ],
)
@pytest.mark.parametrize("url_name", LISTS.values(), ids=LISTS.keys())
def test_a_made_up_sort_shows_the_list(admin_client, stocked, url_name, query):
    response = admin_client.get(f"{reverse(url_name)}?{query}")

    assert response.status_code == 200


def test_a_made_up_sort_keeps_the_sorts_that_can_be_made(admin_client):
    ProductFactory(title="Bravo")
    ProductFactory(title="Alpha")

    html = admin_client.get(
        reverse("dashboard:catalogue-product-list") + "?sort=checkbox,title"
    ).content.decode()

    assert html.index("Alpha") < html.index("Bravo")


@pytest.mark.parametrize(
    "url_name, column",
    [
        ("dashboard:catalogue-product-list", "checkbox"),
        ("dashboard:catalogue-category-list", "checkbox"),
        ("dashboard:users-index", "actions"),
    ],
)
def test_a_column_of_buttons_has_no_sort_link(admin_client, stocked, url_name, column):
    html = admin_client.get(reverse(url_name)).content.decode()

    assert f"sort={column}" not in html
    assert f"sort=-{column}" not in html


def test_a_table_leaves_out_a_sort_its_query_cannot_make(stocked):
    DashboardTable = get_class("dashboard.tables", "DashboardTable")
    Product = get_model("catalogue", "Product")

    class Buttons(DashboardTable):
        buttons = TemplateColumn(template_code="<button>Edit</button>")

        class Meta(DashboardTable.Meta):
            model = Product
            fields = ("title",)

    table = Buttons(Product.objects.all(), order_by="buttons,-title")

    assert list(table.order_by) == ["-title"]
    assert [row.record.title for row in table.rows] == ["Self-Care Tracker"]
