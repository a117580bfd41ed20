"""Covers resized once, at upload, to the few widths the pages ask for.

Pages then name every file in `srcset` with its width and height, so the
browser picks the smallest that fits, reserves the space before it arrives,
and nothing is resized while a visitor waits.
"""

import hashlib
from io import BytesIO
from pathlib import PurePosixPath

from django.core.files.base import ContentFile
from django.core.files.storage import Storage
from PIL import Image, ImageOps

WIDTHS = (240, 480, 960)
FORMATS = {"webp": ("WEBP", {"quality": 80, "method": 6}), "jpeg": ("JPEG", {})}
FOLDER = "images/renditions"


def make_renditions(*, source, storage: Storage) -> dict:
    """Write WebP and JPEG copies of source at each width; return their names.

    The result is what `ProductImage.renditions` stores: the original's name
    and size, and for each width its height and one file name per format.
    """
    source.open("rb")
    try:
        with Image.open(source) as opened:
            picture = ImageOps.exif_transpose(opened).convert("RGB")
    finally:
        source.close()
    digest = hashlib.sha256(picture.tobytes()).hexdigest()[:12]
    stem = PurePosixPath(source.name).stem[:60]
    width, height = picture.size
    sizes = []
    for target in sorted({min(w, width) for w in WIDTHS}):
        scaled_height = round(height * target / width)
        scaled = picture.resize((target, scaled_height), Image.Resampling.LANCZOS)
        files = {}
        for extension, (pillow_format, options) in FORMATS.items():
            buffer = BytesIO()
            scaled.save(buffer, pillow_format, optimize=True, **options)
            name = f"{FOLDER}/{stem}-{digest}-{target}.{extension}"
            if not storage.exists(name):
                name = storage.save(name, ContentFile(buffer.getvalue()))
            files[extension] = name
        sizes.append({"width": target, "height": scaled_height, **files})
    return {"source": source.name, "width": width, "height": height, "sizes": sizes}
