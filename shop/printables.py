"""Drawing printable pages with reportlab: the one look every PDF the shop makes shares.

The demo catalogue's printables and the free starter kit draw with these: a
page with its title, section, instructions and footer (`Page`, `render`),
ruled tables with a tinted header (`table`), notes boxes, checkboxes and the
month-long tracker grid. Output is byte-for-byte repeatable for the same input
(``invariant=1``), so a file drawn again is the same file.
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from io import BytesIO

from reportlab.lib.colors import Color
from reportlab.lib.pagesizes import landscape, letter
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

MARGIN = 40
INK = Color(0.17, 0.21, 0.18)
MUTED = Color(0.42, 0.45, 0.43)
RULE = Color(0.78, 0.80, 0.78)
FAINT = Color(0.88, 0.89, 0.88)
ACCENT = Color(0.36, 0.49, 0.36)
TINT = Color(0.93, 0.95, 0.92)
FOOTER = "GoToBetter · small steps count"

HABIT_NOTES = ("What is working", "One tiny tweak for next month")


@dataclass(frozen=True)
class Page:
    section: str
    instructions: tuple[str, ...]
    draw: Callable[[Canvas, float, float, float, float], None]
    field: str = ""
    wide: bool = False


def render(title: str, pages: Sequence[Page]) -> bytes:
    buffer = BytesIO()
    c = Canvas(buffer, pagesize=letter, invariant=1, pageCompression=1)
    c.setTitle(title)
    c.setAuthor("GoToBetter")
    c.setCreator("GoToBetter")
    c.setSubject("Printable planner")
    for number, page in enumerate(pages, start=1):
        width, height = landscape(letter) if page.wide else letter
        c.setPageSize((width, height))
        _header(c, title, page, width, height)
        _footer(c, width, f"Page {number} of {len(pages)}")
        page.draw(c, MARGIN, 58, width - 2 * MARGIN, height - 122)
        c.showPage()
    c.save()
    return buffer.getvalue()


def _header(c: Canvas, title: str, page: Page, width: float, height: float) -> None:
    size = 22.0
    while size > 14 and stringWidth(title, "Helvetica-Bold", size) > width - 2 * MARGIN:
        size -= 1
    c.setFillColor(INK)
    c.setFont("Helvetica-Bold", size)
    c.drawString(MARGIN, height - 50, title)
    c.setFillColor(ACCENT)
    c.setFont("Helvetica-Bold", 11)
    c.drawString(MARGIN, height - 68, page.section.upper())
    if page.field:
        c.setFillColor(MUTED)
        c.setFont("Helvetica", 10)
        c.drawRightString(
            width - MARGIN, height - 68, f"{page.field}  ____________________"
        )
    c.setFillColor(MUTED)
    c.setFont("Helvetica-Oblique", 10)
    for i, line in enumerate(page.instructions):
        c.drawString(MARGIN, height - 86 - i * 13, line)


def _footer(c: Canvas, width: float, page_label: str) -> None:
    c.setStrokeColor(RULE)
    c.setLineWidth(0.5)
    c.line(MARGIN, 44, width - MARGIN, 44)
    c.setFillColor(MUTED)
    c.setFont("Helvetica", 8.5)
    c.drawString(MARGIN, 31, FOOTER)
    c.drawRightString(width - MARGIN, 31, page_label)


def table(
    c: Canvas,
    x: float,
    top: float,
    widths: Sequence[float],
    headers: Sequence[str],
    row_labels: Sequence[str],
    row_height: float,
    header_height: float = 20,
    label_size: float = 10,
) -> float:
    """Draw a ruled table with a tinted header row; return the y of its bottom edge."""
    total = sum(widths)
    bottom = top - header_height - row_height * len(row_labels)
    c.setFillColor(TINT)
    c.rect(x, top - header_height, total, header_height, stroke=0, fill=1)
    c.setFillColor(INK)
    c.setFont("Helvetica-Bold", 9)
    left = x
    for w, text in zip(widths, headers, strict=True):
        c.drawCentredString(
            left + w / 2, top - header_height + (header_height - 6.5) / 2, text
        )
        left += w
    c.setFont("Helvetica", label_size)
    for i, label in enumerate(row_labels):
        y = top - header_height - (i + 1) * row_height
        c.drawString(x + 6, y + row_height / 2 - label_size * 0.35, label)
    c.setStrokeColor(RULE)
    c.setLineWidth(0.6)
    for i in range(len(row_labels) + 2):
        y = top if i == 0 else top - header_height - (i - 1) * row_height
        c.line(x, y, x + total, y)
    left = x
    for w in (0, *widths):
        left += w
        c.line(left, top, left, bottom)
    return bottom


def notes_box(
    c: Canvas,
    x: float,
    y: float,
    w: float,
    h: float,
    label: str,
    gap: float | None = 20,
) -> None:
    c.setStrokeColor(RULE)
    c.setLineWidth(0.6)
    c.roundRect(x, y, w, h, 6)
    c.setFillColor(ACCENT)
    c.setFont("Helvetica-Bold", 10)
    c.drawString(x + 10, y + h - 16, label)
    if not gap:
        return
    c.setStrokeColor(FAINT)
    line_y = y + h - 16 - gap
    while line_y > y + 10:
        c.line(x + 10, line_y, x + w - 10, line_y)
        line_y -= gap


def checkbox(c: Canvas, x: float, y: float, size: float = 9) -> None:
    c.setStrokeColor(MUTED)
    c.setLineWidth(0.6)
    c.rect(x, y, size, size, stroke=1, fill=0)


def tracker_grid_pdf(
    *,
    title: str,
    days: int = 30,
    rows: Sequence[str] | None = None,
    row_heading: str = "Habit",
    notes: Sequence[str] = HABIT_NOTES,
    instructions: Sequence[str] = (
        "Write a habit on each line, the tinier the better. "
        "Tick a box on the days it happens.",
        "It happened, so it counts. A blank day is just a blank day.",
    ),
    more_pages: Sequence[Page] = (),
) -> bytes:
    """A landscape month: a row per item, ``days`` numbered columns, notes
    below, then ``more_pages``."""
    row_labels = tuple(rows) if rows is not None else ("",) * 10

    def grid(c: Canvas, x: float, bottom: float, width: float, top: float) -> None:
        cell = min(22.0, (width - 150) / days)
        label_width = width - cell * days
        bottom_of_grid = table(
            c,
            x,
            top,
            (label_width, *([cell] * days)),
            (row_heading, *(str(d) for d in range(1, days + 1))),
            row_labels,
            row_height=22,
        )
        # A slightly stronger line after every seventh day helps the eye find its place.
        c.setStrokeColor(MUTED)
        c.setLineWidth(0.8)
        for week_end in range(7, days, 7):
            wx = x + label_width + week_end * cell
            c.line(wx, top, wx, bottom_of_grid)
        if notes:
            gap = 14
            box_w = (width - gap * (len(notes) - 1)) / len(notes)
            box_top = bottom_of_grid - 16
            for i, label in enumerate(notes):
                notes_box(
                    c, x + i * (box_w + gap), bottom, box_w, box_top - bottom, label
                )

    pages = [
        Page(f"{days}-day tracker", tuple(instructions), grid, field="Month", wide=True)
    ]
    pages.extend(more_pages)
    return render(title, pages)
