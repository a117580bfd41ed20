"""The kit box: on the landing and home pages, and usable from any include."""

import re

import pytest
from django.template import engines
from django.test import Client, RequestFactory

from content.kit.consent import CONSENT_TEXT
from content.kit.models import Subscriber

pytestmark = pytest.mark.django_db

INCLUDE = '{% include "kit/_kit_box.html" with source="tiny-habits-101" only %}'
CSRF_FIELD = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def test_the_landing_page_shows_the_kit_box(client):
    response = client.get("/kit/")

    assert response.status_code == 200
    page = response.content.decode()
    assert 'action="/kit/claim/"' in page
    assert 'name="source" value="kit"' in page


def test_the_home_page_shows_the_kit_box_beside_the_printables(client):
    page = client.get("/").content.decode()

    assert 'name="source" value="home"' in page
    assert "Printables" in page


def test_the_consent_text_sits_beside_its_checkbox(client):
    page = client.get("/kit/").content.decode()

    assert re.search(
        r'<label for="kit-consent-kit"><input type="checkbox" id="kit-consent-kit"'
        r"[^>]*> " + re.escape(CONSENT_TEXT) + "</label>",
        page,
    )


def test_the_honeypot_is_kept_out_of_reach(client):
    page = client.get("/kit/").content.decode()

    trap = re.search(r'<div aria-hidden="true"[^>]*>.*?</div>', page, re.S).group(0)
    assert 'name="website"' in trap
    assert 'tabindex="-1"' in trap


def test_a_box_included_with_only_posts_with_a_working_csrf_token():
    browser = Client(enforce_csrf_checks=True)
    request = RequestFactory().get("/an-article/")
    html = engines["django"].from_string(INCLUDE).render({}, request)
    token = CSRF_FIELD.search(html).group(1)
    browser.cookies["csrftoken"] = request.META["CSRF_COOKIE"]

    response = browser.post(
        "/kit/claim/",
        {
            "csrfmiddlewaretoken": token,
            "email": "reader@example.test",
            "consent": "yes",
            "source": "tiny-habits-101",
        },
    )

    assert response.status_code == 302
    assert Subscriber.objects.get().source == "tiny-habits-101"


def test_the_box_renders_without_any_request():
    html = engines["django"].from_string(INCLUDE).render({})

    assert 'name="email"' in html
    assert "csrfmiddlewaretoken" not in html


def test_the_landing_page_form_works_with_csrf_checks_on():
    browser = Client(enforce_csrf_checks=True)
    page = browser.get("/kit/").content.decode()

    response = browser.post(
        "/kit/claim/",
        {
            "csrfmiddlewaretoken": CSRF_FIELD.search(page).group(1),
            "email": "reader@example.test",
            "consent": "yes",
            "source": "kit",
        },
    )

    assert response.status_code == 302


@pytest.mark.parametrize("path", ["/kit/", "/kit/check-your-inbox/"])
def test_kit_pages_answer(client, path):
    assert client.get(path).status_code == 200
