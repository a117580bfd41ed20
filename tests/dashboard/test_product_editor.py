"""Staff add a printable from the dashboard's product editor: no category
is needed, one product type needs no choosing, a failed save says which
image to choose again, and a product without a file says it is not on sale."""

from html.parser import HTMLParser

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from oscar.core.loading import get_model

from tests.factories import (
    PartnerFactory,
    ProductClassFactory,
    ProductFactory,
    cover_png,
)

Product = get_model("catalogue", "Product")
ProductImage = get_model("catalogue", "ProductImage")

pytestmark = pytest.mark.django_db


class FormFields(HTMLParser):
    """What a browser would send for the page's product form, untouched."""

    def __init__(self, form_id):
        super().__init__()
        self.form_id, self.inside, self.data = form_id, False, {}
        self.select, self.textarea = None, None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.inside = attrs.get("id") == self.form_id
        if not self.inside:
            return
        name = attrs.get("name")
        if tag == "input" and name and attrs.get("type") not in ("file", "submit"):
            if attrs.get("type") == "checkbox":
                if "checked" in attrs:
                    self.data[name] = attrs.get("value", "on")
            else:
                self.data[name] = attrs.get("value", "")
        elif tag == "select" and name:
            self.select = name
            self.data.setdefault(name, "")
        elif tag == "option" and self.select and "selected" in attrs:
            self.data[self.select] = attrs.get("value", "")
        elif tag == "textarea" and name:
            self.textarea = name
            self.data[name] = ""

    def handle_endtag(self, tag):
        if tag == "form":
            self.inside = False
        elif tag == "select":
            self.select = None
        elif tag == "textarea":
            self.textarea = None

    def handle_data(self, data):
        if self.textarea:
            self.data[self.textarea] += data


def form_data(html, form_id="create_update_product_form"):
    parser = FormFields(form_id)
    parser.feed(html)
    return parser.data


@pytest.fixture
def printable_type(db):
    return ProductClassFactory()


@pytest.fixture
def create_url(printable_type):
    return reverse(
        "dashboard:catalogue-product-create",
        kwargs={"product_class_slug": printable_type.slug},
    )


def new_product_form(admin_client, create_url, **fields):
    data = form_data(admin_client.get(create_url).content.decode())
    partner = PartnerFactory()
    data.update(
        {
            "title": "Evening Check-in",
            "upc": "EVENING-1",
            "stockrecords-0-partner": partner.pk,
            "stockrecords-0-partner_sku": "EVENING-1",
            "stockrecords-0-price": "7.50",
            "images-0-original": SimpleUploadedFile(
                "evening-cover.png", cover_png(), content_type="image/png"
            ),
        }
    )
    data.update(fields)
    return data


def test_a_new_product_saves_without_a_category_and_keeps_its_cover(
    admin_client, create_url
):
    response = admin_client.post(create_url, new_product_form(admin_client, create_url))

    product = Product.objects.get(title="Evening Check-in")
    assert response.status_code == 302
    assert not product.categories.exists()
    assert product.images.get().original.name.endswith(".png")
    assert product.stockrecords.get().price == 7.50


def test_a_product_without_a_category_is_sold_on_its_page(client):
    product = ProductFactory(title="Evening Check-in")

    response = client.get(product.get_absolute_url())

    assert response.status_code == 200
    assert reverse("basket:add", kwargs={"pk": product.pk}) in response.content.decode()


def test_a_failed_save_says_which_image_to_choose_again(admin_client, create_url):
    data = new_product_form(admin_client, create_url, title="")

    response = admin_client.post(create_url, data)

    html = response.content.decode()
    assert response.status_code == 200
    assert "evening-cover.png was not saved because of the errors on this page" in html
    assert "choose the image again under Images: evening-cover.png" in html
    assert not Product.objects.exists()
    assert not ProductImage.objects.exists()


def test_one_product_type_needs_no_choosing(admin_client, printable_type):
    html = admin_client.get(
        reverse("dashboard:catalogue-product-list")
    ).content.decode()

    assert "-- Choose type --" not in html
    assert f'type="hidden" name="product_class" value="{printable_type.pk}"' in html


def test_new_product_without_a_type_opens_the_only_one(admin_client, create_url):
    response = admin_client.get(reverse("dashboard:catalogue-product-create"))

    assert response.status_code == 302
    assert response["Location"] == create_url


def test_with_two_types_staff_choose_one(admin_client, printable_type):
    ProductClassFactory(name="Bundle")

    html = admin_client.get(
        reverse("dashboard:catalogue-product-list")
    ).content.decode()
    response = admin_client.get(reverse("dashboard:catalogue-product-create"))

    assert "-- Choose type --" in html
    assert response["Location"] == reverse("dashboard:catalogue-product-list")


def test_the_editor_says_a_product_without_a_file_is_not_on_sale(admin_client):
    product = ProductFactory(title="Gratitude Journal", files=False)

    html = admin_client.get(
        reverse("dashboard:catalogue-product", kwargs={"pk": product.pk})
    ).content.decode()

    assert "No file: not on sale." in html


def test_the_editor_of_a_product_with_a_file_has_no_such_notice(admin_client):
    product = ProductFactory(title="Self-Care Tracker")

    html = admin_client.get(
        reverse("dashboard:catalogue-product", kwargs={"pk": product.pk})
    ).content.decode()

    assert "No file: not on sale." not in html


def test_a_forged_recommendation_is_refused_with_a_message(admin_client):
    product = ProductFactory(title="Self-Care Tracker")
    url = reverse("dashboard:catalogue-product", kwargs={"pk": product.pk})
    data = form_data(admin_client.get(url).content.decode())

    response = admin_client.post(
        url, {**data, "primary_recommendations-0-recommendation": "abc"}
    )

    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert not product.primary_recommendations.exists()
