"""Card testing from one address at the same moment: the guard still lets
no more declined cards reach Stripe than its limit, on PostgreSQL."""

import threading

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

from tests.conftest import card_payment_method

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="row locks need PostgreSQL (DATABASE_URL=postgres://...)",
    ),
]


def test_declined_cards_fired_at_once_from_one_address_stop_at_the_limit(
    stripe_server, printable, settings
):
    settings.CARD_DECLINES_PER_IP_PER_HOUR = 3
    testers = []
    for __ in range(8):
        tester = Client(REMOTE_ADDR="203.0.113.50")
        tester.post(reverse("basket:add", kwargs={"pk": printable.pk}), {"quantity": 1})
        tester.post(
            reverse("checkout:index"), {"email": "tester@example.com"}, follow=True
        )
        testers.append((tester, card_payment_method(stripe_server, "4000000000000341")))
    start = threading.Barrier(len(testers))
    pages = []

    def pay(tester, card):
        from django.db import connections

        try:
            start.wait()
            response = tester.post(
                reverse("checkout:payment-details"), {"payment_method": card}
            )
            pages.append(response.content.decode())
        finally:
            connections.close_all()

    threads = [threading.Thread(target=pay, args=pair) for pair in testers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    reached_stripe = sum("declined" in page.lower() for page in pages)
    assert len(pages) == 8
    assert reached_stripe == 3
