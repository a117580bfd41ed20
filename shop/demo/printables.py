"""Printable PDFs for the demo catalogue, drawn with the shop's printables module.

Every builder returns the PDF as bytes, repeatable byte for byte for the same
input, so re-running the demo loader never produces "changed" files.
"""

from collections.abc import Callable

from reportlab.pdfgen.canvas import Canvas

from shop.printables import (
    ACCENT,
    FAINT,
    INK,
    RULE,
    TINT,
    Page,
    checkbox,
    notes_box,
    render,
    table,
    tracker_grid_pdf,
)

SELF_CARE_ROWS = (
    "A glass of water",
    "Rest without a screen",
    "A short walk",
    "Kind words to myself",
    "Fresh air",
    "Ate something nourishing",
    "Talked to someone I like",
    "In bed on time",
    "",
    "",
)
SHOPPING_SECTIONS = (
    "Fruit & veg",
    "Protein",
    "Dairy & eggs",
    "Bread & grains",
    "Pantry & tins",
    "Frozen",
    "Snacks",
    "Everything else",
)
PREP_IDEAS = (
    "Wash and dry fruit so it is ready to grab.",
    "Cook one pot of rice, pasta or grains for two meals.",
    "Chop one onion, or one of anything.",
    "Portion snacks into small boxes or bags.",
    "Make a double batch and freeze half.",
)
DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def _monthly_review_page() -> Page:
    prompts = (
        "What is working? (keep it)",
        "What felt heavy? (no blame, just notes)",
        "One tiny change for next month",
        "A small win I want to remember",
        "The next habit I might add, once these feel easy",
    )

    def review(c: Canvas, x: float, bottom: float, width: float, top: float) -> None:
        gap = 12
        box_h = (top - bottom - gap * (len(prompts) - 1)) / len(prompts)
        for i, prompt in enumerate(prompts):
            notes_box(
                c, x, top - (i + 1) * box_h - i * gap, width, box_h, prompt, gap=22
            )

    return Page(
        "Monthly look back",
        (
            "Look back with kind eyes. This is information, not a grade.",
            "Keep what works. Shrink what feels heavy.",
        ),
        review,
        field="Month",
    )


def weekly_meal_plan_pdf(
    *, title: str, with_shopping_list: bool, with_prep: bool
) -> bytes:
    """A week of meals on one page, optionally with shopping list and prep pages."""

    def plan(c: Canvas, x: float, bottom: float, width: float, top: float) -> None:
        fallback_h = 118
        day_w = 78
        row_h = (top - bottom - fallback_h - 16 - 20) / 7
        meal_w = (width - day_w) / 4
        table(
            c,
            x,
            top,
            (day_w, meal_w, meal_w, meal_w, meal_w),
            ("Day", "Breakfast", "Lunch", "Dinner", "Snack"),
            DAYS,
            row_height=row_h,
            label_size=9.5,
        )
        notes_box(c, x, bottom, width, fallback_h, "Easy fallback meals for tired days")

    pages = [
        Page(
            "Weekly meal plan",
            (
                "Fill in as much or as little as helps. "
                "Leftovers and toast are real meals.",
                "Plans can change midweek. Cross out, swap, carry on.",
            ),
            plan,
            field="Week of",
        )
    ]
    if with_shopping_list:
        pages.append(_shopping_page())
    if with_prep:
        pages.append(_prep_page())
    return render(title, pages)


