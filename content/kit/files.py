"""The kit's files in private storage: built once per template version, then reused."""

import json
import os
from pathlib import Path, PurePosixPath
from uuid import uuid4

from django.core.cache import cache
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage, storages

from content.kit.printables import FILES, build_kit, template_version
from shop.downloads.previews import pdf_first_pages
from shop.renditions import picture_sources, renditions_of

PREVIEWS = "previews.json"
PREVIEW_WIDTHS = (240, 480)
PREVIEW_FOLDER = "images/previews"
# The previews' list is read from private storage (a network round trip with
# an object store) once per kit version, then from the cache: its key names
# the version, so a new kit's previews show at once.
PREVIEWS_CACHE_SECONDS = 60 * 60 * 24 * 7


def stored_name(name: str) -> str:
    return f"kit/{template_version()}/{name}"


def ensure_kit_files() -> list[str]:
    """Build and store the kit unless this version is already stored.

    Returns the names that were built (empty when all were there).
    """
    storage = storages["private"]
    missing = [name for name in FILES if not storage.exists(stored_name(name))]
    if not missing:
        return []
    built = build_kit()
    for name in missing:
        _store_whole(storage, stored_name(name), built[name])
    return missing


def _store_whole(storage, name: str, data: bytes) -> None:
    """A reader never sees half a file, and two first requests building at
    once both end with the same bytes under the one name (the PDFs are
    repeatable)."""
    if isinstance(storage, FileSystemStorage):
        # On a disk a file is written piece by piece: write it aside, then
        # rename it into place in one step.
        path = Path(storage.path(name))
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_name(f".{path.name}.{uuid4().hex}")
        partial.write_bytes(data)
        os.replace(partial, path)
        return
    # An object store takes an object whole; a name taken meanwhile by the
    # same bytes from another host leaves a spare copy, deleted here.
    saved = storage.save(name, ContentFile(data))
    if saved != name:
        storage.delete(saved)


def open_kit_file(name: str):
    ensure_kit_files()
    return storages["private"].open(stored_name(name), "rb")


def kit_previews() -> dict[str, dict]:
    """Each PDF's first page as a <picture>'s sources, by file name."""
    key = f"kit:previews:{template_version()}"
    stored = cache.get(key)
    if stored is None:
        stored = _stored_previews()
        cache.set(key, stored, PREVIEWS_CACHE_SECONDS)
    public = storages["default"]
    return {
        name: picture_sources(each, storage=public) for name, each in stored.items()
    }


def _stored_previews() -> dict[str, dict]:
    """The previews' renditions, drawn once per kit version, like the files:
    the pictures go to public storage (named after their pixels) and their
    list beside the private files."""
    private = storages["private"]
    index = stored_name(PREVIEWS)
    if not private.exists(index):
        ensure_kit_files()
        renditions = {}
        for name, kit_file in FILES.items():
            if kit_file.content_type != "application/pdf":
                continue
            with private.open(stored_name(name), "rb") as stored:
                pages = pdf_first_pages(stored.read(), count=1)
            if pages:
                renditions[name] = renditions_of(
                    pages[0],
                    source_name=f"{stored_name(name)}#page=1",
                    stem=f"kit-{PurePosixPath(name).stem}",
                    storage=storages["default"],
                    widths=PREVIEW_WIDTHS,
                    folder=PREVIEW_FOLDER,
                )
        _store_whole(private, index, json.dumps(renditions).encode())
    with private.open(index, "rb") as index_file:
        return json.loads(index_file.read())
