"""The card that paid, read from Stripe's answer in each shape it comes in."""

import pytest

from shop.payments.models import StripePayment
from shop.payments.stripe_api import card_of


@pytest.mark.parametrize(
    ("payment_intent", "card"),
    [
        # Real Stripe, and localstripe for pm_ ids: a PaymentMethod.
        (
            {"payment_method": {"card": {"brand": "amex", "last4": "0005"}}},
            ("amex", "0005"),
        ),
        # localstripe for a token's card id: the Card object itself.
        (
            {"payment_method": {"object": "card", "brand": "Visa", "last4": "4242"}},
            ("visa", "4242"),
        ),
        # A charge, expanded, with its payment details.
        (
            {
                "payment_method": "pm_123",
                "latest_charge": {
                    "payment_method_details": {
                        "card": {"brand": "mastercard", "last4": "4444"}
                    }
                },
            },
            ("mastercard", "4444"),
        ),
        # Nothing said about the card: nothing made up.
        ({"payment_method": "pm_123", "latest_charge": "ch_123"}, ("", "")),
        ({"payment_method": None}, ("", "")),
    ],
)
def test_the_card_is_read_from_every_shape_of_answer(payment_intent, card):
    assert card_of(payment_intent) == card


@pytest.mark.parametrize(
    ("brand", "last4", "described"),
    [
        ("visa", "4242", "Visa ending in 4242"),
        ("amex", "0005", "American Express ending in 0005"),
        ("someday_card", "1234", "Someday Card ending in 1234"),
        ("", "", "Card"),
    ],
)
def test_a_receipt_names_the_card_as_people_write_it(brand, last4, described):
    payment = StripePayment(card_brand=brand, card_last4=last4)

    assert payment.card_description == described
