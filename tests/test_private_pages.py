"""Pages that show an order, a download link, an account or a kit token are
sent `Cache-Control: private, no-store`: no shared cache keeps them."""

import pytest
from django.urls import reverse
from django.utils import timezone

from content.kit import links
from shop.downloads.models import DownloadLink

pytestmark = pytest.mark.django_db


def assert_private(response):
    directives = {d.strip() for d in response["Cache-Control"].split(",")}
    assert {"private", "no-store"} <= directives, response["Cache-Control"]


@pytest.fixture
def paid_guest(guest_at_payment):
    guest_at_payment.post(
        reverse("checkout:payment-details"), {"payment_method": "pm_card_visa"}
    )
    return guest_at_payment


def test_the_thank_you_page_is_private(paid_guest):
    response = paid_guest.get(reverse("checkout:thank-you"))

    assert response.status_code == 200
    assert "Download Weekly Reset Planner (PDF)" in response.content.decode()
    assert_private(response)


def test_the_payment_page_is_private(guest_at_payment):
    response = guest_at_payment.get(reverse("checkout:payment-details"))

    assert response.status_code == 200
    assert_private(response)


def test_a_used_up_links_page_is_private(paid_guest):
    link = DownloadLink.objects.get()
    link.download_count = link.max_downloads
    link.save()

    response = paid_guest.get(link.get_absolute_url())

    assert response.status_code == 410
    assert_private(response)


def test_a_download_is_private(paid_guest):
    response = paid_guest.get(DownloadLink.objects.get().get_absolute_url())

    assert response.status_code == 200
    assert_private(response)


def test_account_pages_are_private(client, django_user_model):
    client.force_login(
        django_user_model.objects.create_user("ann", "ann@example.com", "pw")
    )

    for name in ("customer:summary", "customer:order-list", "customer:profile-view"):
        response = client.get(reverse(name), follow=True)
        assert response.status_code == 200
        assert_private(response)


def test_the_dashboard_is_private(client, django_user_model):
    client.force_login(
        django_user_model.objects.create_superuser("staff", "staff@example.com", "pw")
    )

    response = client.get(reverse("dashboard:index"))

    assert response.status_code == 200
    assert_private(response)


def test_the_kits_token_pages_are_private(client):
    from content.kit.models import Subscriber

    subscriber = Subscriber.objects.create(email="reader@example.test")
    confirm = client.get(links.confirm_path(subscriber))
    unsubscribe = client.get(links.unsubscribe_path(subscriber))
    subscriber.status = Subscriber.Status.CONFIRMED
    subscriber.confirmed_at = timezone.now()
    subscriber.save()
    downloads = client.get(links.downloads_path(subscriber))

    assert confirm.status_code == unsubscribe.status_code == 200
    assert downloads.status_code == 200
    assert_private(confirm)
    assert_private(unsubscribe)
    assert_private(downloads)


def test_public_pages_stay_cacheable(client, printable):
    response = client.get(printable.get_absolute_url())

    assert response.status_code == 200
    assert "no-store" not in response.get("Cache-Control", "")
