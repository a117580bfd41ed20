"""Covers are resized once at upload and served at the size each page needs."""

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from PIL import Image

from tests.factories import ProductFactory, ProductImageFactory, cover_png

pytestmark = pytest.mark.django_db


def test_uploading_a_cover_stores_webp_and_jpeg_copies_at_each_width():

    image = ProductImageFactory(
        original=ContentFile(cover_png(width=1200, height=1600), name="big.png")
    )

    sizes = image.renditions["sizes"]

    assert [size["width"] for size in sizes] == [240, 480, 960]
    for size in sizes:
        for extension, pillow_format in (("webp", "WEBP"), ("jpeg", "JPEG")):
            with (
                default_storage.open(size[extension]) as stored,
                Image.open(stored) as picture,
            ):
                assert picture.format == pillow_format
                assert picture.size == (size["width"], size["height"])


def test_a_small_cover_is_never_enlarged():

    image = ProductImageFactory(
        original=ContentFile(cover_png(width=300, height=400), name="small.png")
    )

    assert [size["width"] for size in image.renditions["sizes"]] == [240, 300]
    assert image.renditions["sizes"][-1]["height"] == 400


def test_product_page_offers_webp_with_a_jpeg_fallback_and_reserves_the_space(client):
    product = ProductFactory(title="Calm Week")
    ProductImageFactory(product=product)

    html = client.get(product.get_absolute_url()).content.decode()

    assert '<source type="image/webp" srcset="/media/images/renditions/' in html
    assert ".jpeg 240w" in html
    assert 'width="600" height="600" alt="Calm Week" loading="eager"' in html


def test_cards_load_their_covers_lazily(client):
    ProductImageFactory(product=ProductFactory(title="Calm Week"))

    html = client.get("/catalogue/").content.decode()

    assert 'loading="lazy"' in html
