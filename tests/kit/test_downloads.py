"""The kit's files: real PDFs from the template, built once, for confirmed readers."""

import zipfile
from io import BytesIO

import pytest
from django.core.files.storage import storages
from django.db import connection
from django.test.utils import CaptureQueriesContext
from pypdf import PdfReader

from content.kit import files, links, printables
from tests.factories import SubscriberFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def fresh_storage(settings, tmp_path):
    settings.STORAGES = {
        **settings.STORAGES,
        "private": {
            "BACKEND": "shop.downloads.storage.PrivateFileStorage",
            "OPTIONS": {"location": tmp_path},
        },
    }
    return tmp_path


def _download(client, subscriber, name):
    response = client.get(links.file_path(subscriber, name))
    return response, b"".join(getattr(response, "streaming_content", []))


def _text(pdf_bytes):
    return "\n".join(
        page.extract_text() for page in PdfReader(BytesIO(pdf_bytes)).pages
    )


def test_a_confirmed_reader_downloads_the_tracker_pdf(client, fresh_storage):
    subscriber = SubscriberFactory(confirmed=True)

    response, body = _download(client, subscriber, "micro-habit-tracker.pdf")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert "attachment" in response["Content-Disposition"]
    text = _text(body)
    assert "Micro Habit Tracker" in text
    assert "Drink one glass of water" in text
    assert "31" in text


def test_the_pairs_pdf_holds_after_i_i_will_prompts(client, fresh_storage):
    _, body = _download(
        client, SubscriberFactory(confirmed=True), "cue-action-pairs.pdf"
    )

    text = _text(body)
    assert "After I pour my morning coffee, I will write down one thing" in text
    assert text.count("After I ____") == 6


def test_the_cheatsheet_lists_one_minute_starters(client, fresh_storage):
    _, body = _download(
        client, SubscriberFactory(confirmed=True), "one-minute-starters.pdf"
    )

    text = _text(body)
    for heading in ("Move", "Calm", "Home", "Mind"):
        assert heading in text
    assert "Wash one mug" in text
    assert text.count("My own one-minute starter:") == 4


def test_the_zip_holds_the_three_pdfs(client, fresh_storage):
    response, body = _download(
        client, SubscriberFactory(confirmed=True), "micro-habits-starter-kit.zip"
    )

    assert response["Content-Type"] == "application/zip"
    archive = zipfile.ZipFile(BytesIO(body))
    assert sorted(archive.namelist()) == [
        "cue-action-pairs.pdf",
        "micro-habit-tracker.pdf",
        "one-minute-starters.pdf",
    ]
    assert archive.read("micro-habit-tracker.pdf").startswith(b"%PDF")


def test_the_kit_is_built_once_and_then_reused(client, fresh_storage, monkeypatch):
    subscriber = SubscriberFactory(confirmed=True)
    _download(client, subscriber, "micro-habit-tracker.pdf")

    def no_second_build():
        raise AssertionError("the kit was built again")

    monkeypatch.setattr(files, "build_kit", no_second_build)
    response, body = _download(client, subscriber, "cue-action-pairs.pdf")

    assert response.status_code == 200
    assert body.startswith(b"%PDF")


def test_build_kit_command_stores_every_file(fresh_storage):
    from django.core.management import call_command

    call_command("build_kit")

    storage = storages["private"]
    for name in printables.FILES:
        assert storage.exists(files.stored_name(name))
    assert files.ensure_kit_files() == []


def test_a_changed_template_gets_a_new_stored_version(monkeypatch):
    before = files.stored_name("micro-habit-tracker.pdf")
    monkeypatch.setattr(printables, "template_bytes", lambda: b"title = 'other'\n")

    assert files.stored_name("micro-habit-tracker.pdf") != before


def test_a_pending_reader_cannot_download(client, fresh_storage):
    response, _ = _download(client, SubscriberFactory(), "micro-habit-tracker.pdf")

    assert response.status_code == 404


def test_a_reader_who_left_cannot_download(client, fresh_storage):
    subscriber = SubscriberFactory(unsubscribed=True)

    response, _ = _download(client, subscriber, "micro-habit-tracker.pdf")

    assert response.status_code == 404


@pytest.mark.parametrize(
    "path",
    [
        "/kit/yours/forged/micro-habit-tracker.pdf",
        "/kit/yours/{token}/../../settings.py",
        "/kit/yours/{token}/nothing.pdf",
        "/kit/yours/forged/",
    ],
)
def test_a_wrong_download_link_is_not_found(client, path):
    token = links.make_token(SubscriberFactory(confirmed=True), links.DOWNLOAD)

    assert client.get(path.format(token=token)).status_code == 404


def test_the_downloads_page_uses_the_same_queries_for_any_reader(client):
    first = SubscriberFactory(confirmed=True)
    SubscriberFactory.create_batch(5, confirmed=True)
    client.get(links.downloads_path(first))  # warm caches (site, templates)

    counts = []
    for subscriber in (first, SubscriberFactory(confirmed=True)):
        with CaptureQueriesContext(connection) as queries:
            assert client.get(links.downloads_path(subscriber)).status_code == 200
        counts.append(len(queries))

    assert counts[0] == counts[1]


def test_the_kit_files_are_repeatable_so_rebuilding_changes_nothing():
    assert printables.build_kit() == printables.build_kit()


def test_building_leaves_no_partial_files(fresh_storage):
    files.ensure_kit_files()

    stored = sorted(p.name for p in fresh_storage.rglob("*") if p.is_file())
    assert stored == sorted(printables.FILES)
