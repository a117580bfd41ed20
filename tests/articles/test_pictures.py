"""Pictures staff upload to an article are never sent as uploaded: readers
get resized WebP and JPEG copies, and a picture too large is refused."""

import re
from io import BytesIO

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from PIL import Image

from content.articles.models import Article, ArticlePicture
from tests.articles.test_staff import admin_client, article_form  # noqa: F401
from tests.factories import ArticleFactory, cover_png

pytestmark = pytest.mark.django_db


def _jpeg(width, height, quality=95) -> bytes:
    buffer = BytesIO()
    Image.effect_noise((width, height), 80).convert("RGB").save(
        buffer, "JPEG", quality=quality
    )
    return buffer.getvalue()


def _with_hero(**fields):
    article = ArticleFactory(hero_image_alt="A cup of tea on a desk", **fields)
    article.hero_image = ContentFile(cover_png(width=2000, height=1000), "hero.png")
    article.save()
    return article


def _picture(article, name, alt="A sunrise over a field", width=1600):
    return ArticlePicture.objects.create(
        article=article,
        name=name,
        alt=alt,
        image=ContentFile(cover_png(width=width, height=width // 2), f"{name}.png"),
    )


def test_a_hero_is_served_as_resized_copies_never_as_uploaded(client):
    article = _with_hero()

    html = client.get(article.get_absolute_url()).content.decode()

    hero = re.search(r"<picture>.*?</picture>", html, re.S)[0]
    assert re.search(r'<source type="image/webp" srcset="[^"]+-480\.webp 480w', hero)
    assert "-1280.webp 1280w" in hero
    assert 'width="1280" height="640"' in hero
    assert 'alt="A cup of tea on a desk"' in hero
    assert article.hero_image.url not in html
    assert re.search(
        r'og:image" content="http://testserver/media/[^"]+-1280\.jpeg', html
    )


def test_a_square_hero_is_cut_to_a_wide_band_around_its_centre(client):
    article = ArticleFactory(hero_image_alt="A cup of tea on a desk")
    article.hero_image = ContentFile(cover_png(width=1200, height=1200), "square.png")
    article.save()

    html = client.get(article.get_absolute_url()).content.decode()

    hero = re.search(r"<picture>.*?</picture>", html, re.S)[0]
    assert 'width="1200" height="600"' in hero
    assert "-480.webp 480w" in hero
    stored = Article.objects.get(pk=article.pk).hero_renditions
    assert [(size["width"], size["height"]) for size in stored["sizes"]] == [
        (480, 240),
        (960, 480),
        (1200, 600),
    ]


def test_a_huge_hero_upload_is_refused_with_a_message(admin_client, settings):  # noqa: F811
    settings.IMAGE_UPLOAD_MAX_MB = 1
    huge = _jpeg(1500, 1500)
    assert len(huge) > 1000 * 1000

    response = admin_client.post(
        reverse("admin:articles_article_add"),
        {
            **article_form(),
            "hero_image": SimpleUploadedFile("holiday.jpg", huge, "image/jpeg"),
            "hero_image_alt": "A beach",
        },
    )

    html = response.content.decode()
    assert (
        f"This picture is {len(huge) / 1e6:.1f} MB; pictures can be up to 1 MB" in html
    )
    assert not Article.objects.exists()


def test_a_markdown_picture_reference_shows_the_uploaded_picture_resized(client):
    article = ArticleFactory(body="A calm start.\n\n![The view at dawn](sunrise)\n")
    _picture(article, "sunrise")

    html = client.get(article.get_absolute_url()).content.decode()

    body = re.search(r'<div class="article-body">.*?</div>', html, re.S)[0]
    assert "<picture>" in body
    assert 'alt="The view at dawn"' in body
    assert re.search(
        r'srcset="/media/images/renditions/sunrise-\w+-480\.jpeg 480w', body
    )
    assert 'loading="lazy"' in body
    assert 'src="sunrise"' not in body


def test_an_image_block_shows_the_picture_with_its_caption(client):
    article = ArticleFactory(body="[[image: sunrise | Five quiet minutes]]\n")
    _picture(article, "sunrise", alt="A sunrise over a field")

    html = client.get(article.get_absolute_url()).content.decode()

    figure = re.search(r'<figure class="article-picture">.*?</figure>', html, re.S)[0]
    assert 'alt="A sunrise over a field"' in figure
    assert "<figcaption>Five quiet minutes</figcaption>" in figure


def test_a_picture_from_another_site_is_left_out_for_readers(client):
    article = ArticleFactory(body="Look: ![a chart](https://example.com/chart.png)\n")

    html = client.get(article.get_absolute_url()).content.decode()

    assert "example.com" not in html
    assert "Picture problem" not in html


def test_staff_see_which_picture_names_are_missing(staff_client):
    article = ArticleFactory(
        body="[[image: nowhere]]\n\nSee ![x](https://example.com/a.png)"
    )

    html = staff_client.get(article.get_absolute_url()).content.decode()

    assert "No picture called “nowhere” is uploaded with this article" in html
    assert "is a picture from another site" in html


def test_saving_warns_about_pictures_not_uploaded(admin_client):  # noqa: F811
    response = admin_client.post(
        reverse("admin:articles_article_add"),
        article_form(body="![Tea](tea)\n\n[[image: sunrise]]"),
        follow=True,
    )

    html = response.content.decode()
    assert "no picture called “sunrise” is uploaded with this article." in html
    assert "no picture called “tea” is uploaded with this article." in html


def _queries(url):
    client = Client()
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url + "?fresh=1")
    assert response.status_code == 200
    return len(queries)


def test_an_article_asks_as_many_queries_for_three_pictures_as_for_one():
    one = ArticleFactory(body="[[image: a]]")
    _picture(one, "a", width=600)
    three = ArticleFactory(body="[[image: a]]\n\n![b](b)\n\n[[image: c]]")
    for name in "abc":
        _picture(three, name, width=600)

    assert _queries(three.get_absolute_url()) == _queries(one.get_absolute_url())


def _picture_form(upload, name="sunrise"):
    return {
        "pictures-TOTAL_FORMS": "1",
        "pictures-0-name": name,
        "pictures-0-alt": "A sunrise over a field",
        "pictures-0-image": upload,
    }


def test_staff_upload_a_picture_with_the_article_and_readers_get_copies(
    admin_client,  # noqa: F811
    client,
):
    png = cover_png(width=1600, height=900)
    admin_client.post(
        reverse("admin:articles_article_add"),
        {
            **article_form(body="[[image: sunrise]]"),
            **_picture_form(SimpleUploadedFile("IMG_0001.png", png, "image/png")),
        },
    )

    picture = ArticlePicture.objects.get(name="sunrise")
    assert [size["width"] for size in picture.renditions["sizes"]] == [480, 960, 1280]
    html = client.get(picture.article.get_absolute_url()).content.decode()
    assert picture.image.url not in html
    assert "-1280.webp 1280w" in html


def test_a_huge_picture_for_the_body_is_refused_with_a_message(
    admin_client,  # noqa: F811
    settings,
):
    settings.IMAGE_UPLOAD_MAX_MB = 1
    huge = _jpeg(1500, 1500)

    response = admin_client.post(
        reverse("admin:articles_article_add"),
        {
            **article_form(body="[[image: sunrise]]"),
            **_picture_form(SimpleUploadedFile("big.jpg", huge, "image/jpeg")),
        },
    )

    assert "pictures can be up to 1 MB" in response.content.decode()
    assert not ArticlePicture.objects.exists()


def test_a_picture_with_too_many_pixels_is_refused_whatever_its_size(
    admin_client,  # noqa: F811
    monkeypatch,
):
    monkeypatch.setattr("shop.renditions.MAX_PIXELS", 1000 * 1000)
    wide = cover_png(width=2000, height=1000)

    response = admin_client.post(
        reverse("admin:articles_article_add"),
        {
            **article_form(),
            "hero_image": SimpleUploadedFile("wide.png", wide, "image/png"),
            "hero_image_alt": "A field",
        },
    )

    assert "This picture is 2000 × 1000 pixels, too many to resize." in (
        response.content.decode()
    )
    assert not Article.objects.exists()
