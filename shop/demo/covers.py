"""Product cover artwork for the demo catalogue, drawn locally with Pillow."""

import hashlib
from io import BytesIO
from typing import NamedTuple

from PIL import Image, ImageDraw, ImageFont

SIZE = 1200
RGB = tuple[int, int, int]


class Palette(NamedTuple):
    bg: RGB
    deep: RGB  # a deeper tone of bg, for the soft shapes behind the paper
    accent: RGB
    ink: RGB


PALETTES: dict[str, Palette] = {
    "sage": Palette((221, 230, 214), (200, 213, 192), (111, 141, 108), (47, 61, 48)),
    "peach": Palette((250, 223, 205), (240, 201, 178), (205, 121, 89), (82, 50, 38)),
    "sky": Palette((214, 229, 240), (190, 211, 228), (86, 128, 165), (36, 55, 74)),
    "sand": Palette((239, 228, 208), (224, 208, 180), (168, 132, 82), (72, 58, 40)),
    "lavender": Palette(
        (228, 222, 240), (209, 200, 229), (124, 106, 168), (53, 45, 78)
    ),
}
PAPER: RGB = (255, 253, 248)
PAPER_BOX = (210, 140, 990, 1070)
PAD = 70


def _font(size: int):
    # Pillow's bundled scalable font keeps covers identical from machine to machine.
    try:
        font = ImageFont.load_default(size=size)
        if isinstance(font, ImageFont.FreeTypeFont):
            return font
    except (TypeError, OSError):
        pass
    for name in ("DejaVuSans.ttf", "Arial.ttf", "Helvetica.ttc"):
        try:
            return ImageFont.truetype(name, size)
        except OSError:
            continue
    return ImageFont.load_default()


def _mix(a: RGB, b: RGB, t: float) -> RGB:
    return tuple(round(x + (y - x) * t) for x, y in zip(a, b, strict=True))


def _wrap(draw: ImageDraw.ImageDraw, text: str, font, max_width: int) -> list[str]:
    lines: list[str] = []
    for word in text.split():
        if lines and draw.textlength(f"{lines[-1]} {word}", font=font) <= max_width:
            lines[-1] = f"{lines[-1]} {word}"
        else:
            lines.append(word)
    return lines


def _fit(draw, text: str, max_width: int, start: int, smallest: int, max_lines: int):
    """The largest size at which ``text`` wraps into ``max_lines`` lines that fit."""
    size = start
    while True:
        font = _font(size)
        lines = _wrap(draw, text, font, max_width)
        widths = (draw.textlength(line, font=font) for line in lines)
        if size <= smallest or (
            len(lines) <= max_lines and max(widths, default=0) <= max_width
        ):
            return font, lines, size
        size -= 4


