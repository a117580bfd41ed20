import io
from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from oscar.core.loading import get_model
from pypdf import PdfReader

from shop.downloads.models import DownloadLink

Order = get_model("order", "Order")

pytestmark = pytest.mark.django_db


@pytest.fixture
def link(guest_at_payment):
    guest_at_payment.post(
        reverse("checkout:payment-details"), {"payment_method": "pm_card_visa"}
    )
    return DownloadLink.objects.select_related("line__order").get()


def _pdf_text(response):
    reader = PdfReader(io.BytesIO(b"".join(response.streaming_content)))
    return [page.extract_text() for page in reader.pages]


def test_download_is_the_products_pdf_stamped_with_the_buyers_email(client, link):
    response = client.get(link.get_absolute_url())

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert 'filename="weekly-reset-planner.pdf"' in response["Content-Disposition"]
    (text,) = _pdf_text(response)
    assert "Contents of Weekly Reset Planner" in text
    assert "Licensed to reader@example.com" in text


def test_each_download_is_counted(client, link):
    client.get(link.get_absolute_url())
    client.get(link.get_absolute_url())

    link.refresh_from_db()
    assert link.download_count == 2
    assert link.downloads_left == 3


def test_links_expire_after_seven_days_and_allow_five_downloads(link):
    assert link.max_downloads == 5
    assert (
        timedelta(days=6, hours=23) < link.expires_at - timezone.now() <= timedelta(7)
    )


def test_used_up_link_explains_and_offers_a_fresh_one(client, link):
    DownloadLink.objects.filter(pk=link.pk).update(download_count=5)

    response = client.get(link.get_absolute_url())

    assert response.status_code == 410
    page = response.content.decode()
    assert "used as many times as it allows" in page
    assert reverse("downloads:renew", kwargs={"token": link.token}) in page


def test_expired_link_explains_and_delivers_nothing(client, link):
    DownloadLink.objects.filter(pk=link.pk).update(
        expires_at=timezone.now() - timedelta(minutes=1)
    )

    response = client.get(link.get_absolute_url())

    assert response.status_code == 410
    assert "This download link has expired." in response.content.decode()
    link.refresh_from_db()
    assert link.download_count == 0


def test_fresh_link_is_emailed_to_the_orders_address(
    client, link, django_capture_on_commit_callbacks
):
    DownloadLink.objects.filter(pk=link.pk).update(download_count=5)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("downloads:renew", kwargs={"token": link.token}), follow=True
        )

    assert response.status_code == 200
    fresh = DownloadLink.objects.exclude(pk=link.pk).get()
    (message,) = mail.outbox
    assert message.to == ["reader@example.com"]
    assert fresh.get_absolute_url() in message.body
    assert client.get(fresh.get_absolute_url()).status_code == 200


def test_revoked_link_delivers_nothing_and_offers_no_fresh_one(client, link):
    DownloadLink.objects.filter(pk=link.pk).update(revoked_at=timezone.now())

    response = client.get(link.get_absolute_url())
    renew = client.post(reverse("downloads:renew", kwargs={"token": link.token}))

    assert response.status_code == 410
    assert "refunded" in response.content.decode()
    assert renew.status_code == 302
    assert DownloadLink.objects.count() == 1


def test_unknown_token_is_not_found(client, link):
    assert client.get("/downloads/not-a-real-token/").status_code == 404
    assert client.get("/downloads/..%2F..%2Fsettings.py/").status_code == 404


def test_web_server_sends_the_file_when_configured(client, link, settings):
    settings.DOWNLOAD_SENDFILE_HEADER = "X-Accel-Redirect"

    response = client.get(link.get_absolute_url())

    assert response["X-Accel-Redirect"].startswith(f"/private/stamped/{link.token}/")
    assert response.content == b""


def test_order_confirmation_email_has_text_html_and_the_download_link(
    guest_at_payment, django_capture_on_commit_callbacks
):
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        guest_at_payment.post(
            reverse("checkout:payment-details"), {"payment_method": "pm_card_visa"}
        )

    link = DownloadLink.objects.get()
    (message,) = mail.outbox
    order = Order.objects.get()
    assert message.to == ["reader@example.com"]
    assert order.number in message.subject
    assert link.get_absolute_url() in message.body
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html"
    assert link.get_absolute_url() in html


def test_head_requests_use_up_no_downloads(client, link):
    for __ in range(link.max_downloads):
        head = client.head(link.get_absolute_url())
        assert head.status_code == 200
        assert head["Content-Type"] == "application/pdf"

    link.refresh_from_db()
    assert link.download_count == 0
    response = client.get(link.get_absolute_url())
    assert response.status_code == 200
    assert _pdf_text(response)


def test_head_on_a_used_up_link_answers_410(client, link):
    link.download_count = link.max_downloads
    link.save()

    assert client.head(link.get_absolute_url()).status_code == 410


def test_a_download_link_refuses_post(client, link):
    assert client.post(link.get_absolute_url()).status_code == 405
    link.refresh_from_db()
    assert link.download_count == 0


def test_asking_again_and_again_sends_one_fresh_link_in_the_interval(
    client, link, django_capture_on_commit_callbacks
):
    DownloadLink.objects.filter(pk=link.pk).update(download_count=5)
    mail.outbox.clear()
    renew = reverse("downloads:renew", kwargs={"token": link.token})

    with django_capture_on_commit_callbacks(execute=True):
        answers = [client.post(renew, follow=True) for __ in range(30)]

    sent = "A fresh download link is on its way"
    assert all(sent in answer.content.decode() for answer in answers)
    assert len(mail.outbox) == 1
    assert DownloadLink.objects.count() == 2


def test_a_fresh_link_can_be_asked_for_again_after_the_interval(client, link, settings):
    renew = reverse("downloads:renew", kwargs={"token": link.token})
    client.post(renew)

    with time_machine.travel(
        timezone.now() + timedelta(seconds=settings.DOWNLOAD_RENEW_INTERVAL + 1)
    ):
        client.post(renew)

    assert DownloadLink.objects.count() == 3


def test_the_saved_file_is_named_for_what_it_is_not_as_it_was_uploaded(client, link):
    product_file = link.product_file
    product_file.title = "Self-Care Tracker, undated (PDF)"
    product_file.save()

    response = client.get(link.get_absolute_url())

    assert 'filename="self-care-tracker-undated.pdf"' in response["Content-Disposition"]
    assert product_file.uploaded_name not in response["Content-Disposition"]
