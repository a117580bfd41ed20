"""Staff actions on orders need Oscar's order permissions, and the links'
actions the downloads app's: being staff is not enough."""

import pytest
from django.contrib.auth.models import Permission
from django.core import mail
from django.test import Client
from django.urls import reverse

from shop.downloads.models import DownloadLink
from shop.payments import stripe_api
from shop.payments.models import StripePayment

pytestmark = pytest.mark.django_db


def _staff(django_user_model, username, *codenames):
    user = django_user_model.objects.create_user(
        username, f"{username}@example.com", "pw", is_staff=True
    )
    app_codenames = [codename.split(".") for codename in codenames]
    user.user_permissions.set(
        Permission.objects.get(content_type__app_label=app, codename=codename)
        for app, codename in app_codenames
    )
    client = Client()
    client.force_login(user)
    return client


def _actions(order):
    """Every staff action on the order, as (URL, form data), confirmed."""
    line = order.lines.first()
    link = line.download_links.get()
    url = reverse("dashboard:order-detail", kwargs={"number": order.number})
    confirmed = {"confirmed": "yes"}
    whole = {"refund_amount": stripe_api.to_cents(order.total_incl_tax)}
    one = {"refund_amount": stripe_api.to_cents(line.line_price_incl_tax)}
    return [
        (url, {"order_action": "refund_order", **confirmed, **whole}),
        (
            url,
            {
                "line_action": "refund_lines",
                "selected_line": [line.pk],
                **confirmed,
                **one,
            },
        ),
        (
            url,
            {"order_action": "switch_off_line_downloads", "line": line.pk, **confirmed},
        ),
        (url, {"order_action": "mark_stripe_refund_handled"}),
        (url, {"order_action": "resend_download_email"}),
        (url, {"order_action": "send_fresh_link", "link": link.pk}),
        (url, {"order_action": "reset_link_count", "link": link.pk}),
    ]


def _order_action(client, order, action, **data):
    return client.post(
        reverse("dashboard:order-detail", kwargs={"number": order.number}),
        {"order_action": action, **data},
    )


def _state(order):
    """What any of those actions would change."""
    order.refresh_from_db()
    return (
        order.status,
        order.payment_events.count(),
        order.notes.count(),
        sorted(
            DownloadLink.objects.filter(line__order=order).values_list(
                "pk", "download_count", "revoked_at"
            )
        ),
        len(mail.outbox),
    )


@pytest.fixture
def order(client, two_line_order):
    client.logout()
    link = DownloadLink.objects.filter(line__order=two_line_order).first()
    link.download_count = 3
    link.save()
    mail.outbox.clear()
    return two_line_order


def test_an_editor_of_articles_gets_403_on_every_order_action_and_changes_nothing(
    order, django_user_model
):
    editor = _staff(
        django_user_model,
        "editor",
        "articles.add_article",
        "articles.change_article",
        "articles.view_article",
    )
    before = _state(order)

    answers = [editor.post(url, data).status_code for url, data in _actions(order)]

    assert answers == [403] * 7
    assert _state(order) == before
    assert StripePayment.objects.get().status == StripePayment.Status.PAID


def test_staff_who_may_only_view_orders_cannot_refund_or_change_links(
    order, django_user_model
):
    viewer = _staff(django_user_model, "viewer", "order.view_order")
    before = _state(order)

    answers = [viewer.post(url, data).status_code for url, data in _actions(order)]

    assert answers == [403] * 7
    assert _state(order) == before


def test_viewing_staff_see_the_order_page_without_its_action_buttons(
    order, django_user_model
):
    viewer = _staff(django_user_model, "viewer", "order.view_order")

    page = viewer.get(
        reverse("dashboard:order-detail", kwargs={"number": order.number})
    )

    html = page.content.decode()
    assert page.status_code == 200
    assert "Refund everything not refunded yet" not in html
    assert "Refund selected lines" not in html
    assert "Resend the download e-mail" not in html
    assert "Reset count" not in html
    assert "E-mail a fresh link" not in html


def test_staff_with_the_order_permissions_refund_but_do_not_reset_links(
    order, django_user_model
):
    clerk = _staff(django_user_model, "clerk", "order.view_order", "order.change_order")
    link = DownloadLink.objects.filter(line__order=order, download_count=3).get()

    reset = _order_action(clerk, order, "reset_link_count", link=link.pk)
    refund = clerk.post(
        reverse("dashboard:order-detail", kwargs={"number": order.number}),
        {
            "line_action": "refund_lines",
            "selected_line": list(order.lines.values_list("pk", flat=True)),
            "confirmed": "yes",
            "refund_amount": stripe_api.to_cents(order.total_incl_tax),
        },
    )

    assert reset.status_code == 403
    link.refresh_from_db()
    assert link.download_count == 3
    assert refund.status_code == 302
    order.refresh_from_db()
    assert order.status == "Refunded"


def test_staff_with_the_downloads_permission_reset_a_link_but_do_not_refund(
    order, django_user_model
):
    helper = _staff(
        django_user_model,
        "support",
        "order.view_order",
        "downloads.change_downloadlink",
    )
    link = DownloadLink.objects.filter(line__order=order, download_count=3).get()

    reset = _order_action(helper, order, "reset_link_count", link=link.pk)
    refund = _order_action(
        helper,
        order,
        "refund_order",
        confirmed="yes",
        refund_amount=stripe_api.to_cents(order.total_incl_tax),
    )

    assert reset.status_code == 302
    link.refresh_from_db()
    assert link.download_count == 0
    assert refund.status_code == 403
    order.refresh_from_db()
    assert order.status == "Paid"
