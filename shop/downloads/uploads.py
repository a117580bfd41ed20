"""What an uploaded product file must be: a PDF that opens and can be
stamped, or a ZIP that lists, within PRODUCT_FILE_MAX_MB."""

import zipfile
from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from pypdf import PdfReader
from pypdf.errors import FileNotDecryptedError

from shop.downloads.stamping import stamp_pdf

MEGABYTE = 1024 * 1024


def upload_check(upload) -> None:
    """Raise ValidationError saying, in staff's words, what is wrong with an
    uploaded file (a Django UploadedFile or File). A file that passed is
    marked, so the form and the model's full_clean() read it only once."""
    if getattr(upload, "passed_product_file_check", False):
        return
    name = PurePath(upload.name or "").name
    suffix = PurePath(name).suffix.lower()
    if suffix not in (".pdf", ".zip"):
        raise ValidationError(
            f"“{name}” is not a PDF or a ZIP file: upload a .pdf or a .zip.",
            code="format",
        )
    limit = settings.PRODUCT_FILE_MAX_MB
    if upload.size > limit * MEGABYTE:
        raise ValidationError(
            f"“{name}” is {filesizeformat(upload.size)}; a file can be at most "
            f"{limit} MB. Export it smaller (compressed images) or split it "
            "into parts, then upload it again.",
            code="too_big",
        )
    upload.seek(0)
    try:
        if suffix == ".pdf":
            _check_pdf(upload, name)
        else:
            _check_zip(upload, name)
    finally:
        upload.seek(0)
    upload.passed_product_file_check = True


def _check_pdf(upload, name):
    if b"%PDF-" not in upload.read(1024):
        raise ValidationError(
            f"“{name}” is not a PDF, whatever its name says: export or save it "
            "as a PDF and upload that.",
            code="not_pdf",
        )
    upload.seek(0)
    try:
        pages = len(PdfReader(upload).pages)
        upload.seek(0)
        # Delivery stamps every page with the buyer's e-mail: a file that
        # cannot be stamped now could not be delivered later.
        stamp_pdf(upload, email="check@example.invalid")
    except FileNotDecryptedError as error:
        raise ValidationError(
            f"“{name}” is protected with a password: save it without one "
            "and upload it again.",
            code="encrypted_pdf",
        ) from error
    except Exception as error:  # pypdf raises many kinds for a broken file
        raise ValidationError(
            f"“{name}” could not be opened as a PDF: it may be damaged or cut "
            "short. Export it again and upload the new file.",
            code="broken_pdf",
        ) from error
    if not pages:
        raise ValidationError(
            f"“{name}” has no pages: export the printable again and upload it.",
            code="empty_pdf",
        )


def _check_zip(upload, name):
    try:
        with zipfile.ZipFile(upload) as archive:
            names = archive.namelist()
            damaged = archive.testzip()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError) as error:
        raise ValidationError(
            f"“{name}” could not be opened as a ZIP file: it may be damaged or "
            "cut short. Make the ZIP again and upload it.",
            code="broken_zip",
        ) from error
    except (NotImplementedError, RuntimeError) as error:
        raise ValidationError(
            f"“{name}” is a ZIP this shop cannot read (encrypted, or compressed "
            "in an unusual way): make it again without a password.",
            code="unreadable_zip",
        ) from error
    if not names:
        raise ValidationError(
            f"“{name}” is an empty ZIP file: add the printables to it first.",
            code="empty_zip",
        )
    if damaged is not None:
        raise ValidationError(
            f"“{name}” is damaged (“{damaged}” inside it does not read back "
            "whole): make the ZIP again and upload it.",
            code="broken_zip",
        )
