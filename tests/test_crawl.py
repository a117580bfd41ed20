"""Every link a visitor can follow from the home page leads somewhere real."""

from html.parser import HTMLParser
from urllib.parse import urldefrag, urljoin, urlsplit

import pytest

pytestmark = pytest.mark.django_db

# Pages for signed-in staff only; a guest is rightly sent to sign in there.
STAFF_ONLY = ("/dashboard/", "/admin/")


class Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.urls = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "a" and attrs.get("href"):
            self.urls.append(attrs["href"])
        if tag in ("img", "script") and attrs.get("src"):
            self.urls.append(attrs["src"])
        if tag == "link" and attrs.get("href"):
            self.urls.append(attrs["href"])


def links_on(page_url, html):
    parser = Links()
    parser.feed(html)
    found = []
    for href in parser.urls:
        url = urldefrag(urljoin(page_url, href)).url
        parts = urlsplit(url)
        if parts.scheme in ("mailto", "tel", "javascript"):
            continue
        found.append(url)
    return found


def test_every_link_from_the_home_page_answers_without_error(client, demo_catalogue):
    to_visit, seen, failures = ["/"], set(), []
    while to_visit and len(seen) < 300:
        url = to_visit.pop()
        if url in seen:
            continue
        seen.add(url)
        response = client.get(url, follow=True)
        if response.status_code >= 400:
            failures.append((url, response.status_code))
            continue
        content_type = response.headers.get("Content-Type", "")
        if not content_type.startswith("text/html"):
            continue
        final_path = response.redirect_chain[-1][0] if response.redirect_chain else url
        if urlsplit(final_path).path.startswith(STAFF_ONLY):
            continue
        for link in links_on(url, response.content.decode()):
            parts = urlsplit(link)
            if parts.netloc and parts.netloc != "testserver":
                failures.append((url, f"links outside the shop: {link}"))
            elif parts.path.startswith("/static/"):
                continue  # static files are served by whitenoise, not the test client
            elif link not in seen:
                to_visit.append(link)

    assert failures == []
    assert len(seen) > 20
