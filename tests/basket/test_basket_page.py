"""The basket works with plain forms: change a quantity or remove a line."""

import re
from decimal import Decimal

import pytest
from django.urls import reverse

from tests.factories import ProductFactory

pytestmark = pytest.mark.django_db


def _basket_form(client, **line):
    html = client.get(reverse("basket:summary")).content.decode()
    assert 'name="form-0-quantity"' in html
    assert 'name="form-0-DELETE"' in html
    line_id = client.get(reverse("basket:summary")).context["formset"][0].instance.id
    return {
        "form-TOTAL_FORMS": "1",
        "form-INITIAL_FORMS": "1",
        "form-MIN_NUM_FORMS": "0",
        "form-MAX_NUM_FORMS": "1000",
        "form-0-id": str(line_id),
        **line,
    }


def test_ticking_remove_and_updating_empties_the_basket(client):
    product = ProductFactory(title="Week Planner")
    client.post(reverse("basket:add", kwargs={"pk": product.pk}), {"quantity": 1})

    data = _basket_form(client, **{"form-0-quantity": "1", "form-0-DELETE": "on"})
    client.post(reverse("basket:summary"), data)

    html = client.get(reverse("basket:summary")).content.decode()
    assert "Your basket is empty." in html


def test_changing_the_quantity_changes_the_line_total(client):
    product = ProductFactory(title="Week Planner")
    client.post(reverse("basket:add", kwargs={"pk": product.pk}), {"quantity": 1})

    client.post(
        reverse("basket:summary"), _basket_form(client, **{"form-0-quantity": "3"})
    )

    html = client.get(reverse("basket:summary")).content.decode()
    assert "$29.70" in html


def test_each_quantity_field_has_a_label_naming_its_product(client):
    product = ProductFactory(title="Week Planner")
    client.post(reverse("basket:add", kwargs={"pk": product.pk}), {"quantity": 1})

    html = client.get(reverse("basket:summary")).content.decode()

    assert (
        '<label for="id_form-0-quantity">Quantity<span class="visually-hidden">'
        " of Week Planner</span></label>" in html
    )


CART = re.compile(r"\bcarts?\b", re.IGNORECASE)


def _visible_text(html):
    """The words a reader sees, one space apart."""
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def test_adding_a_printable_says_basket_and_shows_the_new_total(client):
    product = ProductFactory(title="Week Planner")

    response = client.post(
        reverse("basket:add", kwargs={"pk": product.pk}), {"quantity": 1}, follow=True
    )

    messages = [str(message) for message in response.context["messages"]]
    text = _visible_text(" ".join(messages))
    assert "Week Planner is in your basket." in text
    assert "Your basket total is now $9.90" in text
    assert "View basket" in text
    assert not CART.search(text)


def test_basket_page_says_basket_and_its_totals_have_no_empty_row(client):
    product = ProductFactory(title="Week Planner", price=Decimal("9.99"))
    client.post(reverse("basket:add", kwargs={"pk": product.pk}), {"quantity": 1})

    html = client.get(reverse("basket:summary")).content.decode()

    totals = html.split('<div id="basket_totals">')[1].split("</table>")[0]
    rows = re.findall(r"<tr>(.*?)</tr>", totals, re.DOTALL)
    assert [_visible_text(row) for row in rows] == [
        "Basket",
        "Basket total $9.99",
        "Order total $9.99",
    ]
    assert not CART.search(_visible_text(html))


def test_emptying_the_basket_says_basket(client):
    product = ProductFactory(title="Week Planner")
    client.post(reverse("basket:add", kwargs={"pk": product.pk}), {"quantity": 1})

    data = _basket_form(client, **{"form-0-quantity": "1", "form-0-DELETE": "on"})
    response = client.post(reverse("basket:summary"), data, follow=True)

    text = _visible_text(response.content.decode())
    assert "Your basket is now empty" in text
    assert not CART.search(text)
