"""Every e-mail the shop sends, in the one layout: HTML with its CSS inlined
and a plain-text part, the wordmark, one button, the dark scheme declared,
and List-Unsubscribe only on the kit's e-mails."""

from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.conf import settings
from django.db import transaction
from django.test.signals import template_rendered

from shop.demo.catalogue import load_catalogue
from shop.demo.emails import sample_emails

pytestmark = pytest.mark.django_db

TEMPLATES = Path(settings.BASE_DIR) / "templates"
# Elements a mail client never shows.
UNSEEN = {"html", "head", "meta", "title", "style"}


class Elements(HTMLParser):
    def __init__(self):
        super().__init__()
        self.found = []

    def handle_starttag(self, tag, attrs):
        self.found.append((tag, dict(attrs)))


def _elements(html):
    parser = Elements()
    parser.feed(html)
    return parser.found


@pytest.fixture(scope="module")
def emails(django_db_setup, django_db_blocker):
    """Built once for the module, from the demo catalogue, which is rolled
    back with everything else the e-mails needed."""
    with django_db_blocker.unblock(), transaction.atomic():
        load_catalogue()
        rendered = []

        def record(sender, template, **kwargs):
            rendered.append(template.name)

        template_rendered.connect(record)
        try:
            samples = sample_emails()
        finally:
            template_rendered.disconnect(record)
        transaction.set_rollback(True)
    return samples, rendered


def _html(message):
    [(html, mimetype)] = message.alternatives
    assert mimetype == "text/html"
    return html


def test_every_email_template_of_the_shop_is_among_the_samples(emails):
    samples, rendered = emails
    subjects = {
        str(path.relative_to(TEMPLATES))
        for path in TEMPLATES.glob("*/email/*_subject.txt")
    }

    assert subjects <= set(rendered)
    assert len(samples) >= len(subjects) + 3  # and Oscar's three account e-mails


def test_every_email_has_a_plain_text_part_and_an_html_part(emails):
    samples, __ = emails
    for name, message in samples.items():
        assert message.body.strip(), name
        assert "<" not in message.body, f"{name}: markup in the text part"
        assert _html(message).startswith("<!DOCTYPE html>"), name
        assert message.subject and "\n" not in message.subject, name
        assert "&amp;" not in message.subject, name


def test_every_visible_element_is_styled_inline(emails):
    samples, __ = emails
    for name, message in samples.items():
        unstyled = [
            tag
            for tag, attrs in _elements(_html(message))
            if tag not in UNSEEN and not attrs.get("style")
        ]
        assert unstyled == [], f"{name}: {unstyled}"


def test_every_email_has_the_wordmark_one_button_and_the_dark_scheme(emails):
    samples, __ = emails
    for name, message in samples.items():
        html = _html(message)
        elements = _elements(html)
        classes = [attrs.get("class", "") for __, attrs in elements]
        assert classes.count("wordmark") == 1, name
        assert classes.count("button") == 1, name
        assert ("meta", {"name": "color-scheme", "content": "light dark"}) in (
            elements
        ), name
        assert "@media (prefers-color-scheme: dark)" in html, name
        assert "@media (max-width: 480px)" in html, name


def test_every_link_in_an_email_is_absolute(emails):
    samples, __ = emails
    for name, message in samples.items():
        for tag, attrs in _elements(_html(message)):
            if tag == "a":
                assert attrs["href"].startswith(("http://", "https://", "mailto:")), (
                    name,
                    attrs["href"],
                )


def test_only_the_kit_emails_carry_list_unsubscribe(emails):
    samples, __ = emails
    with_header = {
        name
        for name, message in samples.items()
        if "List-Unsubscribe" in message.extra_headers
    }

    assert with_header == {"kit-confirm", "kit"}
    for name in with_header:
        headers = samples[name].extra_headers
        assert headers["List-Unsubscribe"].startswith("<http")
        assert headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
        assert headers["List-Unsubscribe"][1:-1] in _html(samples[name])


def test_every_email_names_the_seller_in_both_parts(emails, settings):
    samples, __ = emails
    for name, message in samples.items():
        for part in (message.body, _html(message)):
            assert settings.SELLER_NAME in part, name
            assert settings.SELLER_EMAIL in part, name
