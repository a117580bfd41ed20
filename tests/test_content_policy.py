"""Every page is sent with a Content-Security-Policy that runs only our files."""

import base64
import hashlib
import re
from dataclasses import asdict

import pytest
from csp.utils import build_policy
from django.http import HttpResponse
from django.urls import reverse

from shop import in_page
from shop.content_policy import ContentSecurityPolicyMiddleware
from tests.factories import ArticleFactory, ProductFactory

pytestmark = pytest.mark.django_db

LOCALSTRIPE_ORIGIN = re.compile(r"http://127\.0\.0\.1:\d+")


def directives(response) -> dict[str, list[str]]:
    header = response.headers["Content-Security-Policy"]
    policy = {}
    for part in header.split(";"):
        name, *sources = part.split()
        policy[name] = sources
    return policy


def assert_only_our_own_files(policy):
    assert policy["default-src"] == ["'self'"]
    assert policy["script-src"] == ["'self'", in_page.SCRIPT_LOADER.csp_source()]
    assert policy["style-src"] == ["'self'", in_page.STYLESHEET.csp_source()]
    assert policy["object-src"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert "frame-src" not in policy


@pytest.fixture
def staff(client, django_user_model):
    user = django_user_model.objects.create_superuser(
        username="staff", email="staff@example.com", password="x"
    )
    client.force_login(user)
    return client


def test_product_page_runs_only_our_own_files(client):
    product = ProductFactory()

    response = client.get(product.get_absolute_url())

    assert_only_our_own_files(directives(response))


def test_product_page_served_from_the_page_cache_keeps_the_policy(client):
    product = ProductFactory()
    first = client.get(product.get_absolute_url())

    cached = client.get(product.get_absolute_url())

    assert directives(cached) == directives(first)
    assert_only_our_own_files(directives(cached))


def test_article_page_runs_only_our_own_files(client):
    article = ArticleFactory()

    response = client.get(article.get_absolute_url())

    assert response.status_code == 200
    assert_only_our_own_files(directives(response))


def test_dashboard_runs_only_its_own_inline_script_by_nonce(staff):
    response = staff.get(reverse("dashboard:index"))

    policy = directives(response)
    nonce = re.search(r'<script nonce="([^"]+)">', response.content.decode())[1]
    assert policy["script-src"] == ["'self'", f"'nonce-{nonce}'"]
    assert "'unsafe-inline'" in policy["style-src"]
    assert "https://js.stripe.com" not in str(policy)


def test_a_dashboard_answer_with_no_page_keeps_the_staff_policy(client):
    # Sent to sign in: no page drawn, no nonce asked for.
    for _ in range(2):
        response = client.get(reverse("dashboard:index"))

    assert response.status_code == 302
    policy = directives(response)
    assert "'unsafe-inline'" in policy["style-src"]
    assert "data:" in policy["img-src"]
    assert policy["script-src"] == ["'self'"]


def test_the_policy_built_once_is_the_one_django_csp_builds(client):
    article = ArticleFactory()
    response = client.get(article.get_absolute_url())
    middleware = ContentSecurityPolicyMiddleware(lambda request: response)

    parts = middleware.get_policy_parts(response.wsgi_request, HttpResponse())

    assert response["Content-Security-Policy"] == build_policy(**asdict(parts))


def test_a_changed_policy_setting_is_sent_at_once(client, settings):
    article = ArticleFactory()
    client.get(article.get_absolute_url())
    policy = settings.CONTENT_SECURITY_POLICY["DIRECTIVES"]
    settings.CONTENT_SECURITY_POLICY = {
        "DIRECTIVES": {**policy, "img-src": ["'self'", "https://images.example"]}
    }

    response = client.get(article.get_absolute_url())

    assert directives(response)["img-src"] == ["'self'", "https://images.example"]


def test_each_dashboard_page_gets_a_new_nonce(staff):
    first = directives(staff.get(reverse("dashboard:index")))["script-src"]
    second = directives(staff.get(reverse("dashboard:index")))["script-src"]

    assert first != second


def test_admin_runs_only_our_own_files(staff):
    response = staff.get(reverse("admin:index"))

    assert response.status_code == 200
    assert_only_our_own_files(directives(response))


def test_card_page_with_the_local_stand_in_allows_only_its_origin(
    guest_at_payment, stripe_server
):
    response = guest_at_payment.get(reverse("checkout:payment-details"))

    policy = directives(response)
    assert policy["script-src"] == [
        "'self'",
        stripe_server,
        in_page.SCRIPT_LOADER.csp_source(),
    ]
    assert policy["connect-src"] == ["'self'", stripe_server]
    assert "stripe.com" not in response.headers["Content-Security-Policy"]
    assert f'src="{stripe_server}/js.stripe.com/v3/"' in response.content.decode()


def test_card_page_with_real_keys_allows_only_stripes_origins(
    guest_at_payment, settings
):
    settings.STRIPE_LOCAL = False

    response = guest_at_payment.get(reverse("checkout:payment-details"))

    policy = directives(response)
    assert policy["script-src"] == [
        "'self'",
        "https://js.stripe.com",
        in_page.SCRIPT_LOADER.csp_source(),
    ]
    assert policy["connect-src"] == ["'self'", "https://api.stripe.com"]
    assert policy["frame-src"] == ["https://js.stripe.com", "https://hooks.stripe.com"]
    assert not LOCALSTRIPE_ORIGIN.search(response.headers["Content-Security-Policy"])


def test_basket_page_gets_no_stripe_origin(client, printable, add_to_basket):
    add_to_basket(printable)

    response = client.get(reverse("basket:summary"))

    assert_only_our_own_files(directives(response))


def test_the_stylesheet_in_the_page_is_the_one_style_the_policy_allows(client):
    """A browser applies the page's <style> only if its SHA-256 is in the
    policy: a changed stylesheet with a stale hash would leave pages bare."""
    response = client.get(reverse("home"))
    (css,) = re.findall(r"<style>(.*?)</style>", response.content.decode(), re.S)
    digest = base64.b64encode(hashlib.sha256(css.encode()).digest()).decode()

    assert directives(response)["style-src"] == ["'self'", f"'sha256-{digest}'"]
    assert ".site-header" in css


def test_the_script_loader_in_the_page_is_the_one_inline_script_the_policy_allows(
    client,
):
    """Likewise the lines that fetch the page's module once it has painted:
    with a stale hash no page would get its enhancements."""
    response = client.get(reverse("home"))
    (script,) = re.findall(
        r"<script data-src=\"/static/shop/site.js\">(.*?)</script>",
        response.content.decode(),
        re.S,
    )
    digest = base64.b64encode(hashlib.sha256(script.encode()).digest()).decode()

    assert directives(response)["script-src"] == ["'self'", f"'sha256-{digest}'"]
    assert 'script.type = "module"' in script
