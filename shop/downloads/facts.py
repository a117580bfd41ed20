"""What a printable file holds, in the words a buyer reads before buying.

`details` is what `ProductFile.details` stores once the file is read (format,
size in bytes, pages and paper for a PDF, files for a ZIP); `summary_line`
turns it into "PDF · 12 pages · US Letter · 1.2 MB".
"""

from collections import Counter

# Width and height in PDF points (1/72 inch), portrait.
PAPER_SIZES = {
    "US Letter": (612.0, 792.0),
    "A4": (595.28, 841.89),
    "US Legal": (612.0, 1008.0),
    "A5": (419.53, 595.28),
}
# About 2 mm: exporters round paper sizes differently.
TOLERANCE_POINTS = 6.0
POINTS_PER_MM = 72 / 25.4


def paper_name(width: float, height: float) -> str:
    """ "US Letter", "A4 landscape", or "210 × 99 mm" for any other size."""
    short, long = sorted((width, height))
    orientation = " landscape" if width > height + TOLERANCE_POINTS else ""
    for name, (paper_short, paper_long) in PAPER_SIZES.items():
        if (
            abs(short - paper_short) <= TOLERANCE_POINTS
            and abs(long - paper_long) <= TOLERANCE_POINTS
        ):
            return name + orientation
    return f"{round(width / POINTS_PER_MM)} × {round(height / POINTS_PER_MM)} mm"


def paper_of(page_sizes: list[tuple[float, float]]) -> str:
    """The paper a document is printed on, named once: "US Letter" when
    every page is Letter (even with some turned), else the most common
    page's paper followed by "and others"."""
    if not page_sizes:
        return ""
    names = Counter(paper_name(w, h) for w, h in page_sizes)
    if len(names) == 1:
        return next(iter(names))
    sheets = Counter(paper_name(*sorted((w, h))) for w, h in page_sizes)
    most_common = sheets.most_common(1)[0][0]
    if len(sheets) == 1:
        return most_common
    return f"{most_common} and others"


def size_label(size: int) -> str:
    """A file size as people read it: "820 KB", "1.2 MB"."""
    if size < 1000:
        return f"{size} bytes"
    if size < 1000 * 1000:
        return f"{round(size / 1000)} KB"
    return f"{size / 1000 / 1000:.1f} MB"


def _count(number: int, one: str, many: str) -> str:
    return f"{number} {one if number == 1 else many}"


def summary_line(details: dict, *, with_size: bool = True) -> str:
    parts = [details.get("format", "")]
    if details.get("pages"):
        parts.append(_count(details["pages"], "page", "pages"))
    if details.get("paper"):
        parts.append(details["paper"])
    if details.get("files"):
        parts.append(_count(details["files"], "file", "files"))
    if with_size and details.get("size") is not None:
        parts.append(size_label(details["size"]))
    return " · ".join(part for part in parts if part)
