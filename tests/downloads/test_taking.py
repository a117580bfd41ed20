"""Taking a download: the last one goes to one request only, and a link works
until the second it expires."""

from datetime import timedelta

import pytest
from django.urls import reverse

from shop.downloads import services
from shop.downloads.models import DownloadLink

pytestmark = pytest.mark.django_db


@pytest.fixture
def link(guest_at_payment):
    guest_at_payment.post(
        reverse("checkout:payment-details"), {"payment_method": "pm_card_visa"}
    )
    return DownloadLink.objects.get()


def test_two_requests_that_read_the_link_at_once_share_its_last_download(link):
    DownloadLink.objects.filter(pk=link.pk).update(download_count=4)
    first = DownloadLink.objects.get(pk=link.pk)
    second = DownloadLink.objects.get(pk=link.pk)  # read before the first takes

    taken = [services.download_take(link=first), services.download_take(link=second)]

    assert taken == [True, False]
    link.refresh_from_db()
    assert link.download_count == link.max_downloads == 5


def test_a_link_delivers_until_the_second_it_expires(client, link, clock):
    clock.move_to(link.expires_at - timedelta(seconds=1), tick=False)
    assert client.get(link.get_absolute_url()).status_code == 200

    clock.move_to(link.expires_at, tick=False)
    response = client.get(link.get_absolute_url())

    assert response.status_code == 410
    assert "This download link has expired." in response.content.decode()
    link.refresh_from_db()
    assert link.download_count == 1
