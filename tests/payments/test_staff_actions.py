"""Staff actions on an order, from the dashboard's order page: refunds ask
for a confirmation first, and bad input gets a message, never an error."""

import pytest
from django.core import mail
from django.urls import reverse
from oscar.core.loading import get_model

from shop.downloads.models import DownloadLink
from shop.payments import stripe_api
from tests.payments.conftest import usable_titles

Order = get_model("order", "Order")

pytestmark = pytest.mark.django_db

BOTH = {"Weekly Reset Planner", "Calm Morning Tracker"}


@pytest.fixture
def order(client, two_line_order):
    client.logout()
    mail.outbox.clear()
    return two_line_order


@pytest.fixture
def staff(client, order, django_user_model):
    # The shop's staff account is a superuser, as `make run` creates it.
    user = django_user_model.objects.create_superuser(
        username="staff", email="staff@example.com", password="x"
    )
    client.force_login(user)
    return client


def _post(client, order, data, **kwargs):
    return client.post(
        reverse("dashboard:order-detail", kwargs={"number": order.number}),
        data,
        **kwargs,
    )


def _refund_lines(client, order, *line_ids, confirmed=True, **kwargs):
    data = {"line_action": "refund_lines", "selected_line": list(line_ids)}
    if confirmed:
        # As the confirmation page posts it: with the amount it showed.
        lines = order.lines.filter(pk__in=line_ids)
        data["confirmed"] = "yes"
        data["refund_amount"] = sum(
            stripe_api.to_cents(line.line_price_incl_tax) for line in lines
        )
    return _post(client, order, data, **kwargs)


def _page(client, order):
    return client.get(
        reverse("dashboard:order-detail", kwargs={"number": order.number})
    ).content.decode()


def test_order_page_shows_refund_and_download_actions_to_staff(staff, order):
    html = _page(staff, order)

    assert "Refund selected lines…" in html
    assert "Refund everything not refunded yet…" in html
    assert "Resend the download e-mail to reader@example.com" in html
    assert html.count("Reset count") == 2
    assert html.count("E-mail a fresh link") == 2


def test_order_page_names_the_card_that_paid_and_its_stripe_payment(staff, order):
    html = _page(staff, order)

    payment = order.stripe_payment
    assert "Paid with Visa ending in 4242 through Stripe" in html
    assert f"<code>{payment.payment_intent_id}</code>" in html


def test_refund_everything_is_kept_apart_from_resending_the_email(staff, order):
    html = _page(staff, order)

    resend = html.index("Resend the download e-mail")
    links_table = html.index("Download links", resend)
    refund_all = html.index("Refund everything not refunded yet")
    assert resend < links_table < refund_all


def test_refunding_ticked_lines_first_shows_what_will_happen(staff, order):
    tracker = order.lines.get(title="Calm Morning Tracker")

    response = _refund_lines(staff, order, tracker.pk, confirmed=False)

    html = response.content.decode()
    assert response.status_code == 200
    assert "Refund $4.50 to the buyer&#x27;s card?" in html
    assert "Refunded: Calm Morning Tracker ($4.50)." in html
    assert "1 download link stops working at once" in html
    assert f'name="selected_line" value="{tracker.pk}"' in html
    assert usable_titles(order) == BOTH
    assert not order.payment_events.filter(event_type__code="refunded").exists()


def test_refund_everything_first_shows_the_whole_amount(staff, order):
    response = _post(staff, order, {"order_action": "refund_order"})

    html = response.content.decode()
    assert "Refund $14.40 to the buyer&#x27;s card?" in html
    assert "2 download links stop working at once" in html
    assert usable_titles(order) == BOTH


def test_confirmed_refund_of_a_ticked_line_switches_off_only_its_files(staff, order):
    tracker = order.lines.get(title="Calm Morning Tracker")

    response = _refund_lines(staff, order, tracker.pk, follow=True)

    assert "Refunded $4.50 through Stripe" in response.content.decode()
    assert usable_titles(order) == {"Weekly Reset Planner"}
    order.refresh_from_db()
    assert order.status == "Partly refunded"


