"""With S3_MEDIA_BUCKET and S3_PRIVATE_BUCKET set, every file the shop keeps
is in the object store (a real S3-compatible server, moto's, on its own port):
uploads, versions, previews, covers, downloads, stamped copies and the kit.
Private objects are never readable without the store's keys."""

import io
import re
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from pypdf import PdfReader

from content.kit import links, printables
from shop.downloads.models import DownloadLink, ProductFile
from tests.factories import (
    ProductFactory,
    ProductFileFactory,
    ProductImageFactory,
    SubscriberFactory,
    category,
    cover_png,
    paid_order,
    pdf_bytes,
)

pytestmark = [pytest.mark.django_db, pytest.mark.object_store]

MEDIA_URL = re.compile(r'/media/([^"\s,]+)')
EVERYONE = "http://acs.amazonaws.com/groups/global/AllUsers"


def _keys(object_store, bucket) -> set[str]:
    listing = object_store.client().list_objects_v2(Bucket=bucket)
    return {item["Key"] for item in listing.get("Contents", [])}


def _readable_by_anyone(object_store, bucket, key) -> bool:
    grants = object_store.client().get_object_acl(Bucket=bucket, Key=key)["Grants"]
    return any(grant["Grantee"].get("URI") == EVERYONE for grant in grants)


def _pdf_text(response) -> str:
    reader = PdfReader(io.BytesIO(b"".join(response.streaming_content)))
    return "\n".join(page.extract_text() for page in reader.pages)


def _local_files(folder) -> list[Path]:
    return [path for path in Path(folder).rglob("*") if path.is_file()]


def test_files_uploaded_versioned_previewed_and_downloaded_live_in_the_store(
    buckets,
    object_store,
    save_editor,
    client,
    settings,
    django_capture_on_commit_callbacks,
):
    media, private = buckets
    product = ProductFactory(
        title="Self-Care Tracker", categories=[category("Planners")], files=False
    )
    ProductImageFactory(
        product=product, original=ContentFile(cover_png(), name="cover.png")
    )

    # Staff upload the file; the worker draws its previews once it commits.
    with django_capture_on_commit_callbacks(execute=True):
        response = save_editor(
            product,
            {
                "files-0-file": SimpleUploadedFile(
                    "tracker.pdf", pdf_bytes("Week one", 2)
                )
            },
        )
    assert response.status_code == 302
    product_file = ProductFile.objects.get(product=product)
    assert product_file.file.name in _keys(object_store, private)
    assert product_file.previews, "the previews were drawn from the stored file"
    assert product_file.details["pages"] == 2

    # The product page links its cover and previews on the shop's own origin,
    # and each is a public object in the media bucket.
    page = client.get(product.get_absolute_url()).content.decode()
    linked = set(MEDIA_URL.findall(page))
    assert any(name.startswith("images/previews/") for name in linked)
    assert any(name.startswith("images/renditions/") for name in linked)
    assert linked <= _keys(object_store, media)
    for name in linked:
        assert object_store.anonymous_get(media, name) == 200

    # A buyer downloads a copy stamped with their address, kept privately.
    link = paid_order(products=[product]).lines.get().download_links.get()
    response = client.get(link.get_absolute_url())
    assert response.status_code == 200
    text = _pdf_text(response)
    assert "Week one" in text
    assert "Licensed to reader@example.com" in text
    link.refresh_from_db()
    assert link.download_count == 1
    stamped = {
        key for key in _keys(object_store, private) if key.startswith("stamped/")
    }
    assert stamped == {f"stamped/{link.token}/v1/self-care-tracker.pdf"}

    # A new version: both kept, the same link delivers the new one.
    response = save_editor(
        product,
        {"files-0-replacement": SimpleUploadedFile("v2.pdf", pdf_bytes("Edition two"))},
    )
    assert response.status_code == 302
    product_file.refresh_from_db()
    assert product_file.version == 2
    versions = [version.file.name for version in product_file.versions.all()]
    assert len(versions) == 2
    assert set(versions) <= _keys(object_store, private)
    assert "Edition two" in _pdf_text(client.get(link.get_absolute_url()))

    # Nothing went to this host's disk (but the dashboard's thumbnails, kept
    # where THUMBNAIL_STORAGE said when the test process started).
    assert _local_files(settings.PRIVATE_MEDIA_ROOT) == []
    media_root = Path(settings.MEDIA_ROOT)
    assert [p for p in _local_files(media_root) if "cache" not in p.parts] == []


def test_no_private_object_can_be_read_without_the_stores_keys(
    buckets, object_store, client
):
    __, private = buckets
    product = ProductFactory(title="Gentle Budget")
    link = paid_order(products=[product]).lines.get().download_links.get()
    assert client.get(link.get_absolute_url()).status_code == 200

    keys = _keys(object_store, private)
    assert len(keys) == 2  # the upload and the buyer's stamped copy
    for key in keys:
        assert not _readable_by_anyone(object_store, private, key)
        assert object_store.anonymous_get(private, key) == 403
    with pytest.raises(ValueError, match="no public URL"):
        storages["private"].url(ProductFile.objects.get().file.name)


def test_the_kit_is_built_once_into_the_private_bucket_and_downloaded(
    buckets, object_store, client
):
    __, private = buckets
    subscriber = SubscriberFactory(confirmed=True)

    response = client.get(links.file_path(subscriber, "micro-habit-tracker.pdf"))
    client.get(links.file_path(subscriber, "micro-habit-tracker.pdf"))

    assert response.status_code == 200
    assert "Micro Habit Tracker" in _pdf_text(response)
    version = printables.template_version()
    keys = _keys(object_store, private)
    assert keys == {f"kit/{version}/{name}" for name in printables.FILES}
    for key in keys:
        assert object_store.anonymous_get(private, key) == 403


def test_moving_a_shops_files_from_disk_keeps_every_download_and_picture(
    object_store, client, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
        "private": {
            "BACKEND": "shop.downloads.storage.PrivateFileStorage",
            "OPTIONS": {"location": settings.PRIVATE_MEDIA_ROOT},
        },
    }
    product = ProductFactory(title="Calm Week", files=False)
    ProductFileFactory(product=product)
    ProductImageFactory(product=product)
    link = paid_order(products=[product]).lines.get().download_links.get()
    on_disk = len(_local_files(tmp_path))

    media, private = object_store.new_buckets()
    object_store.use(settings, media=media, private=private)
    out = io.StringIO()
    call_command("move_files_to_object_store", stdout=out)

    assert f"{on_disk} copied, 0 already there." in out.getvalue()
    assert (
        len(_keys(object_store, media)) + len(_keys(object_store, private)) == on_disk
    )
    response = client.get(link.get_absolute_url())
    assert "Contents of Calm Week" in _pdf_text(response)
    assert DownloadLink.objects.get().download_count == 1
    page = client.get(product.get_absolute_url()).content.decode()
    assert set(MEDIA_URL.findall(page)) <= _keys(object_store, media)

    again = io.StringIO()
    call_command("move_files_to_object_store", stdout=again)
    assert "0 copied" in again.getvalue().splitlines()[-1]
