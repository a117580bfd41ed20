"""With Redis stopped or hanging, the shop serves every reader from the
database, its limits hold, and once Redis answers the page cache is used
again. Each test runs a redis-server of its own and stops or freezes it."""

import time
from decimal import Decimal

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from content.kit.models import Subscriber
from shop.cache import RETRY_AFTER
from shop.downloads.models import DownloadLink
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db

# What a reader waits at most while Redis hangs.
PATIENCE = 2.0


@pytest.fixture(params=["stopped", "frozen"])
def take_redis_down(request, shop_on_redis):
    """Stop Redis (connections refused) or freeze it (nothing answers)."""
    if request.param == "stopped":
        return shop_on_redis.stop
    return shop_on_redis.freeze


@pytest.fixture
def article(printable):
    return ArticleFactory(title="Water First", body="## Start\n\nOne glass counts.")


@pytest.fixture
def public_pages(printable, article):
    return {
        "home": reverse("home"),
        "product": printable.get_absolute_url(),
        "article": article.get_absolute_url(),
        "articles": reverse("articles:list"),
        "catalogue": reverse("catalogue:index"),
        "search": reverse("search:search") + "?q=planner",
        "kit": reverse("kit:landing"),
        "basket": reverse("basket:summary"),
    }


def _timed_get(client, url):
    started = time.monotonic()
    response = client.get(url)
    return response, time.monotonic() - started


def test_every_public_page_is_served_while_redis_is_down(public_pages, take_redis_down):
    for url in public_pages.values():
        Client().get(url)  # kept in the page cache while Redis answers
    take_redis_down()

    answers = {}
    for name, url in public_pages.items():
        response, seconds = _timed_get(Client(), url)
        answers[name] = response.status_code
        assert seconds < PATIENCE, f"{name} took {seconds:.1f} s"

    assert answers == dict.fromkeys(public_pages, 200)


def test_the_product_and_article_show_their_content_while_redis_is_down(
    printable, article, take_redis_down
):
    take_redis_down()

    product_page = Client().get(printable.get_absolute_url()).content.decode()
    article_page = Client().get(article.get_absolute_url()).content.decode()

    assert "Weekly Reset Planner" in product_page
    assert "$9.90" in product_page
    assert "One glass counts." in article_page


def test_a_reader_claims_the_kit_while_redis_is_down(client, take_redis_down):
    take_redis_down()

    response = client.post(
        reverse("kit:claim"),
        {"email": "reader@example.test", "consent": "yes", "source": "kit"},
    )

    assert response.status_code == 302
    assert Subscriber.objects.get().email == "reader@example.test"


def test_a_guest_fills_the_basket_and_reaches_payment_while_redis_is_down(
    client, stripe_server, printable, add_to_basket, take_redis_down
):
    take_redis_down()

    add_to_basket(printable)
    response = client.post(
        reverse("checkout:index"), {"email": "reader@example.com"}, follow=True
    )

    # The address is kept in the session (the database), so payment asks for
    # nothing again.
    assert response.redirect_chain[-1][0] == reverse("checkout:payment-details")
    page = response.content.decode()
    assert "reader@example.com" in page
    assert "Weekly Reset Planner" in page


def test_a_paid_file_downloads_while_redis_is_down(guest_at_payment, take_redis_down):
    guest_at_payment.post(
        reverse("checkout:payment-details"), {"payment_method": "pm_card_visa"}
    )
    link = DownloadLink.objects.get()
    take_redis_down()

    response = Client().get(link.get_absolute_url())

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"


def test_a_signed_in_customer_stays_signed_in_while_redis_is_down(
    client, django_user_model, take_redis_down
):
    customer = django_user_model.objects.create_user(
        "ann", "ann@example.com", "ann's own password"
    )
    client.force_login(customer)
    take_redis_down()

    response = client.get(reverse("customer:order-list"))

    assert response.status_code == 200  # not sent to the sign-in page
    assert response.wsgi_request.user == customer


def test_limits_hold_while_redis_is_down(client, settings, take_redis_down):
    settings.KIT_CLAIMS_PER_IP_PER_HOUR = 2
    take_redis_down()

    answers = [
        client.post(
            reverse("kit:claim"), {"email": f"r{n}@example.test", "consent": "yes"}
        ).status_code
        for n in range(3)
    ]

    assert answers == [302, 302, 429]


def test_one_sign_up_e_mail_per_address_while_redis_is_down(
    client, django_capture_on_commit_callbacks, take_redis_down
):
    take_redis_down()

    for __ in range(3):
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(
                reverse("customer:register"),
                {
                    "email": "new@example.com",
                    "password1": "a calm long passphrase",
                    "password2": "a calm long passphrase",
                },
            )
        assert response.status_code == 302

    assert [message.to for message in mail.outbox] == [["new@example.com"]]


def test_health_says_degraded_while_redis_is_down(client, take_redis_down):
    take_redis_down()

    response = client.get(reverse("healthz"))

    assert response.status_code == 200
    assert response.json() == {"status": "degraded", "database": True, "cache": False}


def test_pages_come_from_the_cache_again_once_redis_is_back(
    printable, shop_on_redis, outage_clock, django_assert_num_queries
):
    url = printable.get_absolute_url()
    shop_on_redis.stop()
    assert Client().get(url).status_code == 200
    shop_on_redis.start()
    outage_clock.shift(RETRY_AFTER)

    Client().get(url)  # rendered and kept again
    with django_assert_num_queries(0):
        again = Client().get(url)

    assert again.status_code == 200
    assert "Weekly Reset Planner" in again.content.decode()


def test_a_price_changed_while_redis_hung_shows_once_it_answers(
    printable, shop_on_redis, outage_clock
):
    url = printable.get_absolute_url()
    Client().get(url)  # kept in the page cache at $9.90
    shop_on_redis.freeze()
    stockrecord = printable.stockrecords.get()
    stockrecord.price = Decimal("4.50")
    stockrecord.save()
    shop_on_redis.thaw()
    outage_clock.shift(RETRY_AFTER)

    page = Client().get(url).content.decode()

    assert "$4.50" in page
    assert "$9.90" not in page


def test_signing_out_while_redis_hung_is_not_undone_when_it_answers(
    client, django_user_model, shop_on_redis, outage_clock
):
    customer = django_user_model.objects.create_user(
        "ann", "ann@example.com", "ann's own password"
    )
    client.force_login(customer)
    assert client.get(reverse("customer:order-list")).status_code == 200
    old_session = client.cookies["sessionid"].value
    shop_on_redis.freeze()
    client.post(reverse("customer:logout"))
    shop_on_redis.thaw()
    outage_clock.shift(RETRY_AFTER)

    thief = Client()
    thief.cookies["sessionid"] = old_session
    response = thief.get(reverse("customer:order-list"))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("customer:login"))
