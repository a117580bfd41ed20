"""The kit's previews list is read from private storage once per kit version."""

from pathlib import Path

import pytest

from content.kit import links
from shop import printables
from shop.downloads.storage import PrivateFileStorage
from tests.factories import SubscriberFactory

pytestmark = pytest.mark.django_db

TRACKER_PREVIEW = "kit-micro-habit-tracker"


class CountingStorage(PrivateFileStorage):
    """Private storage on disk that notes the name of every file it opens."""

    opened = []

    def _open(self, name, mode="rb"):
        self.opened.append(name)
        return super()._open(name, mode)


@pytest.fixture
def counting_storage(settings, tmp_path):
    settings.STORAGES = {
        **settings.STORAGES,
        "private": {
            "BACKEND": f"{__name__}.CountingStorage",
            "OPTIONS": {"location": tmp_path},
        },
    }
    CountingStorage.opened = []
    return CountingStorage


def _index_reads(storage):
    return [name for name in storage.opened if name.endswith("/previews.json")]


def _downloads_page(client, subscriber):
    page = client.get(links.downloads_path(subscriber))
    assert page.status_code == 200
    return page.content.decode()


def test_the_previews_list_is_read_once_for_many_pages(client, counting_storage):
    subscriber = SubscriberFactory(confirmed=True)

    pages = [_downloads_page(client, subscriber) for __ in range(3)]

    assert all(TRACKER_PREVIEW in page for page in pages)
    assert len(_index_reads(counting_storage)) == 1


def test_a_new_kit_version_shows_its_own_previews_at_once(
    client, counting_storage, monkeypatch, tmp_path
):
    subscriber = SubscriberFactory(confirmed=True)
    _downloads_page(client, subscriber)
    changed = tmp_path / "printables.py"
    changed.write_text(Path(printables.__file__).read_text() + "\n# a new look\n")
    monkeypatch.setattr(printables, "__file__", str(changed))

    page = _downloads_page(client, subscriber)

    assert TRACKER_PREVIEW in page
    first, second = _index_reads(counting_storage)
    assert first.split("/")[1] != second.split("/")[1]


def test_with_the_cache_down_the_page_reads_the_list_from_storage(
    client, counting_storage, shop_on_redis, outage_clock
):
    subscriber = SubscriberFactory(confirmed=True)
    shop_on_redis.stop()

    pages = [_downloads_page(client, subscriber) for __ in range(2)]

    assert all(TRACKER_PREVIEW in page for page in pages)
    assert len(_index_reads(counting_storage)) == 2
