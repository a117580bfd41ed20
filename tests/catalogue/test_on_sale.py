"""Nothing is sold that cannot be delivered: a printable without a file is
shown as coming soon and cannot be bought by any route."""

import pytest
from django.urls import reverse
from oscar.core.loading import get_model

from shop.payments.models import StripePayment
from tests.factories import ProductClassFactory, ProductFactory, ProductFileFactory

Basket = get_model("basket", "Basket")

pytestmark = pytest.mark.django_db


@pytest.fixture
def unfinished(db):
    """Priced and public, but its PDF is not uploaded yet."""
    return ProductFactory(title="Gratitude Journal", files=False)


def test_its_page_says_coming_soon_and_offers_no_basket_button(client, unfinished):
    html = client.get(unfinished.get_absolute_url()).content.decode()

    assert "Coming soon." in html
    assert reverse("basket:add", kwargs={"pk": unfinished.pk}) not in html


def test_its_card_says_coming_soon(client, unfinished):
    html = client.get(reverse("catalogue:index")).content.decode()

    assert "Coming soon" in html
    assert reverse("basket:add", kwargs={"pk": unfinished.pk}) not in html


def test_it_cannot_be_added_to_a_basket(client, unfinished):
    response = client.post(
        reverse("basket:add", kwargs={"pk": unfinished.pk}),
        {"quantity": 1},
        follow=True,
    )

    assert "Coming soon" in response.content.decode()
    assert not Basket.objects.filter(lines__product=unfinished).exists()


def test_once_its_file_is_there_its_page_sells_it_even_from_the_cache(
    client, unfinished
):
    client.get(unfinished.get_absolute_url())  # cached as coming soon

    ProductFileFactory(product=unfinished)

    html = client.get(unfinished.get_absolute_url()).content.decode()
    assert reverse("basket:add", kwargs={"pk": unfinished.pk}) in html
    assert "Coming soon." not in html


def test_a_basket_whose_printable_lost_its_file_is_not_paid_for(
    guest_at_payment, printable, stripe_server
):
    printable.files.all().delete()

    page = guest_at_payment.get(reverse("checkout:payment-details"), follow=True)
    paid = guest_at_payment.post(
        reverse("checkout:payment-details"),
        {"payment_method": "pm_card_visa"},
        follow=True,
    )

    assert page.redirect_chain[-1][0] == reverse("basket:summary")
    assert "Coming soon" in page.content.decode()
    assert paid.redirect_chain[-1][0] == reverse("basket:summary")
    assert not StripePayment.objects.exclude(payment_intent_id=None).exists()


def test_a_product_type_that_tracks_stock_and_ships_still_sells_a_printable(
    client, add_to_basket
):
    """Oscar's product type form starts with "Track stock levels?" and
    "Requires shipping?" ticked; neither may take a printable off sale or
    ask its buyer for a postal address."""
    physical = ProductClassFactory(
        name="Made by a new owner", track_stock=True, requires_shipping=True
    )
    product = ProductFactory(title="Evening Wind-Down", product_class=physical)

    assert "Add to basket" in client.get(product.get_absolute_url()).content.decode()
    add_to_basket(product)
    checkout = client.get(reverse("checkout:index"), follow=True)

    basket = Basket.objects.get()
    assert basket.num_lines == 1
    assert not basket.is_shipping_required()
    assert "shipping address" not in checkout.content.decode().lower()