def _centred(draw, lines, font, size: int, top: int, fill: RGB, leading: float) -> int:
    step = round(size * leading)
    for i, line in enumerate(lines):
        draw.text((SIZE // 2, top + i * step), line, font=font, fill=fill, anchor="mt")
    return top + len(lines) * step


def draw_cover(*, title: str, subtitle: str, palette: str) -> bytes:
    """A 1200x1200 RGB PNG: a sheet of planner paper on a soft background."""
    if palette not in PALETTES:
        choices = ", ".join(PALETTES)
        raise ValueError(f"Unknown palette {palette!r}; choose one of {choices}")
    colours = PALETTES[palette]
    image = Image.new("RGB", (SIZE, SIZE), colours.bg)
    draw = ImageDraw.Draw(image)

    # Two soft circles keep the background from feeling flat without adding noise.
    draw.ellipse((760, -260, 1460, 440), fill=colours.deep)
    draw.ellipse((-220, 880, 280, 1380), fill=colours.deep)

    left, top, right, bottom = PAPER_BOX
    shadow = _mix(colours.deep, colours.ink, 0.12)
    draw.rounded_rectangle((left + 14, top + 18, right + 14, bottom + 18), 22, shadow)
    draw.rounded_rectangle(PAPER_BOX, 22, fill=PAPER)
    draw.rounded_rectangle((left, top, right, top + 26), 22, fill=colours.accent)
    draw.rectangle((left, top + 13, right, top + 26), fill=colours.accent)
    draw.text(
        (SIZE // 2, top + 70), "GOTOBETTER PRINTABLE", colours.accent, _font(30), "mt"
    )

    text_width = right - left - 2 * PAD
    font, lines, size = _fit(draw, title, text_width, 96, 44, 3)
    y = _centred(draw, lines, font, size, top + 140, colours.ink, 1.15)
    font, lines, size = _fit(draw, subtitle, text_width, 40, 26, 3)
    y = _centred(draw, lines, font, size, y + 30, _mix(colours.ink, PAPER, 0.35), 1.3)

    # A faint tracker grid with some dots filled in: small wins, not a perfect row.
    cell = 52
    cols = text_width // cell
    room = bottom - 70 - (y + 50)
    rows = max(0, room // cell)
    grid_top = y + 50 + (room - rows * cell) // 2
    gx = left + (right - left - cols * cell) // 2
    dot = _mix(PAPER, colours.accent, 0.75)
    seed = hashlib.sha256(f"{title}|{palette}".encode()).digest()
    for r in range(rows):
        for c in range(cols):
            if seed[(r * cols + c) % len(seed)] % 3 == 0:
                cx, cy = gx + c * cell + cell // 2, grid_top + r * cell + cell // 2
                draw.ellipse((cx - 11, cy - 11, cx + 11, cy + 11), fill=dot)
    line = _mix(PAPER, colours.accent, 0.28)
    for r in range(rows + 1):
        ly = grid_top + r * cell
        draw.line((gx, ly, gx + cols * cell, ly), fill=line, width=2)
    for c in range(cols + 1):
        lx = gx + c * cell
        draw.line((lx, grid_top, lx, grid_top + rows * cell), fill=line, width=2)

    footer = "GoToBetter  ·  small steps count"
    draw.text((SIZE // 2, bottom + 62), footer, colours.ink, _font(30), "mt")

    out = BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


HERO_SIZE = (1600, 800)


def draw_hero(*, seed: str, palette: str) -> bytes:
    """A 1600x800 RGB PNG for an article's header: soft hills under a low sun
    and a path of small steps, with no words, so it reads as a picture
    rather than as a product's cover."""
    colours = PALETTES[palette]
    width, height = HERO_SIZE
    image = Image.new("RGB", HERO_SIZE, _mix(colours.bg, PAPER, 0.35))
    draw = ImageDraw.Draw(image)
    digest = hashlib.sha256(f"{seed}|{palette}".encode()).digest()

    sun_x = 300 + digest[0] * 4
    draw.ellipse(
        (sun_x - 150, 140, sun_x + 150, 440), fill=_mix(PAPER, colours.accent, 0.3)
    )
    for index, tone in enumerate((0.0, 0.45, 0.8)):
        crest = 430 + index * 110 + digest[index + 1] % 40
        fill = _mix(colours.bg, colours.deep, tone) if index < 2 else colours.deep
        draw.ellipse(
            (-400 + index * 500, crest, 1000 + index * 500, crest + 900), fill=fill
        )
        draw.ellipse(
            (500 - index * 300, crest + 40, 2100 - index * 300, crest + 1000), fill=fill
        )

    # Stepping stones that grow towards the viewer: small steps, kept.
    stone = _mix(PAPER, colours.accent, 0.55)
    for step in range(7):
        t = step / 6
        cx = round(width * (0.52 + 0.18 * t) + (digest[step + 4] % 30) - 15)
        cy = round(height * (0.56 + 0.38 * t))
        rx, ry = round(16 + 52 * t), round(6 + 18 * t)
        draw.ellipse((cx - rx, cy - ry, cx + rx, cy + ry), fill=stone)

    out = BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()
