"""A NUL character in a link, a form or a cookie gets the shop's 400 page.

PostgreSQL refuses strings holding one, so on it each of these was a 500.
"""

import pytest
from django.urls import reverse

from content.kit.models import Subscriber

pytestmark = pytest.mark.django_db

READ_AS_BAD = "That link could not be read"


@pytest.mark.parametrize(
    "url",
    [
        "/search/?q=%00",
        "/search/?q=planner&page=%00",
        "/catalogue/?q=%00",
        "/catalogue/planner%00_1/",
        "/articles/%00/",
        "/downloads/%00/",
        "/kit/confirm/%00/",
        "/kit/yours/%00/",
        "/kit/unsubscribe/%00/",
        "/?utm_source=%00",
        "/?%00=1",
    ],
)
def test_a_nul_in_a_link_gets_the_bad_request_page(client, url):
    response = client.get(url)

    assert response.status_code == 400
    assert READ_AS_BAD in response.content.decode()


def test_a_nul_in_a_form_field_gets_the_bad_request_page_and_stores_nothing(client):
    response = client.post(
        "/kit/claim/",
        {"email": "reader\x00@example.test", "consent": "yes", "source": "kit"},
    )

    assert response.status_code == 400
    assert READ_AS_BAD in response.content.decode()
    assert not Subscriber.objects.exists()


def test_a_nul_in_the_session_cookie_gets_the_bad_request_page(client):
    client.cookies["sessionid"] = "abcdefgh\x00ijklmnop"

    response = client.get(reverse("basket:summary"))

    assert response.status_code == 400
    assert READ_AS_BAD in response.content.decode()
