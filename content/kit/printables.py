"""The starter kit's three PDFs and their zip, drawn from kit.toml.

Drawn with the shop's printables module (shop/printables.py), as the
catalogue's printables are, so the kit looks like the printables it leads to.
"""

import tomllib
import zipfile
from dataclasses import dataclass
from hashlib import sha256
from io import BytesIO
from pathlib import Path

from reportlab.pdfgen.canvas import Canvas

from shop import printables as drawing
from shop.printables import (
    ACCENT,
    INK,
    MUTED,
    Page,
    notes_box,
    render,
    table,
    tracker_grid_pdf,
)

KIT_TEMPLATE = Path(__file__).with_name("kit.toml")


@dataclass(frozen=True)
class KitFile:
    name: str
    title: str
    content_type: str
    summary: str = ""


TRACKER = KitFile(
    "micro-habit-tracker.pdf",
    "Micro Habit Tracker",
    "application/pdf",
    "A month on one page. Tick the days it happened.",
)
PAIRS = KitFile(
    "cue-action-pairs.pdf",
    "Cue and action pairs",
    "application/pdf",
    "After I ___, I will ___: tie a tiny action to something you already do.",
)
CHEATSHEET = KitFile(
    "one-minute-starters.pdf",
    "One-Minute Starters",
    "application/pdf",
    "Sixteen actions small enough for a hard day.",
)
ZIP = KitFile("micro-habits-starter-kit.zip", "The whole kit (zip)", "application/zip")
FILES = {kit_file.name: kit_file for kit_file in (TRACKER, PAIRS, CHEATSHEET, ZIP)}


def template_bytes() -> bytes:
    return KIT_TEMPLATE.read_bytes()


def template_version() -> str:
    """Changes with the words or the drawing code: stale PDFs are never served."""
    digest = sha256(template_bytes())
    for module in (__file__, drawing.__file__):
        digest.update(Path(module).read_bytes())
    return digest.hexdigest()[:12]


def build_kit() -> dict[str, bytes]:
    """Every kit file by name, drawn from the template in the repository."""
    template = tomllib.loads(template_bytes().decode())
    pdfs = {
        TRACKER.name: _tracker(template["tracker"]),
        PAIRS.name: _pairs(template["pairs"]),
        CHEATSHEET.name: _cheatsheet(template["cheatsheet"]),
    }
    return {**pdfs, ZIP.name: _zip(pdfs)}


def _tracker(spec) -> bytes:
    return tracker_grid_pdf(
        title=spec["title"],
        days=spec["days"],
        rows=spec["rows"],
        notes=spec["notes"],
        instructions=spec["instructions"],
    )


def _pairs(spec) -> bytes:
    rows = [f"After I {cue}, I will {action}." for cue, action in spec["examples"]] + [
        "After I ____________________, I will ____________________."
    ] * spec["blank_rows"]

    def draw(c: Canvas, x: float, bottom: float, width: float, top: float) -> None:
        table_bottom = table(
            c,
            x,
            top,
            (width - 60, 60),
            ("My pair", "Tried it"),
            rows,
            row_height=34,
        )
        notes_box(
            c, x, bottom, width, table_bottom - 16 - bottom, "Which pair felt easiest?"
        )

    return render(
        spec["title"],
        [Page(spec["section"], tuple(spec["instructions"]), draw)],
    )


def _cheatsheet(spec) -> bytes:
    groups = spec["groups"]

    def draw(c: Canvas, x: float, bottom: float, width: float, top: float) -> None:
        gap = 14
        block_h = (top - bottom - gap * (len(groups) - 1)) / len(groups)
        for i, group in enumerate(groups):
            block_top = top - i * (block_h + gap)
            notes_box(c, x, block_top - block_h, width, block_h, group["name"], None)
            c.setFont("Helvetica", 10.5)
            for j, action in enumerate(group["actions"]):
                line_y = block_top - 36 - j * 17
                c.setFillColor(ACCENT)
                c.circle(x + 18, line_y + 3.5, 1.8, stroke=0, fill=1)
                c.setFillColor(INK)
                c.drawString(x + 28, line_y, action)
            c.setFillColor(MUTED)
            c.drawString(
                x + 28,
                block_top - block_h + 14,
                f"{spec['own']} ______________________",
            )

    return render(
        spec["title"],
        [Page(spec["section"], tuple(spec["instructions"]), draw)],
    )


def _zip(pdfs: dict[str, bytes]) -> bytes:
    buffer = BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in pdfs.items():
            # A fixed date keeps the zip byte-for-byte repeatable.
            info = zipfile.ZipInfo(name, date_time=(2026, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, data)
    return buffer.getvalue()