def test_confirming_refund_everything_refunds_the_order(staff, order):
    page = _post(staff, order, {"order_action": "refund_order"}).content.decode()
    line_ids = [line.pk for line in order.lines.all()]
    assert all(f'name="selected_line" value="{pk}"' in page for pk in line_ids)

    _refund_lines(staff, order, *line_ids)

    order.refresh_from_db()
    assert order.status == "Refunded"
    assert usable_titles(order) == set()


def test_a_double_submitted_refund_refunds_once(staff, order):
    tracker = order.lines.get(title="Calm Morning Tracker")

    _refund_lines(staff, order, tracker.pk)
    again = _refund_lines(staff, order, tracker.pk, follow=True)

    assert again.status_code == 200
    assert "Already refunded: Calm Morning Tracker." in again.content.decode()
    assert order.payment_events.filter(event_type__code="refunded").count() == 1


def test_refunding_a_refunded_order_again_says_nothing_is_left(staff, order):
    _refund_lines(staff, order, *order.lines.values_list("pk", flat=True))

    again = _post(staff, order, {"order_action": "refund_order"}, follow=True)

    assert "Nothing is left to refund on this order." in again.content.decode()


@pytest.mark.parametrize("forged", [["999999"], ["abc"], ["1; drop table"]])
def test_forged_line_ids_get_a_message_and_refund_nothing(staff, order, forged):
    response = _post(
        staff,
        order,
        {"line_action": "refund_lines", "selected_line": forged, "confirmed": "yes"},
        follow=True,
    )

    assert response.status_code == 200
    html = response.content.decode()
    assert "not on this order" in html or "Invalid lines requested." in html
    assert usable_titles(order) == BOTH


def test_staff_refund_with_no_line_ticked_refunds_nothing(staff, order):
    response = _refund_lines(staff, order, follow=True)

    assert "Choose the lines to refund first." in response.content.decode()
    assert usable_titles(order) == BOTH


def test_an_unknown_action_gets_a_message(staff, order):
    response = _post(staff, order, {"order_action": "change_order_status"}, follow=True)

    assert response.status_code == 200
    assert "Invalid action" in response.content.decode()


def test_staff_resends_the_download_email(
    staff, order, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        _post(staff, order, {"order_action": "resend_download_email"})

    (message,) = mail.outbox
    assert message.to == ["reader@example.com"]
    assert DownloadLink.objects.first().get_absolute_url() in message.body


def test_staff_e_mail_a_fresh_link(staff, order, django_capture_on_commit_callbacks):
    link = DownloadLink.objects.first()

    with django_capture_on_commit_callbacks(execute=True):
        response = _post(
            staff,
            order,
            {"order_action": "send_fresh_link", "link": link.pk},
            follow=True,
        )

    assert "A fresh link for" in response.content.decode()
    fresh = DownloadLink.objects.exclude(pk__in=[link.pk]).latest("pk")
    assert fresh.product_file == link.product_file
    (message,) = mail.outbox
    assert fresh.get_absolute_url() in message.body


def test_no_fresh_link_for_a_refunded_file(staff, order):
    tracker = order.lines.get(title="Calm Morning Tracker")
    _refund_lines(staff, order, tracker.pk)
    link = DownloadLink.objects.get(line=tracker)
    mail.outbox.clear()

    response = _post(
        staff, order, {"order_action": "send_fresh_link", "link": link.pk}, follow=True
    )

    assert "its downloads stay switched off" in response.content.decode()
    assert DownloadLink.objects.filter(line=tracker).count() == 1


def test_staff_resets_a_used_up_link(staff, order):
    link = DownloadLink.objects.first()
    DownloadLink.objects.filter(pk=link.pk).update(download_count=5)

    _post(staff, order, {"order_action": "reset_link_count", "link": link.pk})

    link.refresh_from_db()
    assert link.download_count == 0


@pytest.mark.parametrize("forged", ["999999", "abc", ""])
def test_a_link_not_on_the_order_gets_a_message(staff, order, forged):
    response = _post(
        staff, order, {"order_action": "reset_link_count", "link": forged}, follow=True
    )

    assert response.status_code == 200
    assert "That download link is not on this order." in response.content.decode()


def test_customers_cannot_refund(client, order):
    response = _post(client, order, {"order_action": "refund_order"})

    assert response.status_code == 302
    assert "/login/" in response.url
    assert usable_titles(order) == BOTH
