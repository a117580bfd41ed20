"""Staff keep a product's files from the product editor's Files tab."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from pypdf import PdfReader

from shop.apps.partner.strategy import Selector
from shop.downloads.models import ProductFile
from tests.dashboard_catalogue.conftest import editor_url
from tests.factories import ProductFactory, category, paid_order, pdf_bytes, zip_bytes

pytestmark = pytest.mark.django_db


def _product(**kwargs):
    """A printable as the editor saves it (Oscar asks for a category)."""
    return ProductFactory(categories=[category("Planners")], **kwargs)


def _pdf_written(*, pages: int, password: str = "") -> bytes:
    from pypdf import PdfWriter

    writer = PdfWriter()
    for __ in range(pages):
        writer.add_blank_page(200, 200)
    if password:
        writer.encrypt(password)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def _upload(name, content):
    return SimpleUploadedFile(name, content)


def _on_sale(product) -> bool:
    info = Selector().strategy().fetch_for_product(product)
    return info.availability.is_available_to_buy


def _messages(response) -> str:
    return " ".join(str(m) for m in response.context["messages"])


def test_staff_upload_a_pdf_and_the_product_goes_on_sale(save_editor, staff_user):
    product = _product(title="Self-Care Tracker", files=False)
    assert not _on_sale(product)

    response = save_editor(
        product, {"files-0-file": _upload("self care v1.pdf", pdf_bytes("Week one"))}
    )

    assert response.status_code == 302
    product_file = ProductFile.objects.get(product=product)
    assert product_file.title == "Self-Care Tracker (PDF)"
    assert product_file.download_name == "self-care-tracker.pdf"
    assert product_file.content_type == "application/pdf"
    (version,) = product_file.versions.all()
    assert (version.version, version.uploaded_by) == (1, staff_user)
    assert _on_sale(product)


def test_a_zip_that_lists_is_accepted_as_a_zip(save_editor):
    product = _product(title="Meal Planning Toolkit", files=False)

    save_editor(
        product,
        {
            "files-0-file": _upload("toolkit.zip", zip_bytes(**{"a.pdf": b"x"})),
            "files-0-title": "Every page (ZIP)",
        },
    )

    product_file = ProductFile.objects.get(product=product)
    assert product_file.content_type == "application/zip"
    assert product_file.download_name == "every-page.zip"


@pytest.mark.parametrize(
    ("name", "content", "says"),
    [
        ("planner.pdf", b"Dear diary, this is not a PDF.", "is not a PDF, whatever"),
        ("planner.pdf", pdf_bytes("Cut short")[:400], "could not be opened as a PDF"),
        ("planner.zip", b"PK\x03\x04 broken", "could not be opened as a ZIP"),
        ("planner.zip", zip_bytes(), "is an empty ZIP file"),
        ("planner.docx", b"word", "is not a PDF or a ZIP file"),
        ("planner", b"%PDF-", "is not a PDF or a ZIP file"),
        ("planner.pdf", _pdf_written(pages=1, password="x"), "with a password"),
        ("planner.pdf", _pdf_written(pages=0), "has no pages"),
    ],
)
def test_an_upload_that_is_not_what_it_claims_is_refused_with_the_reason(
    save_editor, name, content, says
):
    product = _product(files=False)

    response = save_editor(product, {"files-0-file": _upload(name, content)})

    assert response.status_code == 200
    assert says in response.content.decode()
    assert not ProductFile.objects.filter(product=product).exists()


def test_an_oversized_upload_names_the_limit(save_editor, settings):
    settings.PRODUCT_FILE_MAX_MB = 1
    product = _product(files=False)
    big = pdf_bytes("Big") + b"\n%" + b"0" * (1024 * 1024)

    response = save_editor(product, {"files-0-file": _upload("big.pdf", big)})

    assert "a file can be at most 1 MB" in response.content.decode()
    assert not ProductFile.objects.filter(product=product).exists()


def test_a_page_that_cannot_be_saved_keeps_nothing_and_says_what_to_upload_again(
    save_editor,
):
    product = _product(title="Self-Care Tracker", files=False)

    response = save_editor(
        product,
        {
            "title": "Self-Care Tracker, second edition",
            "files-0-file": _upload("tracker.pdf", pdf_bytes("Fine")),
            "stockrecords-0-price": "not a price",
        },
    )

    assert response.status_code == 200
    assert "choose them again on the Files tab" in _messages(response)
    assert "choose these files again before saving" in response.content.decode()
    product.refresh_from_db()
    assert product.title == "Self-Care Tracker"
    assert not ProductFile.objects.filter(product=product).exists()


def test_staff_rename_and_reorder_files(save_editor):
    product = _product(title="Habit Tracker")
    second = ProductFile.objects.create(
        product=product,
        title="Extra pages (PDF)",
        position=1,
        file=SimpleUploadedFile("extra.pdf", pdf_bytes("Extra")),
    )

    save_editor(
        product,
        {"files-1-title": "Bonus pages (PDF)", "files-1-position": "0"},
    )

    second.refresh_from_db()
    assert (second.title, second.position, second.version) == (
        "Bonus pages (PDF)",
        0,
        1,
    )


def _stamped_text(response) -> str:
    reader = PdfReader(io.BytesIO(b"".join(response.streaming_content)))
    return reader.pages[0].extract_text()


def test_a_new_version_keeps_the_file_and_its_links_and_old_links_deliver_it(
    save_editor, client
):
    product = _product(title="Self-Care Tracker")
    order = paid_order(products=[product])
    link = order.lines.get().download_links.get()
    assert "Contents of Self-Care Tracker" in _stamped_text(
        client.get(link.get_absolute_url())
    )

    response = save_editor(
        product,
        {
            "files-0-replacement": _upload("tracker v2.pdf", pdf_bytes("Edition two")),
            "files-0-note": "Bigger boxes",
        },
    )

    assert response.status_code == 302
    product_file = ProductFile.objects.get(product=product)
    assert product_file.pk == link.product_file_id
    assert product_file.version == 2
    text = _stamped_text(client.get(link.get_absolute_url()))
    assert "Edition two" in text
    assert "Licensed to reader@example.com" in text


def test_the_history_says_when_and_by_whom_and_an_earlier_version_comes_back(
    save_editor, staff, client, staff_user
):
    product = _product(title="Self-Care Tracker")
    order = paid_order(products=[product])
    link = order.lines.get().download_links.get()
    save_editor(
        product,
        {
            "files-0-replacement": _upload("v2.pdf", pdf_bytes("Edition two")),
            "files-0-note": "Bigger boxes",
        },
    )

    page = staff.get(editor_url(product)).content.decode()
    assert "Bigger boxes" in page
    assert "keeper" in page  # the staff member who uploaded version 2
    assert "Version 1, " in page  # offered to go back to

    save_editor(product, {"files-0-restore": "1"})

    product_file = ProductFile.objects.get(product=product)
    assert product_file.version == 3
    assert product_file.versions.get(version=3).note == "Version 1 back"
    assert product_file.versions.get(version=3).uploaded_by == staff_user
    text = _stamped_text(client.get(link.get_absolute_url()))
    assert "Contents of Self-Care Tracker" in text


def test_removing_a_file_buyers_have_links_to_archives_it_and_their_links_work(
    save_editor, client
):
    product = _product(title="Self-Care Tracker")
    order = paid_order(products=[product])
    link = order.lines.get().download_links.get()

    response = save_editor(product, {"files-0-DELETE": "on"})

    product_file = ProductFile.objects.get(product=product)
    assert product_file.is_archived
    assert "archived, not deleted" in " ".join(
        str(m) for m in response.wsgi_request._messages
    )
    assert client.get(link.get_absolute_url()).status_code == 200
    assert not _on_sale(product)
    later = paid_order(products=[product], email="later@example.com")
    assert not later.lines.get().download_links.exists()


def test_removing_a_file_nobody_has_links_to_deletes_it_and_its_stored_file(
    save_editor, django_capture_on_commit_callbacks
):
    product = _product()
    product_file = ProductFile.objects.get(product=product)
    storage = product_file.file.storage
    name = product_file.file.name

    with django_capture_on_commit_callbacks(execute=True):
        save_editor(product, {"files-0-DELETE": "on"})

    assert not ProductFile.objects.filter(product=product).exists()
    assert not storage.exists(name)


def test_an_archived_file_goes_back_on_sale(save_editor):
    product = _product()
    paid_order(products=[product])
    save_editor(product, {"files-0-DELETE": "on"})

    save_editor(product, {"files-0-unarchive": "on"})

    assert not ProductFile.objects.get(product=product).is_archived
    assert _on_sale(product)


@pytest.mark.parametrize(
    "changes",
    [
        {"files-0-restore": "seven"},
        {"files-0-restore": "99"},
        {"files-0-position": "-3"},
        {"files-0-id": "987654"},
        {"files-TOTAL_FORMS": "x"},
        {"files-0-tell_buyers": "on"},
        {
            "files-0-DELETE": "on",
            "files-0-replacement": SimpleUploadedFile("v2.pdf", pdf_bytes("Two")),
        },
        {
            "files-0-restore": "1",
            "files-0-replacement": SimpleUploadedFile("v2.pdf", pdf_bytes("Two")),
        },
    ],
)
def test_bad_input_is_answered_with_the_page_and_changes_nothing(save_editor, changes):
    product = _product()
    save_editor(
        product, {"files-0-replacement": _upload("v2.pdf", pdf_bytes("Second"))}
    )

    response = save_editor(product, changes)

    assert response.status_code == 200
    product_file = ProductFile.objects.get(product=product)
    assert (product_file.version, product_file.is_archived) == (2, False)


def test_staff_without_the_files_permission_see_files_but_cannot_upload(
    catalogue_only_staff, save_editor
):
    product = _product(title="Self-Care Tracker")

    page = catalogue_only_staff.get(editor_url(product)).content.decode()
    response = save_editor(
        product,
        {"files-0-replacement": _upload("v2.pdf", pdf_bytes("Sneaky"))},
        client=catalogue_only_staff,
    )

    assert "Changing files needs the permission" in page
    assert response.status_code == 302
    assert ProductFile.objects.get(product=product).version == 1


def test_staff_without_catalogue_permissions_get_403(client, django_user_model):
    product = _product()
    user = django_user_model.objects.create_user(
        username="helper", password="x", is_staff=True
    )
    client.force_login(user)

    assert client.get(editor_url(product)).status_code == 403


def test_ticking_tell_past_buyers_emails_them_the_new_version(
    save_editor, outbox_mail, django_capture_on_commit_callbacks
):
    from django.core import mail

    product = _product(title="Self-Care Tracker")
    paid_order(products=[product], email="ana@example.com")

    with django_capture_on_commit_callbacks(execute=True):
        response = save_editor(
            product,
            {
                "files-0-replacement": _upload("v2.pdf", pdf_bytes("Edition two")),
                "files-0-tell_buyers": "on",
            },
        )

    assert "Past buyers are being e-mailed a fresh link" in " ".join(
        str(m) for m in response.wsgi_request._messages
    )
    assert [(m.to, m.subject) for m in mail.outbox] == [
        (["ana@example.com"], "A new version of Self-Care Tracker is ready")
    ]


def test_a_version_that_came_back_is_not_offered_again(save_editor, staff):
    product = _product()
    save_editor(product, {"files-0-replacement": _upload("v2.pdf", pdf_bytes("Two"))})
    save_editor(product, {"files-0-restore": "1"})

    page = staff.get(editor_url(product)).content.decode()
    response = save_editor(product, {"files-0-restore": "1"})

    assert 'value="2">Version 2, v2.pdf' in page
    assert 'value="1">Version 1' not in page
    assert response.status_code == 200
    assert ProductFile.objects.get(product=product).version == 3


def test_a_new_product_is_created_with_its_file_in_one_save(staff):
    from django.urls import reverse

    from tests.dashboard_catalogue.conftest import editor_fields
    from tests.factories import PartnerFactory, ProductClassFactory

    product_class = ProductClassFactory()
    planners = category("Planners")
    url = reverse(
        "dashboard:catalogue-product-create",
        kwargs={"product_class_slug": product_class.slug},
    )
    fields = editor_fields(staff.get(url))

    response = staff.post(
        url,
        {
            **fields,
            "title": "Self-Care Tracker",
            "productcategory_set-0-category": planners.pk,
            "stockrecords-0-partner": PartnerFactory().pk,
            "stockrecords-0-partner_sku": "SCT",
            "stockrecords-0-price_currency": "USD",
            "stockrecords-0-price": "9.90",
            "files-0-file": _upload("tracker.pdf", pdf_bytes("Week one")),
            "action": "continue",
        },
    )

    assert response.status_code == 302
    product_file = ProductFile.objects.get(product__title="Self-Care Tracker")
    assert product_file.title == "Self-Care Tracker (PDF)"
    assert _on_sale(product_file.product)


def test_the_files_tab_makes_as_many_queries_for_one_file_as_for_many(
    staff, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    product = _product()
    with CaptureQueriesContext(connection) as one_file:
        staff.get(editor_url(product))
    for n in range(3):
        ProductFile.objects.create(
            product=product,
            title=f"Extra {n} (PDF)",
            position=n + 1,
            file=SimpleUploadedFile(f"extra{n}.pdf", pdf_bytes("Extra")),
        )

    with django_assert_max_num_queries(len(one_file)):
        staff.get(editor_url(product))


def test_a_sold_product_is_not_deleted_and_staff_are_told_how_to_hide_it(staff, client):
    from django.urls import reverse

    product = _product(title="Self-Care Tracker")
    link = paid_order(products=[product]).lines.get().download_links.get()

    response = staff.post(
        reverse("dashboard:catalogue-product-delete", kwargs={"pk": product.pk}),
        follow=True,
    )

    assert "cannot be deleted" in response.content.decode()
    assert ProductFile.objects.filter(product=product).exists()
    assert client.get(link.get_absolute_url()).status_code == 200


def test_a_product_never_sold_is_deleted_with_its_files(staff):
    from django.urls import reverse

    product = _product()

    response = staff.post(
        reverse("dashboard:catalogue-product-delete", kwargs={"pk": product.pk})
    )

    assert response.status_code == 302
    assert not ProductFile.objects.exists()


def test_adding_a_file_is_optional_until_something_is_filled_in(save_editor, staff):
    product = _product(files=False)

    page = staff.get(editor_url(product)).content.decode()
    new_file = page[page.index('id="product-file-new"') :]
    new_file = new_file[: new_file.index("</fieldset>")]
    assert "required" not in new_file

    response = save_editor(product, {"files-0-title": "Week planner"})

    assert response.status_code == 200
    assert "Choose the PDF or ZIP file to upload." in response.content.decode()
    assert not ProductFile.objects.filter(product=product).exists()
    assert save_editor(product, {}).status_code == 302
