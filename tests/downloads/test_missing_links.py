"""An order line bought before its product had a file gets its links once
one is added, by itself or from the staff's button on the order page."""

import re

import pytest
from django.contrib.auth.models import Permission
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from shop.downloads import product_files
from shop.downloads.models import DownloadLink
from shop.downloads.services import download_links_add_missing
from tests.downloads.test_versions import refund
from tests.factories import ProductFactory, paid_order, pdf_bytes

pytestmark = pytest.mark.django_db

SUBJECT = re.compile(r"Your files for order \S+ are ready")


@pytest.fixture
def coming_soon(db):
    """A product that was sold before it had a file."""
    return ProductFactory(title="Ultimate Habit Tracker", files=False)


def _add_file(product, title="Ultimate Habit Tracker (PDF)"):
    return product_files.product_file_add(
        product=product,
        upload=SimpleUploadedFile("tracker.pdf", pdf_bytes("Every habit")),
        title=title,
    )


def test_the_first_file_gives_past_buyers_their_links_by_email(
    coming_soon, client, outbox_mail, django_capture_on_commit_callbacks
):
    order = paid_order(products=[coming_soon], email="ana@example.com")
    assert not DownloadLink.objects.exists()

    with django_capture_on_commit_callbacks(execute=True):
        _add_file(coming_soon)

    link = DownloadLink.objects.get(line__order=order)
    (message,) = mail.outbox
    assert message.to == ["ana@example.com"]
    assert SUBJECT.fullmatch(message.subject)
    assert link.get_absolute_url() in message.body
    assert client.get(link.get_absolute_url()).status_code == 200


def test_refunded_orders_get_no_links_when_the_file_comes(
    coming_soon, outbox_mail, django_capture_on_commit_callbacks
):
    refund(paid_order(products=[coming_soon], email="refunded@example.com"))

    with django_capture_on_commit_callbacks(execute=True):
        _add_file(coming_soon)

    assert not DownloadLink.objects.exists()
    assert mail.outbox == []


def test_a_second_file_is_not_sent_by_itself(coming_soon):
    _add_file(coming_soon)
    order = paid_order(products=[coming_soon])

    _add_file(coming_soon, title="Bonus pages (PDF)")

    assert DownloadLink.objects.filter(line__order=order).count() == 1


def test_giving_missing_links_twice_gives_each_file_one_link(coming_soon):
    order = paid_order(products=[coming_soon, ProductFactory()])
    _add_file(coming_soon)
    _add_file(coming_soon, title="Bonus pages (PDF)")

    first = download_links_add_missing(order=order)
    again = download_links_add_missing(order=order)

    assert len(first) == 1  # the bonus pages; the rest were given already
    assert again == []
    assert DownloadLink.objects.filter(line__order=order).count() == 3


@pytest.fixture
def staff(client, django_user_model):
    user = django_user_model.objects.create_superuser(
        username="staff", email="staff@example.com", password="x"
    )
    client.force_login(user)
    return client


def _order_page(order):
    return reverse("dashboard:order-detail", kwargs={"number": order.number})


def test_staff_give_an_order_its_missing_links_from_the_order_page(
    coming_soon, staff, outbox_mail, django_capture_on_commit_callbacks
):
    order = paid_order(products=[coming_soon], email="ana@example.com")
    _add_file(coming_soon)
    _add_file(coming_soon, title="Bonus pages (PDF)")
    assert "Give missing links" in staff.get(_order_page(order)).content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        response = staff.post(
            _order_page(order), {"order_action": "give_missing_links"}, follow=True
        )

    assert "1 new download link e-mailed to ana@example.com" in (
        response.content.decode()
    )
    # The first file's links went out by themselves; the button sent the rest.
    (message,) = [m for m in mail.outbox if "Bonus pages (PDF)" in m.body]
    assert message.to == ["ana@example.com"]


def test_nothing_missing_is_said_plainly(coming_soon, staff):
    _add_file(coming_soon)
    order = paid_order(products=[coming_soon])

    response = staff.post(
        _order_page(order), {"order_action": "give_missing_links"}, follow=True
    )

    assert "Nothing was missing" in response.content.decode()


def test_staff_who_may_not_change_links_get_403_and_no_button(
    coming_soon, client, django_user_model
):
    order = paid_order(products=[coming_soon])
    _add_file(coming_soon, title="Later (PDF)")
    DownloadLink.objects.all().delete()
    user = django_user_model.objects.create_user(
        username="orders", password="x", is_staff=True
    )
    user.user_permissions.add(
        *Permission.objects.filter(
            content_type__app_label="order", codename__in=["view_order"]
        )
    )
    client.force_login(user)

    response = client.post(_order_page(order), {"order_action": "give_missing_links"})

    assert response.status_code == 403
    assert not DownloadLink.objects.exists()
    assert "Give missing links" not in client.get(_order_page(order)).content.decode()


def test_an_order_waiting_for_a_choice_about_a_stripe_refund_gets_no_links(
    coming_soon,
):
    from shop.apps.order.statuses import OrderStatus

    order = paid_order(products=[coming_soon])
    order.status = OrderStatus.PARTLY_REFUNDED_IN_STRIPE
    order.save()
    _add_file(coming_soon)

    assert download_links_add_missing(order=order) == []
    assert not DownloadLink.objects.exists()


def test_a_line_whose_downloads_were_switched_off_gets_no_new_file(coming_soon):
    from shop.downloads.services import download_links_revoke

    _add_file(coming_soon)
    order = paid_order(products=[coming_soon])
    download_links_revoke(lines=order.lines.all())
    _add_file(coming_soon, title="Bonus pages (PDF)")

    assert download_links_add_missing(order=order) == []
