"""Paid means delivered: a receipt owed while the task queue is down is kept
with the order and sent once the worker's sweep runs."""

import pytest
from django.core import mail
from oscar.core.loading import get_model

from shop.mail.models import OutgoingMessage
from shop.mail.tasks import sweep_outbox
from tests.payments.conftest import event

Order = get_model("order", "Order")

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_webhook_during_a_queue_outage_places_the_order_and_keeps_its_receipt(
    paid_intent, post_event, outbox_mail, queue_down
):
    response = post_event(event("payment_intent.succeeded", paid_intent.to_dict()))

    assert response.status_code == 200
    order = Order.objects.get()
    owed = OutgoingMessage.objects.get()
    assert owed.to == order.email == "reader@example.com"
    assert owed.status == OutgoingMessage.Status.PENDING
    assert mail.outbox == []

    sweep_outbox.call_local()

    (receipt,) = mail.outbox
    assert order.number in receipt.subject + receipt.body
    assert order.lines.get().download_links.get().get_absolute_url() in receipt.body
    assert OutgoingMessage.objects.get().status == OutgoingMessage.Status.SENT


def test_a_card_payment_during_a_queue_outage_shows_the_thank_you_page(
    guest_at_payment, outbox_mail, queue_down
):
    response = guest_at_payment.post(
        "/checkout/payment-details/", {"payment_method": "pm_card_visa"}, follow=True
    )

    assert response.status_code == 200
    assert "Download Weekly Reset Planner (PDF)" in response.content.decode()
    assert OutgoingMessage.objects.get().status == OutgoingMessage.Status.PENDING