def _shopping_page() -> Page:
    def shopping(c: Canvas, x: float, bottom: float, width: float, top: float) -> None:
        gap = 16
        col_w = (width - gap) / 2
        per_col = (len(SHOPPING_SECTIONS) + 1) // 2
        block_h = (top - bottom - gap * (per_col - 1)) / per_col
        for i, name in enumerate(SHOPPING_SECTIONS):
            bx = x + (i // per_col) * (col_w + gap)
            by = top - (i % per_col + 1) * block_h - (i % per_col) * gap
            c.setFillColor(TINT)
            c.rect(bx, by + block_h - 20, col_w, 20, stroke=0, fill=1)
            c.setFillColor(INK)
            c.setFont("Helvetica-Bold", 10)
            c.drawString(bx + 8, by + block_h - 14, name)
            line_y = by + block_h - 42
            while line_y >= by + 4:
                checkbox(c, bx + 8, line_y)
                c.setStrokeColor(FAINT)
                c.line(bx + 24, line_y, bx + col_w - 8, line_y)
                line_y -= 21

    return Page(
        "Shopping list",
        (
            "Check the fridge and cupboards first, then write what the plan needs.",
            "Tick things off as they go in the basket. Forgetting one thing is fine.",
        ),
        shopping,
        field="Week of",
    )


def _prep_page() -> Page:
    def prep(c: Canvas, x: float, bottom: float, width: float, top: float) -> None:
        ideas_h = 128
        done_w, when_w, minutes_w = 48, 104, 70
        rows = int((top - bottom - ideas_h - 16 - 20) // 26)
        table(
            c,
            x,
            top,
            (when_w, width - when_w - minutes_w - done_w, minutes_w, done_w),
            ("When", "What to prep", "Minutes", "Done"),
            ("",) * rows,
            row_height=26,
        )
        for i in range(rows):
            checkbox(c, x + width - done_w / 2 - 5, top - 20 - (i + 1) * 26 + 8.5)
        box_y = bottom
        notes_box(
            c,
            x,
            box_y,
            width,
            ideas_h,
            "Small prep ideas (any one of these counts)",
            gap=None,
        )
        c.setFont("Helvetica", 10)
        for i, idea in enumerate(PREP_IDEAS):
            line_y = box_y + ideas_h - 38 - i * 17
            c.setFillColor(ACCENT)
            c.circle(x + 18, line_y + 3.5, 1.8, stroke=0, fill=1)
            c.setFillColor(INK)
            c.drawString(x + 28, line_y, idea)

    return Page(
        "Prep plan",
        (
            "Pick one or two prep jobs. Washing the lettuce counts.",
            "Ten minutes on the weekend can make a tired Wednesday easier.",
        ),
        prep,
        field="Week of",
    )


def workout_calorie_pdf(*, title: str) -> bytes:
    """Two pages: a weekly workout plan and a daily calorie log."""

    def workouts(c: Canvas, x: float, bottom: float, width: float, top: float) -> None:
        goal_h = 100
        day_w, minutes_w, felt_w, done_w = 78, 64, 128, 44
        row_h = (top - bottom - goal_h - 16 - 20) / 7
        table(
            c,
            x,
            top,
            (
                day_w,
                width - day_w - minutes_w - felt_w - done_w,
                minutes_w,
                felt_w,
                done_w,
            ),
            (
                "Day",
                "Movement (walk, stretch, rest...)",
                "Minutes",
                "How it felt",
                "Done",
            ),
            DAYS,
            row_height=row_h,
            label_size=9.5,
        )
        for i in range(7):
            checkbox(
                c,
                x + width - done_w / 2 - 4.5,
                top - 20 - (i + 1) * row_h + row_h / 2 - 4.5,
            )
        notes_box(c, x, bottom, width, goal_h, "This week's gentle goal")

    def calories(c: Canvas, x: float, bottom: float, width: float, top: float) -> None:
        amount_w, cal_w = 100, 80
        widths = (width - amount_w - cal_w, amount_w, cal_w)
        y = top
        for meal in ("Breakfast", "Lunch", "Dinner", "Snacks"):
            y = (
                table(
                    c,
                    x,
                    y,
                    widths,
                    (meal, "Amount", "Calories"),
                    ("",) * 4,
                    row_height=20,
                )
                - 12
            )
        totals_h = y - bottom
        c.setStrokeColor(RULE)
        c.setLineWidth(0.6)
        c.roundRect(x, bottom, width, totals_h, 6)
        c.setFillColor(INK)
        c.setFont("Helvetica-Bold", 10)
        line1 = bottom + totals_h - 26
        c.drawString(x + 12, line1, "Daily total  ____________")
        c.drawString(x + width / 2, line1, "Movement minutes  ____________")
        c.drawString(x + 12, line1 - 30, "Water")
        for i in range(8):
            c.circle(x + 64 + i * 22, line1 - 26.5, 7, stroke=1, fill=0)
        c.drawString(
            x + width / 2, line1 - 30, "Energy today   low   ·   okay   ·   good"
        )
        c.drawString(x + 12, line1 - 60, "One kind note to myself")
        c.setStrokeColor(FAINT)
        c.line(x + 160, line1 - 62, x + width - 12, line1 - 62)
        note_y = line1 - 84
        while note_y > bottom + 10:
            c.line(x + 12, note_y, x + width - 12, note_y)
            note_y -= 22

    return render(
        title,
        [
            Page(
                "Weekly workout plan",
                (
                    "Plan movement that fits your energy this week. "
                    "A ten-minute walk is a workout.",
                    "Rest days belong in the plan too. "
                    "Swapping a day is not failing it.",
                ),
                workouts,
                field="Week of",
            ),
            Page(
                "Daily calorie log",
                (
                    "Write it down without judging. "
                    "Numbers are information, not a grade.",
                    "Rough guesses are fine. So is a day you don't log.",
                ),
                calories,
                field="Date",
            ),
        ],
    )


PRINTABLES: dict[str, Callable[..., bytes]] = {
    "habit-tracker": lambda *, title: tracker_grid_pdf(
        title=title, more_pages=[_monthly_review_page()]
    ),
    "self-care-tracker": lambda *, title: tracker_grid_pdf(
        title=title,
        rows=SELF_CARE_ROWS,
        row_heading="Check-in",
        notes=("Something kind I did for myself", "What helped this month"),
        instructions=(
            "Tick any check-in that happened today, even a small version of it. "
            "Add your own on the blank lines.",
            "Rest counts. A glass of water counts. Missed days need no making up.",
        ),
    ),
    "meal-toolkit": lambda *, title: weekly_meal_plan_pdf(
        title=title, with_shopping_list=True, with_prep=True
    ),
    "simple-meal-planner": lambda *, title: weekly_meal_plan_pdf(
        title=title, with_shopping_list=False, with_prep=False
    ),
    "workout-planner": lambda *, title: workout_calorie_pdf(title=title),
}

KINDS: tuple[str, ...] = tuple(PRINTABLES)

# The catalogue product each kind was made for; handy defaults for loaders and tests.
DEFAULT_TITLES: dict[str, str] = {
    "habit-tracker": "Ultimate Habit Tracker",
    "self-care-tracker": "Self-Care Tracker",
    "meal-toolkit": "Complete Meal Planning Toolkit",
    "simple-meal-planner": "Simple Meal Planner",
    "workout-planner": "Workout Planner & Calorie Tracker",
}


def build_printable(kind: str, *, title: str) -> bytes:
    """The PDF for ``kind`` (one of ``KINDS``), ``title`` heading every page."""
    try:
        builder = PRINTABLES[kind]
    except KeyError:
        raise ValueError(
            f"Unknown printable kind {kind!r}; choose one of {', '.join(KINDS)}"
        ) from None
    return builder(title=title)
