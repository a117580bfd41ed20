"""Staff open and save a product's file in the admin without a public URL."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from shop.downloads.models import ProductFile
from tests.factories import pdf_bytes

pytestmark = pytest.mark.django_db


@pytest.fixture
def product_file(printable):
    return printable.files.get()


def _change_url(product_file):
    return reverse("admin:downloads_productfile_change", args=[product_file.pk])


def test_a_files_page_opens_and_names_the_file_without_a_link(
    admin_client, product_file
):
    response = admin_client.get(_change_url(product_file))

    html = response.content.decode()
    assert response.status_code == 200
    assert product_file.uploaded_name in html
    assert "buyers save it as weekly-reset-planner.pdf" in html
    assert f'href="/media/{product_file.file.name}"' not in html


def test_saving_without_a_new_upload_keeps_the_file(admin_client, product_file):
    kept = product_file.file.name

    response = admin_client.post(
        _change_url(product_file),
        {
            "product": product_file.product_id,
            "title": "Weekly Reset Planner, printer-friendly (PDF)",
            "content_type": "application/pdf",
            "position": 0,
            "_continue": "Save and continue editing",
        },
        follow=True,
    )

    assert response.status_code == 200
    product_file.refresh_from_db()
    assert product_file.title == "Weekly Reset Planner, printer-friendly (PDF)"
    assert product_file.file.name == kept


def test_a_new_upload_replaces_the_file(admin_client, product_file):
    response = admin_client.post(
        _change_url(product_file),
        {
            "product": product_file.product_id,
            "title": product_file.title,
            "file": SimpleUploadedFile(
                "planner-v2.pdf",
                pdf_bytes("Second edition"),
                content_type="application/pdf",
            ),
            "content_type": "application/pdf",
            "position": 0,
        },
    )

    assert response.status_code == 302
    replaced = ProductFile.objects.get()
    assert replaced.uploaded_name == "planner-v2.pdf"
    assert replaced.download_name == "weekly-reset-planner.pdf"
    assert replaced.version == 2


def test_an_upload_that_is_not_a_pdf_is_refused_with_the_reason(
    admin_client, product_file
):
    kept = product_file.file.name

    response = admin_client.post(
        _change_url(product_file),
        {
            "product": product_file.product_id,
            "title": product_file.title,
            "file": SimpleUploadedFile("planner-v2.pdf", b"just some text"),
            "content_type": "application/pdf",
            "position": 0,
        },
    )

    assert response.status_code == 200
    assert "is not a PDF, whatever its name says" in response.content.decode()
    product_file.refresh_from_db()
    assert product_file.file.name == kept
