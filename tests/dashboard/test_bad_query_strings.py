"""Whatever is typed into a dashboard list's address (a filter with
nonsense, a page that does not exist), the page answers without a server
error."""

from html.parser import HTMLParser
from urllib.parse import urlencode

import pytest
from django.test import Client
from django.urls import reverse

from tests.factories import ProductFactory, category

pytestmark = pytest.mark.django_db

LISTS = [
    "dashboard:index",
    "dashboard:catalogue-product-list",
    "dashboard:catalogue-category-list",
    "dashboard:catalogue-class-list",
    "dashboard:catalogue-attribute-option-group-list",
    "dashboard:catalogue-option-list",
    "dashboard:stock-alert-list",
    "dashboard:order-list",
    "dashboard:order-stats",
    "dashboard:users-index",
    "dashboard:user-alert-list",
    "dashboard:reports-index",
    "dashboard:reviews-list",
    "dashboard:offer-list",
    "dashboard:range-list",
    "dashboard:voucher-list",
    "dashboard:voucher-set-list",
    "dashboard:page-list",
    "dashboard:partner-list",
]

GARBAGE = ["abc", "-1", "99999999999999999999999", "2026-13-45", "'\"<>"]
PAGING = {
    "page": ["abc", "0", "-1", "99999", "1.5"],
    "per_page": ["abc", "0", "-5", "100000"],
    "sort": ["nonsense", "-"],
}


class GetForms(HTMLParser):
    """The names of the fields of a page's GET forms."""

    def __init__(self):
        super().__init__()
        self.names, self.in_get_form = set(), False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.in_get_form = attrs.get("method", "get").lower() == "get"
        elif self.in_get_form and attrs.get("name"):
            self.names.add(attrs["name"])

    def handle_endtag(self, tag):
        if tag == "form":
            self.in_get_form = False


def filter_names(client, url):
    parser = GetForms()
    parser.feed(client.get(url).content.decode())
    return parser.names


@pytest.fixture
def staff(admin_user):
    client = Client(raise_request_exception=False)
    client.force_login(admin_user)
    ProductFactory(title="Self-Care Tracker", categories=[category("Self-care")])
    return client


@pytest.mark.parametrize("url_name", LISTS)
def test_nonsense_in_any_filter_or_page_number_answers_without_error(staff, url_name):
    url = reverse(url_name)
    names = filter_names(staff, url)
    tries = [{name: value} for name in sorted(names) for value in GARBAGE]
    tries += [{"search": "1", **{name: "abc" for name in names}}]
    tries += [{name: value} for name, values in PAGING.items() for value in values]

    failures = []
    for params in tries:
        query = urlencode(params)
        response = staff.get(f"{url}?{query}")
        if response.status_code >= 500:
            failures.append(query)

    assert failures == []


@pytest.mark.parametrize(
    "query",
    ["q=self&page=abc", "page=-1", "page_limit=0", "page_limit=abc", "initial=abc"],
)
def test_the_product_pickers_lookup_answers_nonsense_with_no_match(staff, query):
    response = staff.get(f"{reverse('dashboard:catalogue-product-lookup')}?{query}")

    assert response.status_code == 200
    assert "results" in response.json()


def test_the_product_pickers_lookup_finds_the_ids_it_understands(staff):
    product = ProductFactory(title="Evening Check-in")

    response = staff.get(
        f"{reverse('dashboard:catalogue-product-lookup')}?initial={product.pk},abc"
    )

    found = response.json()["results"]
    assert found == [{"id": product.pk, "text": "Evening Check-in"}]
