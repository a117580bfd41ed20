"""A hero picture staff replace is what readers see next, resized."""

import re

import pytest
from django.core.files.base import ContentFile

from tests.factories import ArticleFactory, cover_png

pytestmark = pytest.mark.django_db


def _hero_copies(client, article):
    html = client.get(article.get_absolute_url()).content.decode()
    hero = re.search(r"<picture>.*?</picture>", html, re.S)
    return re.findall(r"/([^/\"]+)-480\.webp", hero[0]) if hero else []


def test_a_replaced_hero_is_shown_as_copies_of_the_new_picture(client):
    article = ArticleFactory(hero_image_alt="A cup of tea on a desk")
    article.hero_image = ContentFile(cover_png(width=2000, height=1000), "tea.png")
    article.save()

    article.hero_image = ContentFile(cover_png(width=2000, height=1000), "walk.png")
    article.save()

    [copy] = _hero_copies(client, article)
    assert copy.startswith("walk")
