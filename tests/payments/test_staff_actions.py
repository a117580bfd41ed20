import pytest
from django.core import mail
from django.urls import reverse
from oscar.core.loading import get_model

from shop.downloads.models import DownloadLink

Order = get_model("order", "Order")

pytestmark = pytest.mark.django_db


@pytest.fixture
def order(client, two_line_order):
    client.logout()
    return two_line_order


@pytest.fixture
def staff(client, order, django_user_model):
    # The shop's staff account is a superuser, as `make run` creates it.
    user = django_user_model.objects.create_superuser(
        username="staff", email="staff@example.com", password="x"
    )
    client.force_login(user)
    return client


def test_order_page_shows_refund_and_download_actions_to_staff(staff, order):
    page = staff.get(reverse("dashboard:order-detail", kwargs={"number": order.number}))

    html = page.content.decode()
    assert page.status_code == 200
    assert "Refund selected lines" in html
    assert "Resend the download e-mail to reader@example.com" in html
    assert html.count("Reset count") == 2


def test_staff_refund_of_a_ticked_line_switches_off_only_its_files(staff, order):
    tracker = order.lines.get(title="Calm Morning Tracker")

    response = staff.post(
        reverse("payments:staff-refund", kwargs={"number": order.number}),
        {"selected_line": [tracker.pk]},
        follow=True,
    )

    assert "Refunded 4.50 USD through Stripe" in response.content.decode()
    usable = DownloadLink.objects.usable().values_list("line__title", flat=True)
    assert list(usable) == ["Weekly Reset Planner"]


def test_staff_refund_with_no_line_ticked_refunds_nothing(staff, order):
    response = staff.post(
        reverse("payments:staff-refund", kwargs={"number": order.number}), follow=True
    )

    assert "Choose the lines to refund first." in response.content.decode()
    assert DownloadLink.objects.usable().count() == 2


def test_staff_resends_the_download_email(
    staff, order, django_capture_on_commit_callbacks
):
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        staff.post(reverse("downloads:staff-resend", kwargs={"number": order.number}))

    (message,) = mail.outbox
    assert message.to == ["reader@example.com"]
    assert DownloadLink.objects.first().get_absolute_url() in message.body


def test_staff_resets_a_used_up_link(staff, order, client):
    link = DownloadLink.objects.first()
    DownloadLink.objects.filter(pk=link.pk).update(download_count=5)

    staff.post(reverse("downloads:staff-reset", kwargs={"pk": link.pk}))

    link.refresh_from_db()
    assert link.download_count == 0


def test_customers_cannot_refund(client, order):
    response = client.post(
        reverse("payments:staff-refund", kwargs={"number": order.number}),
        {"whole_order": "1"},
    )

    assert response.status_code == 302
    assert "/login/" in response.url
    assert DownloadLink.objects.usable().count() == 2
