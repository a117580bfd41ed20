"""A new version of a file reaches every link, and past buyers who staff
choose to tell get one e-mail each, with a fresh link of their own."""

import io
import re

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from oscar.core.loading import get_model
from pypdf import PdfReader

from shop.downloads import product_files
from shop.downloads.models import DownloadLink, ProductFile
from shop.downloads.services import download_links_revoke
from shop.downloads.tasks import announce_new_versions
from tests.factories import ProductFactory, paid_order, pdf_bytes

PaymentEventType = get_model("order", "PaymentEventType")

pytestmark = pytest.mark.django_db

SUBJECT = "A new version of Self-Care Tracker is ready"


def refund(order):
    """What a refund leaves on an order: a refund event naming its lines,
    and their links switched off."""
    refunded, __ = PaymentEventType.objects.get_or_create(
        code="refunded", defaults={"name": "Refunded"}
    )
    event = order.payment_events.create(
        event_type=refunded, amount=order.total_incl_tax, reference="re_test"
    )
    for line in order.lines.all():
        event.line_quantities.create(line=line, quantity=line.quantity)
    download_links_revoke(lines=order.lines.all())


def _pdf_text(response) -> str:
    reader = PdfReader(io.BytesIO(b"".join(response.streaming_content)))
    return reader.pages[0].extract_text()


@pytest.fixture
def tracker(db):
    return ProductFactory(title="Self-Care Tracker")


def _replace(product, *, text="Edition two", tell_buyers=True, note=""):
    return product_files.product_file_replace(
        product_file=ProductFile.objects.get(product=product),
        upload=SimpleUploadedFile("tracker-v2.pdf", pdf_bytes(text)),
        note=note,
        tell_buyers=tell_buyers,
    )


def test_past_buyers_are_emailed_once_each_with_a_fresh_link_to_the_new_version(
    tracker, client, outbox_mail, django_capture_on_commit_callbacks
):
    paid_order(products=[tracker], email="ana@example.com")
    paid_order(products=[tracker], email="Ana@example.com")  # bought it twice
    paid_order(products=[tracker], email="ben@example.com")
    refund(paid_order(products=[tracker], email="refunded@example.com"))

    with django_capture_on_commit_callbacks(execute=True):
        _replace(tracker, note="Bigger boxes for each day")
    announce_new_versions()  # the next minute's run finds nobody left

    told = sorted((m.to[0].lower(), m.subject) for m in mail.outbox)
    assert told == [("ana@example.com", SUBJECT), ("ben@example.com", SUBJECT)]
    body = mail.outbox[0].body
    assert "What changed: Bigger boxes for each day" in body
    path = re.search(r"https?://[^/\s]+(/\S+)", body).group(1)
    response = client.get(path)
    assert response.status_code == 200
    assert "Edition two" in _pdf_text(response)


def test_the_fresh_link_follows_the_download_limits_staff_set(
    tracker, outbox_mail, django_capture_on_commit_callbacks
):
    from shop.downloads.models import DownloadPolicy

    DownloadPolicy(expiry_days=30, download_limit=3).save()
    order = paid_order(products=[tracker])

    with django_capture_on_commit_callbacks(execute=True):
        _replace(tracker)

    fresh = DownloadLink.objects.filter(line__order=order).latest("pk")
    assert fresh.max_downloads == 3
    assert "works 3 times" in mail.outbox[0].body


def test_nobody_is_emailed_unless_staff_ask(
    tracker, outbox_mail, django_capture_on_commit_callbacks
):
    paid_order(products=[tracker])

    with django_capture_on_commit_callbacks(execute=True):
        _replace(tracker, tell_buyers=False)
    announce_new_versions()

    assert mail.outbox == []


def test_buyers_after_the_new_version_are_not_told_of_it(
    tracker, outbox_mail, django_capture_on_commit_callbacks
):
    version = _replace(tracker, tell_buyers=False)
    paid_order(products=[tracker], email="later@example.com")
    version.tell_buyers = True
    version.save()

    announce_new_versions()

    assert mail.outbox == []


def test_a_long_list_of_buyers_is_told_a_few_at_a_time(
    tracker, settings, outbox_mail, django_capture_on_commit_callbacks
):
    settings.NEW_VERSION_MAILS_PER_MINUTE = 2
    for n in range(5):
        paid_order(products=[tracker], email=f"buyer{n}@example.com")

    with django_capture_on_commit_callbacks(execute=True):
        version = _replace(tracker)
    sent_at_once = len(mail.outbox)
    with django_capture_on_commit_callbacks(execute=True):
        announce_new_versions()
    sent_a_minute_later = len(mail.outbox)
    with django_capture_on_commit_callbacks(execute=True):
        announce_new_versions()
        announce_new_versions()

    version.refresh_from_db()
    assert (sent_at_once, sent_a_minute_later, len(mail.outbox)) == (2, 4, 5)
    assert len({m.to[0] for m in mail.outbox}) == 5
    assert version.buyers_told_at is not None


def test_a_new_version_restamps_links_already_downloaded(tracker, client):
    link = paid_order(products=[tracker]).lines.get().download_links.get()
    assert "Contents of Self-Care Tracker" in _pdf_text(
        client.get(link.get_absolute_url())
    )

    _replace(tracker, tell_buyers=False)

    assert "Edition two" in _pdf_text(client.get(link.get_absolute_url()))


def test_every_version_is_kept_in_private_storage(tracker):
    first = ProductFile.objects.get(product=tracker).file.name

    _replace(tracker, tell_buyers=False)

    product_file = ProductFile.objects.get(product=tracker)
    names = [v.file.name for v in product_file.versions.order_by("version")]
    assert names[0] == first
    assert names[1] == product_file.file.name != first
    assert all(product_file.file.storage.exists(name) for name in names)


def test_a_links_copy_of_the_earlier_version_is_not_kept(tracker, client):
    link = paid_order(products=[tracker]).lines.get().download_links.get()
    client.get(link.get_absolute_url())
    storage = ProductFile.objects.get(product=tracker).file.storage

    _replace(tracker, tell_buyers=False)
    client.get(link.get_absolute_url())

    folder = f"stamped/{link.token}"
    assert storage.listdir(f"{folder}/v1") == ([], [])
    assert storage.listdir(f"{folder}/v2") == ([], ["self-care-tracker.pdf"])
