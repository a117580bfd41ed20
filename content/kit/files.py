"""The kit's files in private storage: built once per template version, then reused."""

from django.core.files.base import ContentFile
from django.core.files.storage import storages

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
        # Two first requests at once may both build; the second save gets a
        # suffixed name and the first file stays the one that is served.
        storage.save(stored_name(name), ContentFile(built[name]))
    return missing


def open_kit_file(name: str):
    ensure_kit_files()
    return storages["private"].open(stored_name(name), "rb")
