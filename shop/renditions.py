"""Pictures resized once, when they are stored, to the few widths pages ask for.

Product covers, article heroes, pictures in article bodies and the previews
drawn from a printable's pages are all kept this way: WebP and JPEG copies at
each width in public storage, their names and sizes in a JSON field beside
the original. Pages name every copy in `srcset` with its width and height, so
the browser picks the smallest that fits, reserves the space before it
arrives, and nothing is resized while a visitor waits. The original itself is
never sent to a reader.
"""

import hashlib
from io import BytesIO
from pathlib import PurePosixPath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.images import get_image_dimensions
from django.core.files.storage import Storage
from PIL import Image, ImageOps

WIDTHS = (240, 480, 960)
FORMATS = {"webp": ("WEBP", {"quality": 80, "method": 6}), "jpeg": ("JPEG", {})}
FOLDER = "images/renditions"
# Beyond this a picture is refused whatever its file size: decoding it would
# take the memory of several pages' worth of requests.
MAX_PIXELS = 40_000_000


def make_renditions(
    *, source, storage: Storage, widths=WIDTHS, aspect: float | None = None
) -> dict:
    """Write WebP and JPEG copies of the stored image source at each width.

    With `aspect` (width / height), the picture is first cut to that shape
    around its centre: an article's hero is a wide band whatever was uploaded.
    The result is what a `renditions` field stores: the original's name and
    size, the aspect it was cut to, and for each width its height and one
    file name per format.
    """
    source.open("rb")
    try:
        with Image.open(source) as opened:
            picture = ImageOps.exif_transpose(opened).convert("RGB")
    finally:
        source.close()
    if aspect:
        picture = cut_to_aspect(picture, aspect)
    renditions = renditions_of(
        picture,
        source_name=source.name,
        stem=PurePosixPath(source.name).stem,
        storage=storage,
        widths=widths,
    )
    if aspect:
        renditions["aspect"] = aspect
    return renditions


def cut_to_aspect(picture: Image.Image, aspect: float) -> Image.Image:
    """The largest centred part of picture that is `aspect` times as wide as high."""
    width, height = picture.size
    if width / height > aspect:
        size = (max(1, round(height * aspect)), height)
    else:
        size = (width, max(1, round(width / aspect)))
    if size == picture.size:
        return picture
    return ImageOps.fit(picture, size, method=Image.Resampling.LANCZOS)


def renditions_of(
    picture: Image.Image,
    *,
    source_name: str,
    stem: str,
    storage: Storage,
    widths=WIDTHS,
    folder: str = FOLDER,
) -> dict:
    """Copies of an image already in memory, named `<stem>-<digest>-<width>`.

    Names follow the pixels, so drawing the same picture again writes nothing.
    """
    picture = picture.convert("RGB")
    digest = hashlib.sha256(picture.tobytes()).hexdigest()[:12]
    stem = stem[:60]
    width, height = picture.size
    sizes = []
    for target in sorted({min(w, width) for w in widths}):
        scaled_height = max(1, round(height * target / width))
        scaled = picture.resize((target, scaled_height), Image.Resampling.LANCZOS)
        files = {}
        for extension, (pillow_format, options) in FORMATS.items():
            name = f"{folder}/{stem}-{digest}-{target}.{extension}"
            if not storage.exists(name):
                buffer = BytesIO()
                scaled.save(buffer, pillow_format, optimize=True, **options)
                name = storage.save(name, ContentFile(buffer.getvalue()))
            files[extension] = name
        sizes.append({"width": target, "height": scaled_height, **files})
    return {"source": source_name, "width": width, "height": height, "sizes": sizes}


def picture_sources(renditions: dict, *, storage: Storage) -> dict | None:
    """What a <picture> needs: srcsets per format, a fallback, the size.

    None when there are no copies yet.
    """
    sizes = renditions.get("sizes")
    if not sizes:
        return None
    url = storage.url
    largest = sizes[-1]
    return {
        "webp_srcset": ", ".join(f"{url(s['webp'])} {s['width']}w" for s in sizes),
        "jpeg_srcset": ", ".join(f"{url(s['jpeg'])} {s['width']}w" for s in sizes),
        "fallback": url(sizes[min(1, len(sizes) - 1)]["jpeg"]),
        "largest": url(largest["jpeg"]),
        "width": largest["width"],
        "height": largest["height"],
    }


def validate_picture_upload(upload) -> None:
    """Refuse a picture too large to take in: IMAGE_UPLOAD_MAX_MB, MAX_PIXELS."""
    limit = settings.IMAGE_UPLOAD_MAX_MB
    if upload.size > limit * 1000 * 1000:
        raise ValidationError(
            f"This picture is {upload.size / 1000 / 1000:.1f} MB; pictures can be "
            f"up to {limit} MB. Save it smaller (2000 pixels wide is plenty: "
            "readers get resized copies) and upload it again.",
            code="picture_too_large",
        )
    width, height = get_image_dimensions(upload)
    if width and height and width * height > MAX_PIXELS:
        raise ValidationError(
            f"This picture is {width} × {height} pixels, too many to resize. "
            "Save it at 2000 pixels wide or less and upload it again.",
            code="picture_too_many_pixels",
        )
