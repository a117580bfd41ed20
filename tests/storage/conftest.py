import pytest

from tests.dashboard_catalogue.conftest import (  # noqa: F401  (fixtures)
    save_editor,
    staff,
    staff_user,
)
from tests.object_store import ObjectStore


@pytest.fixture(scope="session")
def object_store():
    store = ObjectStore()
    store.start()
    yield store
    store.stop()


@pytest.fixture
def buckets(object_store, settings, tmp_path):
    """The shop's files in two fresh buckets of the test's object store, as
    S3_MEDIA_BUCKET and S3_PRIVATE_BUCKET set them; (media, private)."""
    media, private = object_store.new_buckets()
    object_store.use(settings, media=media, private=private)
    # Empty local folders: a test can tell that nothing was written there.
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    return media, private
