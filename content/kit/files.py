"""The kit's files in private storage: built once per template version, then reused."""

import os
from pathlib import Path
from uuid import uuid4

from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage, storages

from content.kit.printables import FILES, build_kit, template_version


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
