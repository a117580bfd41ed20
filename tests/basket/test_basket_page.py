"""The basket of a shop that sells files works with plain forms: one copy of
each printable, a Remove button per line, one total."""

import re
from decimal import Decimal

import pytest
from django.urls import reverse

from tests.factories import ProductFactory

pytestmark = pytest.mark.django_db


def _basket_form(client, **line):
    """What the basket's form posts: every line's hidden fields, plus line."""
    response = client.get(reverse("basket:summary"))
    html = response.content.decode()
    forms = response.context["formset"]
    data = {
        "form-TOTAL_FORMS": str(len(forms)),
        "form-INITIAL_FORMS": str(len(forms)),
        "form-MIN_NUM_FORMS": "0",
        "form-MAX_NUM_FORMS": "1000",
    }
    for index, form in enumerate(forms):
        assert f'<input type="hidden" name="form-{index}-quantity" value="1">' in html
        data[f"form-{index}-id"] = str(form.instance.id)
        data[f"form-{index}-quantity"] = "1"
    return {**data, **line}


def test_remove_button_takes_out_its_line_and_keeps_the_others(client):
    first = ProductFactory(title="Week Planner")
    second = ProductFactory(title="Month Planner")
    for product in (first, second):
        client.post(reverse("basket:add", kwargs={"pk": product.pk}), {"quantity": 1})

    client.post(
        reverse("basket:summary"), _basket_form(client, **{"form-0-DELETE": "on"})
    )

    html = client.get(reverse("basket:summary")).content.decode()
    assert "Week Planner" not in html
    assert "Month Planner" in html


def test_basket_has_no_quantity_box_and_a_remove_button_naming_its_product(client):
    product = ProductFactory(title="Week Planner")
    client.post(reverse("basket:add", kwargs={"pk": product.pk}), {"quantity": 1})

    html = client.get(reverse("basket:summary")).content.decode()
    body = html[html.index("<body") :]

    assert '<input type="number"' not in body
    assert "Update basket" not in body
    assert (
        '<button type="submit" name="form-0-DELETE" value="on" class="button--quiet '
        'basket-line__remove">Remove<span class="visually-hidden"> Week Planner'
        "</span></button>" in html
    )
    # The discount code waits behind a disclosure.
    assert "<summary>Have a discount code?</summary>" in html


def test_adding_a_printable_twice_keeps_one_copy(client):
    product = ProductFactory(title="Week Planner")
    add = reverse("basket:add", kwargs={"pk": product.pk})
    client.post(add, {"quantity": 1})

    response = client.post(add, {"quantity": 3}, follow=True)

    [line] = response.wsgi_request.basket.all_lines()
    assert line.quantity == 1
    messages = " ".join(str(message) for message in response.context["messages"])
    assert "Week Planner is already in your basket" in messages


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
    assert "Week Planner has been added to your basket." in text
    assert "Your basket total is now $9.90" in text
    assert "View basket" in text
    assert not CART.search(text)


def test_basket_page_says_basket_and_its_totals_have_no_empty_row(client):
    product = ProductFactory(title="Week Planner", price=Decimal("9.99"))
    client.post(reverse("basket:add", kwargs={"pk": product.pk}), {"quantity": 1})

    html = client.get(reverse("basket:summary")).content.decode()

    totals = html.split('<div id="basket_totals">')[1].split("</table>")[0]
    rows = re.findall(r"<tr[^>]*>(.*?)</tr>", totals, re.DOTALL)
    assert [_visible_text(row) for row in rows] == ["Total $9.99"]
    assert not CART.search(_visible_text(html))


def test_emptying_the_basket_says_basket(client):
    product = ProductFactory(title="Week Planner")
    client.post(reverse("basket:add", kwargs={"pk": product.pk}), {"quantity": 1})

    data = _basket_form(client, **{"form-0-DELETE": "on"})
    response = client.post(reverse("basket:summary"), data, follow=True)

    text = _visible_text(response.content.decode())
    assert "Your basket is now empty" in text
    assert not CART.search(text)


def test_adding_from_a_card_returns_to_that_card_which_says_it_was_added(client):
    product = ProductFactory(title="Week Planner")
    catalogue = reverse("catalogue:index")
    card = f"product-{product.pk}"

    response = client.post(
        reverse("basket:add", kwargs={"pk": product.pk}),
        {"quantity": 1, "card": card},
        HTTP_REFERER=f"http://testserver{catalogue}?page=1",
    )

    assert response.status_code == 302
    assert response["Location"] == (
        f"http://testserver{catalogue}?page=1&added={card}#{card}"
    )
    html = client.get(f"{catalogue}?page=1&added={card}").content.decode()
    added = html.split(f'id="{card}"')[1].split("</article>")[0]
    assert "Added to your basket." in _visible_text(added)


def test_a_forged_card_id_is_not_written_into_the_address(client):
    product = ProductFactory(title="Week Planner")

    response = client.post(
        reverse("basket:add", kwargs={"pk": product.pk}),
        {"quantity": 1, "card": '"><script>x()</script>'},
        HTTP_REFERER="http://testserver/catalogue/",
    )

    assert response["Location"] == "http://testserver/catalogue/"


def test_buy_now_goes_straight_to_checkout_with_the_printable_in_the_basket(client):
    product = ProductFactory(title="Week Planner")

    response = client.post(
        reverse("basket:add", kwargs={"pk": product.pk}),
        {"quantity": 1, "buy_now": "1", "card": f"product-{product.pk}"},
        HTTP_REFERER="http://testserver/catalogue/",
    )

    assert response["Location"] == reverse("checkout:index")
    [line] = response.wsgi_request.basket.all_lines()
    assert line.product == product


def test_adding_by_script_answers_with_the_confirmation_and_the_new_count(client):
    product = ProductFactory(title="Week Planner")

    response = client.post(
        reverse("basket:add", kwargs={"pk": product.pk}),
        {"quantity": 1, "card": f"product-{product.pk}"},
        HTTP_ACCEPT="application/json",
    )

    reply = response.json()
    assert reply["ok"] is True
    assert reply["message"] == "Week Planner has been added to your basket."
    assert reply["count"] == 1
    assert reply["basket_url"] == reverse("basket:summary")
    # The confirmation was given in place; the next page does not repeat it.
    next_page = client.get(reverse("basket:summary"))
    assert "has been added" not in next_page.content.decode()
