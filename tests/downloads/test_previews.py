"""A product file is read once when its content changes: pictures of its
first pages for the product page, and what the buyer gets, in one line."""

import zipfile
from io import BytesIO

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import storages
from PIL import Image
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen.canvas import Canvas

from shop.demo.printables import build_printable
from shop.downloads.models import ProductFile
from shop.downloads.previews import (
    product_file_describe,
    product_files_describe_waiting,
)
from tests.factories import ProductFactory, ProductFileFactory

pytestmark = pytest.mark.django_db


def _a4_pdf(pages: int) -> bytes:
    buffer = BytesIO()
    canvas = Canvas(buffer, pagesize=A4)
    for number in range(1, pages + 1):
        canvas.drawString(72, 720, f"Page {number}")
        canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def _zip(names) -> bytes:
    buffer = BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name in names:
            archive.writestr(name, b"%PDF-1.4 tiny")
    return buffer.getvalue()


@pytest.fixture
def upload(django_capture_on_commit_callbacks):
    """Save a product file as staff do; the worker reads it once it commits."""

    def upload(data: bytes, name: str, **fields):
        with django_capture_on_commit_callbacks(execute=True):
            product_file = ProductFileFactory(
                file=ContentFile(data, name=name), **fields
            )
        product_file.refresh_from_db()
        return product_file

    return upload


def test_a_pdf_gets_pictures_of_its_first_pages_and_its_facts(upload):
    pdf = build_printable("meal-toolkit", title="Complete Meal Planning Toolkit")

    product_file = upload(pdf, "meal-toolkit.pdf")

    assert product_file.details["pages"] == 3
    assert product_file.what_you_get == (
        f"PDF · 3 pages · US Letter · {round(len(pdf) / 1000)} KB"
    )
    assert [preview["page"] for preview in product_file.previews] == [1, 2, 3]
    first = product_file.previews[0]
    assert [size["width"] for size in first["sizes"]] == [240, 480, 960]
    stored = storages["default"]
    with stored.open(first["sizes"][-1]["webp"]) as picture:
        assert Image.open(picture).size == (960, first["sizes"][-1]["height"])
    assert first["sizes"][-1]["height"] > 960  # a portrait page


def test_a_landscape_tracker_is_us_letter_landscape(upload):
    pdf = build_printable("self-care-tracker", title="Self-Care Tracker")

    product_file = upload(pdf, "self-care.pdf")

    assert product_file.what_you_get.startswith("PDF · 1 page · US Letter landscape ·")
    assert product_file.previews[0]["height"] < product_file.previews[0]["width"]


def test_an_a4_pdf_says_a4_and_shows_only_its_first_three_pages(upload):
    product_file = upload(_a4_pdf(pages=5), "a4.pdf")

    assert product_file.details["paper"] == "A4"
    assert product_file.details["pages"] == 5
    assert len(product_file.previews) == 3


def test_a_zip_says_how_many_files_it_holds(upload):
    data = _zip(["one.pdf", "two.pdf", "three.pdf"])

    product_file = upload(data, "kit.zip", content_type="application/zip")

    assert product_file.what_you_get == f"ZIP · 3 files · {len(data)} bytes"
    assert product_file.previews == []


def test_a_file_that_is_not_a_readable_pdf_gets_its_size_and_no_pictures(upload):
    product_file = upload(b"%PDF-1.7 this is not really a PDF", "broken.pdf")

    assert product_file.what_you_get == "PDF · 33 bytes"
    assert product_file.previews == []


def test_replacing_the_file_draws_the_pictures_again(
    upload, django_capture_on_commit_callbacks
):
    product_file = upload(
        build_printable("simple-meal-planner", title="Simple"), "plan.pdf"
    )
    first_pictures = product_file.previews[0]["sizes"]

    product_file.file = ContentFile(_a4_pdf(pages=2), name="plan-v2.pdf")
    with django_capture_on_commit_callbacks(execute=True):
        product_file.save()
    product_file.refresh_from_db()

    assert product_file.details["source"] == product_file.file.name
    assert product_file.what_you_get.startswith("PDF · 2 pages · A4 ·")
    assert len(product_file.previews) == 2
    assert product_file.previews[0]["sizes"] != first_pictures


def test_saving_without_new_content_does_not_read_the_file_again(
    upload, django_capture_on_commit_callbacks
):
    product_file = upload(_a4_pdf(pages=1), "page.pdf")

    product_file.title = "One calm page (PDF)"
    with django_capture_on_commit_callbacks() as callbacks:
        product_file.save()

    assert callbacks == []


def test_a_file_saved_while_the_queue_is_down_is_read_by_the_sweep(
    queue_down, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        product_file = ProductFileFactory(
            file=ContentFile(_a4_pdf(pages=2), name="later.pdf")
        )
    product_file.refresh_from_db()
    assert product_file.what_you_get == ""

    assert product_files_describe_waiting() == 1

    product_file.refresh_from_db()
    assert product_file.what_you_get.startswith("PDF · 2 pages · A4")
    assert product_files_describe_waiting() == 0


def test_pictures_are_named_for_the_product_not_the_uploaded_file(upload):
    product = ProductFactory(title="Self-Care Tracker", files=False)

    product_file = upload(_a4_pdf(pages=1), "gratitude_v1.pdf", product=product)

    name = product_file.previews[0]["sizes"][0]["webp"]
    assert name.startswith("images/previews/self-care-tracker-page-1-")
    assert "gratitude" not in name


def test_a_file_deleted_while_it_is_read_is_left_deleted():
    product_file = ProductFileFactory(file=ContentFile(_a4_pdf(pages=1), name="x.pdf"))
    ProductFile.objects.filter(pk=product_file.pk).delete()

    assert product_file_describe(product_file=product_file) is None
    assert not ProductFile.objects.exists()
