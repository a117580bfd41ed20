"""The report's chart, drawn on the server as SVG: revenue per period as bars
and confirmed sign-ups as a line, each on its own scale. The template
(templates/attribution/_chart.html) writes the shapes computed here; the
same figures are in the table beside it.
"""

from dataclasses import dataclass
from decimal import Decimal

WIDTH, HEIGHT = 720, 260
LEFT, RIGHT, TOP, BOTTOM = 64, 48, 16, 40
TICKS = 4


@dataclass(frozen=True)
class Bar:
    x: float
    y: float
    width: float
    height: float
    label: str


@dataclass(frozen=True)
class Tick:
    y: float
    money: Decimal
    count: int


@dataclass(frozen=True)
class Label:
    x: float
    text: str


@dataclass(frozen=True)
class Chart:
    width: int
    height: int
    left: int
    right: int
    top: int
    bottom: int
    bars: list[Bar]
    line: str
    points: list[tuple[float, float]]
    ticks: list[Tick]
    labels: list[Label]


def _nice_ceiling(value: float) -> float:
    """The smallest of 1, 2, 2.5 or 5 times a power of ten at or above value."""
    if value <= 0:
        return 1
    magnitude = 10 ** (len(str(int(value))) - 1)
    for step in (1, 2, 2.5, 5, 10):
        if value <= step * magnitude:
            return step * magnitude
    return 10 * magnitude


def draw(periods, *, label_format) -> Chart:
    """Shapes for these periods (each with .starts, .revenue, .signups)."""
    plot_width = WIDTH - LEFT - RIGHT
    plot_height = HEIGHT - TOP - BOTTOM
    count = max(len(periods), 1)
    slot = plot_width / count
    top_money = _nice_ceiling(float(max((p.revenue for p in periods), default=0)))
    most_signups = max((p.signups for p in periods), default=0)
    top_count = max(TICKS, -(-most_signups // TICKS) * TICKS)
    base = TOP + plot_height
    bars, points = [], []
    for index, period in enumerate(periods):
        x = LEFT + index * slot
        height = plot_height * float(period.revenue) / top_money
        bars.append(
            Bar(
                x=round(x + slot * 0.15, 1),
                y=round(base - height, 1),
                width=round(max(slot * 0.7, 1), 1),
                height=round(height, 1),
                label=label_format(period.starts),
            )
        )
        points.append(
            (
                round(x + slot / 2, 1),
                round(base - plot_height * period.signups / top_count, 1),
            )
        )
    ticks = [
        Tick(
            y=round(base - plot_height * step / TICKS, 1),
            money=Decimal(top_money * step / TICKS).quantize(Decimal("0.01")),
            count=round(top_count * step / TICKS),
        )
        for step in range(TICKS + 1)
    ]
    every = max(1, round(count / 6))
    labels = [
        Label(x=round(LEFT + index * slot + slot / 2, 1), text=bars[index].label)
        for index in range(0, len(bars), every)
    ]
    return Chart(
        width=WIDTH,
        height=HEIGHT,
        left=LEFT,
        right=WIDTH - RIGHT,
        top=TOP,
        bottom=base,
        bars=bars,
        line=" ".join(f"{x},{y}" for x, y in points),
        points=points,
        ticks=ticks,
        labels=labels,
    )
