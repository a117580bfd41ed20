"""Reading a product file once, when its content changes: the "what you get"
facts and pictures of its first pages for the product page.

`product_file_describe` does all of it and may be called again at any time
(the pictures are named after their pixels, so nothing is written twice). The
worker calls it after a file is saved with new content (`tasks.py`), and a
sweep catches files whose turn was lost while the queue was down.
"""

import logging
import threading
import zipfile
from io import BytesIO
from pathlib import PurePath

import pypdfium2 as pdfium
from django.core.files.storage import storages
from django.db import transaction
from django.utils.text import slugify
from PIL import Image

from shop.downloads.facts import paper_of
from shop.downloads.models import ProductFile
from shop.renditions import renditions_of

logger = logging.getLogger(__name__)

PREVIEW_PAGES = 3
FOLDER = "images/previews"
# Pages are drawn this wide (in pixels) before being resized like covers;
# the height is capped too, so an odd page shape cannot eat the worker's memory.
DRAW_WIDTH = 960
DRAW_MAX_HEIGHT = 1600
# The words of a file's first pages are kept for search; a long workbook's
# later pages repeat its first ones.
TEXT_PAGES = 50
TEXT_MAX_CHARS = 100_000

# PDFium is not thread-safe, and the worker runs tasks on several threads.
_pdfium = threading.Lock()


def product_file_describe(*, product_file: ProductFile) -> ProductFile:
    """Read the stored file: its facts and up to PREVIEW_PAGES pictures.

    Stores them on the product file unless its content changed meanwhile
    (the newer file gets its own turn), and returns the row as stored.
    """
    name = product_file.file.name
    if not name:
        return product_file
    with product_file.file.storage.open(name, "rb") as stored:
        data = stored.read()
    details, pages, text = _read(data, name=name)
    stem = slugify(product_file.product.title)[:40] or "printable"
    storage = storages["default"]
    previews = [
        {
            "page": number,
            **renditions_of(
                picture,
                source_name=f"{name}#page={number}",
                stem=f"{stem}-page-{number}",
                storage=storage,
                folder=FOLDER,
            ),
        }
        for number, picture in enumerate(pages, start=1)
    ]
    with transaction.atomic():
        current = ProductFile.objects.select_for_update().filter(pk=product_file.pk)
        current = current.first()
        if current is None or current.file.name != name:
            return current
        current.details = {"source": name, "words": len(text.split()), **details}
        current.previews = previews
        current.text = text
        current.save(update_fields=["details", "previews", "text"])
    return current


def product_files_describe_waiting() -> int:
    """Describe every file not yet described; how many were."""
    waiting = [
        each
        for each in ProductFile.objects.select_related("product").order_by("pk")
        if each.file and not each.is_read_for_search
    ]
    for product_file in waiting:
        try:
            product_file_describe(product_file=product_file)
        except OSError:
            logger.exception("Could not read product file %s", product_file.pk)
    return len(waiting)


def pdf_first_pages(data: bytes, *, count: int = PREVIEW_PAGES) -> list[Image.Image]:
    """Pictures of the first count pages of a PDF (none if it cannot be read)."""
    _details, pictures, _text = _pdf(data, pages=count)
    return pictures


def _read(data: bytes, *, name: str) -> tuple[dict, list[Image.Image], str]:
    suffix = PurePath(name).suffix.lower()
    if suffix == ".zip" or (suffix != ".pdf" and zipfile.is_zipfile(BytesIO(data))):
        return _zip_details(data), [], ""
    return _pdf(data)


def _zip_details(data: bytes) -> dict:
    details = {"format": "ZIP", "size": len(data)}
    try:
        with zipfile.ZipFile(BytesIO(data)) as archive:
            details["files"] = sum(not i.is_dir() for i in archive.infolist())
    except zipfile.BadZipFile:
        logger.warning("A product file is not a readable ZIP")
    return details


def _pdf(
    data: bytes, *, pages: int = PREVIEW_PAGES
) -> tuple[dict, list[Image.Image], str]:
    details = {"format": "PDF", "size": len(data)}
    with _pdfium:
        try:
            document = pdfium.PdfDocument(data)
        except pdfium.PdfiumError:
            logger.warning("A product file is not a PDF PDFium can open")
            return details, [], ""
        try:
            sizes = [document.get_page_size(i) for i in range(len(document))]
            details["pages"] = len(sizes)
            details["paper"] = paper_of(sizes)
            pictures = [
                _draw(document, index) for index in range(min(pages, len(sizes)))
            ]
            text = "\n".join(
                _text(document, index) for index in range(min(TEXT_PAGES, len(sizes)))
            )
        finally:
            document.close()
    return details, pictures, text[:TEXT_MAX_CHARS]


def _text(document, index: int) -> str:
    page = document[index]
    try:
        textpage = page.get_textpage()
        try:
            return textpage.get_text_range()
        finally:
            textpage.close()
    finally:
        page.close()


def _draw(document, index: int) -> Image.Image:
    page = document[index]
    try:
        width, height = page.get_size()
        scale = min(DRAW_WIDTH / width, DRAW_MAX_HEIGHT / height)
        return page.render(scale=scale).to_pil().convert("RGB")
    finally:
        page.close()
