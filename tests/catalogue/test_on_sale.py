"""Nothing is sold that cannot be delivered: a printable without a file is
shown as coming soon and cannot be bought by any route."""

from decimal import Decimal

import pytest
from django.urls import reverse
from oscar.core.loading import get_class, get_model

from shop.payments.models import StripePayment
from tests.factories import ProductClassFactory, ProductFactory, ProductFileFactory

Basket = get_model("basket", "Basket")
Order = get_model("order", "Order")
Selector = get_class("partner.strategy", "Selector")

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


@pytest.mark.parametrize(
    "form",
    [
        {"quantity": 3},
        {"quantity": 1, "next": "/checkout/"},
        {"quantity": "1", "product": "1", "stockrecord": "1", "price": "0.01"},
    ],
    ids=["several", "straight to checkout", "forged fields"],
)
def test_no_add_to_basket_form_puts_it_in_a_basket(client, unfinished, form):
    response = client.post(
        reverse("basket:add", kwargs={"pk": unfinished.pk}),
        form,
        HTTP_X_REQUESTED_WITH="XMLHttpRequest",
    )

    assert response.status_code < 500
    assert not Basket.objects.filter(lines__product=unfinished).exists()


@pytest.fixture
def lost_its_file(client, printable, add_to_basket):
    """A guest's basket holds the printable, whose file staff then removed."""
    add_to_basket(printable)
    printable.files.all().delete()
    return printable


def test_the_basket_says_a_printable_that_lost_its_file_cannot_be_bought(
    client, lost_its_file
):
    html = client.get(reverse("basket:summary")).content.decode()

    assert "Coming soon: this printable goes on sale as soon as its file" in html


def test_the_checkout_sends_such_a_basket_back_with_the_reason(client, lost_its_file):
    response = client.get(reverse("checkout:index"), follow=True)

    assert response.redirect_chain[-1][0] == reverse("basket:summary")
    assert "Coming soon: this printable goes on sale" in response.content.decode()


def test_raising_its_quantity_in_the_basket_is_refused(client, lost_its_file):
    line = Basket.objects.get().lines.get()
    client.post(
        reverse("basket:summary"),
        {
            "form-TOTAL_FORMS": "1",
            "form-INITIAL_FORMS": "1",
            "form-MIN_NUM_FORMS": "0",
            "form-MAX_NUM_FORMS": "1000",
            "form-0-id": str(line.pk),
            "form-0-quantity": "4",
        },
    )

    line.refresh_from_db()
    assert line.quantity == 1


def test_the_payment_service_refuses_to_charge_for_it(
    guest_at_payment, printable, stripe_server
):
    from shop.payments.services import checkout

    guest_at_payment.get(reverse("checkout:payment-details"))
    payment = StripePayment.objects.get()
    total = checkout.basket_total(basket=payment.basket)
    printable.files.all().delete()

    with pytest.raises(checkout.NotForSale) as refused:
        checkout.payment_confirm(
            payment=payment, payment_method_id="pm_card_visa", total=total
        )

    payment.refresh_from_db()
    assert "Weekly Reset Planner" in str(refused.value)
    assert payment.payment_intent_id is None
    assert payment.basket.status == Basket.OPEN


def test_a_free_order_is_not_placed_for_it(db):
    from shop.payments.services import checkout, fulfilment

    free = ProductFactory(title="Free Sampler", price=Decimal("0.00"), files=False)
    basket = Basket.objects.create()
    basket.strategy = Selector().strategy()
    basket.add_product(free)
    payment = checkout.payment_for_basket(basket=basket, email="reader@example.com")

    order = fulfilment.free_order_place(payment=payment)

    assert order is None
    assert not Order.objects.exists()


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
