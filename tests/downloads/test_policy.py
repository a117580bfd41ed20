"""Staff set how long and how often new download links work, in the admin."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from oscar.core.loading import get_model

from shop.downloads.models import DownloadLink, DownloadPolicy
from shop.downloads.services import download_links_create
from tests.factories import ProductFactory, ProductFileFactory

Order = get_model("order", "Order")

pytestmark = pytest.mark.django_db

POLICY_URL = reverse("admin:downloads_downloadpolicy_change", args=[1])


@pytest.fixture
def staff(django_user_model):
    from django.test import Client

    client = Client()
    client.force_login(
        django_user_model.objects.create_superuser(
            username="staff", email="staff@example.com", password="x"
        )
    )
    return client


def _buy(client, product, email="reader@example.com"):
    client.post(reverse("basket:add", kwargs={"pk": product.pk}), {"quantity": 1})
    client.post(reverse("checkout:index"), {"email": email}, follow=True)
    client.post(reverse("checkout:payment-details"), {"payment_method": "pm_card_visa"})
    return Order.objects.get(guest_email=email)


def _expires_in(link):
    return link.expires_at - timezone.now()


def test_before_staff_choose_the_page_shows_the_settings_defaults(staff, settings):
    settings.DOWNLOAD_EXPIRY_DAYS = 9
    settings.DOWNLOAD_LIMIT = 4

    page = staff.get(POLICY_URL).content.decode()

    assert 'name="expiry_days" value="9"' in page
    assert 'name="download_limit" value="4"' in page
    assert not DownloadPolicy.objects.exists()


def test_staff_change_the_defaults_and_the_next_paid_order_carries_them(
    staff, client, stripe_server, printable
):
    response = staff.post(
        POLICY_URL, {"expiry_days": "30", "download_limit": "2"}, follow=True
    )
    order = _buy(client, printable)

    assert "was changed successfully" in response.content.decode()
    link = DownloadLink.objects.get(line__order=order)
    assert link.max_downloads == 2
    assert timedelta(days=29, hours=23) < _expires_in(link) <= timedelta(days=30)


def test_links_already_sent_keep_their_own_limits(
    staff, client, stripe_server, printable
):
    earlier = _buy(client, printable, email="early@example.com")

    staff.post(POLICY_URL, {"expiry_days": "2", "download_limit": "1"})

    link = DownloadLink.objects.get(line__order=earlier)
    assert link.max_downloads == 5
    assert _expires_in(link) > timedelta(days=6)


def test_a_fresh_link_gets_the_current_defaults(
    staff, client, stripe_server, printable
):
    order = _buy(client, printable)
    used_up = DownloadLink.objects.get(line__order=order)
    DownloadLink.objects.filter(pk=used_up.pk).update(download_count=5)
    staff.post(POLICY_URL, {"expiry_days": "3", "download_limit": "8"})

    client.post(reverse("downloads:renew", kwargs={"token": used_up.token}))

    fresh = DownloadLink.objects.exclude(pk=used_up.pk).get()
    assert fresh.max_downloads == 8
    assert _expires_in(fresh) <= timedelta(days=3)


@pytest.mark.parametrize(
    "form, message",
    [
        ({"expiry_days": "0", "download_limit": "5"}, "at least 1 day"),
        ({"expiry_days": "7", "download_limit": "0"}, "at least 1 download"),
        ({"expiry_days": "366", "download_limit": "5"}, "at most 365 days"),
        ({"expiry_days": "7", "download_limit": "101"}, "at most 100 downloads"),
        ({"expiry_days": "-3", "download_limit": "5"}, "at least 1 day"),
        ({"expiry_days": "a week", "download_limit": "5"}, "Enter a whole number"),
    ],
)
def test_invalid_defaults_are_explained_and_nothing_is_saved(staff, form, message):
    response = staff.post(POLICY_URL, form)

    assert response.status_code == 200
    assert message in response.content.decode()
    assert not DownloadPolicy.objects.exists()


def test_an_invalid_change_keeps_the_saved_defaults(staff):
    staff.post(POLICY_URL, {"expiry_days": "14", "download_limit": "3"})

    staff.post(POLICY_URL, {"expiry_days": "14", "download_limit": "0"})

    policy = DownloadPolicy.objects.get()
    assert (policy.expiry_days, policy.download_limit) == (14, 3)


def test_there_is_one_set_of_defaults_that_cannot_be_added_or_deleted(staff):
    staff.post(POLICY_URL, {"expiry_days": "14", "download_limit": "3"})

    listing = staff.get(reverse("admin:downloads_downloadpolicy_changelist"))
    add = staff.get(reverse("admin:downloads_downloadpolicy_add"))
    delete = staff.get(reverse("admin:downloads_downloadpolicy_delete", args=[1]))

    assert listing.url == POLICY_URL
    assert add.status_code == 403
    assert delete.status_code == 403
    assert DownloadPolicy.objects.count() == 1


def test_the_download_links_list_says_what_new_links_get_and_links_to_the_defaults(
    staff,
):
    DownloadPolicy.objects.create(expiry_days=10, download_limit=6)

    page = staff.get(reverse("admin:downloads_downloadlink_changelist"))

    html = page.content.decode()
    assert "New links work 10 days, 6 downloads" in html
    assert f'href="{POLICY_URL}"' in html


def test_the_dashboard_menu_links_to_the_default_download_limits(staff):
    html = staff.get(reverse("dashboard:index")).content.decode()

    assert reverse("admin:downloads_downloadpolicy_changelist") in html
    assert reverse("admin:downloads_downloadlink_changelist") in html


def test_staff_without_the_permission_see_no_downloads_menu(client, django_user_model):
    from django.contrib.auth.models import Permission

    clerk = django_user_model.objects.create_user(
        "clerk", "clerk@example.com", "pw", is_staff=True
    )
    clerk.user_permissions.add(Permission.objects.get(codename="view_order"))
    client.force_login(clerk)

    html = client.get(reverse("dashboard:index")).content.decode()

    assert reverse("admin:downloads_downloadpolicy_changelist") not in html


def test_the_defaults_are_read_once_per_order_whatever_its_size(
    client, stripe_server, add_to_basket
):
    for __ in range(4):
        product = ProductFactory()
        ProductFileFactory(product=product, title=f"{product.title} (extra pages)")
        add_to_basket(product)
    client.post(reverse("checkout:index"), {"email": "r@example.com"}, follow=True)
    client.post(reverse("checkout:payment-details"), {"payment_method": "pm_card_visa"})
    order = Order.objects.get()
    DownloadLink.objects.all().delete()

    with CaptureQueriesContext(connection) as queries:
        links = download_links_create(order=order)

    policy_reads = [
        q for q in queries.captured_queries if "downloads_downloadpolicy" in q["sql"]
    ]
    assert len(links) == 8
    assert len(policy_reads) == 1
