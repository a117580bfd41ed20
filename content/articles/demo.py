"""Demo articles: the Micro Habits Series with its pillar guide, loaded idempotently.

An article that already exists (same slug) is left as staff left it; loading
again only adds what is missing. Between them the articles use every block.
"""

from dataclasses import dataclass
from datetime import timedelta

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from oscar.core.loading import get_model

from content.articles.models import Article, FAQItem, RelatedProduct, Series, Topic
from shop.demo.covers import draw_hero

Product = get_model("catalogue", "Product")

SERIES_NAME = "Micro Habits Series"
SERIES_SLUG = "micro-habits"
SERIES_DESCRIPTION = (
    "Tiny actions that rebuild trust in yourself, one small win at a time. "
    "Start with the guide, then read the rest in any order."
)
PILLAR_SLUG = "ultimate-guide-to-micro-habits"

TOPICS = {
    "micro-habits": ("Micro habits", "Tiny actions, kept gently."),
    "burnout": ("Recovering from burnout", "Small steps for low-energy days."),
    "food": ("Food and meal planning", "Eating well without a big plan."),
}


@dataclass(frozen=True)
class DemoArticle:
    slug: str
    title: str
    summary: str
    body: str
    topics: tuple
    palette: str
    faqs: tuple
    related: tuple
    days_ago: int


ARTICLES = [
    DemoArticle(
        slug=PILLAR_SLUG,
        title="The Ultimate Guide to Micro Habits",
        summary=(
            "Micro habits are actions so small they fit into your worst day. "
            "This guide shows how to pick one, pin it to something you already "
            "do, and count it every time it happens."
        ),
        palette="sage",
        topics=("micro-habits", "burnout"),
        days_ago=30,
        related=("Ultimate Habit Tracker", "Self-Care Tracker"),
        faqs=(
            (
                "How small is a micro habit?",
                "Small enough that you could do it on a day when everything went "
                "wrong. One push-up. One glass of water. One line in a notebook.",
            ),
            (
                "What if I miss a day?",
                "Then you missed a day. Start again with the next cue. A missed "
                "day is information, not a verdict.",
            ),
            (
                "How many micro habits should I start with?",
                "One. When it feels automatic, and not before, add a second.",
            ),
        ),
        body="""\
## Why tiny works

Big plans ask you to be a different person by Monday. Micro habits ask for one minute from the person you are today.

*It happened, so it counts.*

When you keep a very small promise, you collect proof that you can keep promises. That proof is what burnout takes away, and it is what micro habits give back.

## The three parts of a micro habit

- 🪴 **A tiny action.** So small it feels almost silly.
- 🔗 **A cue.** Something you already do every day: making coffee, brushing your teeth, closing the laptop.
- ✅ **A tick.** A mark on paper that says *it happened*.

[[kit]]

## Pick your first one

Choose the habit you would most like to feel true about yourself, then shrink it until it takes under two minutes.

[[mini-tool: The 2-minute shrink]]
1. Write the habit you want, as big as you like.
2. Halve it. Then halve it again.
3. Stop when it takes less than two minutes and you could do it while tired.
[[/mini-tool]]

## Pin it to a cue

A habit without a cue relies on remembering, and tired brains do not remember. Write it down as *"After I ___, I will ___."*

[[quote: a reader, three weeks in]]
I stopped waiting to feel ready. After I fill the kettle, I stretch. That's it, and it's been 19 days.
[[/quote]]

## Count it, gently

A tracker is not a report card. It is a place to notice what did happen.

[[product: Self-Care Tracker]]

## When one habit feels easy

That is the moment, not before, to add a second. Keep the first one exactly as small as it is.

[[cross-sell: Ultimate Habit Tracker | Ready to track more than one habit?]]

[[kit]]
""",
    ),
    DemoArticle(
        slug="after-i-i-will-cue-action-pairing",
        title="After I ___, I Will ___: Pairing a Habit With a Cue",
        summary=(
            "The simplest sentence in habit-building. Here is how to fill in "
            "both blanks so the new habit rides along with something you "
            "already do."
        ),
        palette="sky",
        topics=("micro-habits",),
        days_ago=21,
        related=("Ultimate Habit Tracker",),
        faqs=(
            (
                "What makes a good cue?",
                "Something that happens every day, at about the same time, "
                "without you having to think about it.",
            ),
            (
                "Can one cue hold two habits?",
                "It can, later. Start with one pair and let it settle first.",
            ),
        ),
        body="""\
## The sentence

*After I ___, I will ___.*

The first blank is something you already do. The second is your tiny new action.

## Good first blanks

- ☕ After I pour my first coffee
- 🪥 After I brush my teeth at night
- 💻 After I close my laptop for the day
- 🚪 After I hang up my keys

## Good second blanks

Keep it under two minutes. *Smaller than you think is fine.*

[[mini-tool: Find your cue in 3 minutes]]
1. List five things you do every single day without trying.
2. Circle the one that happens when you have a spare minute.
3. Write: after I (that thing), I will (your tiny action).
[[/mini-tool]]

[[kit]]

## When the pair does not stick

Change the cue, not yourself. A cue that happens at a rushed moment will lose every time.

[[product: Ultimate Habit Tracker]]
""",
    ),
    DemoArticle(
        slug="missed-a-day-what-counts",
        title="Missed a Day? Here Is What Still Counts",
        summary=(
            "A blank box on your tracker is not a failure. It is a day. Here "
            "is how to come back after a miss without starting over."
        ),
        palette="lavender",
        topics=("micro-habits", "burnout"),
        days_ago=14,
        related=("Self-Care Tracker", "Ultimate Habit Tracker"),
        faqs=(
            (
                "Should I restart my streak?",
                "No need. Count the days it happened, not the days in a row.",
            ),
            (
                "What if I miss a whole week?",
                "Make the habit even smaller and start with the next cue. "
                "You have not lost what you learned.",
            ),
        ),
        body="""\
## A blank box is just a day

Streaks feel good until they break, and then they feel terrible. We count a different way here: *every day it happened is a day that counts.*

- 🌱 Seven ticks in a month is seven more than zero.
- 🧭 A miss tells you something about the cue, not about you.
- 🛏️ Some days the habit is rest. That is allowed.

[[quote]]
You do not have to earn a fresh start. The next cue is the fresh start.
[[/quote]]

## The gentle restart

[[mini-tool: A 3-minute evening check-in]]
1. What happened today, even a little? Write it down.
2. What got in the way? One line, no blame.
3. What is the smallest version of tomorrow's habit?
[[/mini-tool]]

[[product: Self-Care Tracker]]

[[kit]]
""",
    ),
    DemoArticle(
        slug="one-small-plate-food-micro-habits",
        title="One Small Plate: Micro Habits for Tired Evenings",
        summary=(
            "When cooking feels like one decision too many, a few tiny food "
            "habits can carry you through the week. No meal-prep Sunday needed."
        ),
        palette="peach",
        topics=("food", "burnout"),
        days_ago=7,
        related=("Simple Meal Planner", "Complete Meal Planning Toolkit"),
        faqs=(
            (
                "Do I need to plan every meal?",
                "No. Plan three dinners if three is what you have in you. "
                "It still counts.",
            ),
            (
                "What if I order takeaway anyway?",
                "Then you ate. Write it down and carry on.",
            ),
        ),
        body="""\
## Decide once, eat all week

The hardest part of dinner is deciding. So decide on one calm afternoon and write it down.

- 🍲 Pick three dinners you could make while tired.
- 🛒 Write the shopping list straight from those three.
- 🥕 Put one vegetable you like on every list.

[[product: Simple Meal Planner]]

## The one-small-plate habit

*After I take my shoes off, I will put one thing on a plate.* Sometimes that thing becomes dinner. Sometimes it is just a snack. Both count.

[[mini-tool: The 10-minute Sunday plan]]
1. Write three dinners you can make without a recipe.
2. Turn them into one shopping list.
3. Stick the list on the fridge.
[[/mini-tool]]

[[cross-sell: Complete Meal Planning Toolkit | Want shopping lists and a prep plan too?]]

[[kit]]
""",
    ),
    DemoArticle(
        slug="move-a-little-ten-minute-walk",
        title="Move a Little: Why a Ten-Minute Walk Is a Workout",
        summary=(
            "If the gym feels far away, start at the front door. A tiny "
            "movement habit, counted honestly, builds more than you would think."
        ),
        palette="sand",
        topics=("micro-habits",),
        days_ago=2,
        related=("Workout Planner & Calorie Tracker",),
        faqs=(
            (
                "Is ten minutes really enough?",
                "It is enough to count, and counting is how the habit grows.",
            ),
            (
                "What if it rains?",
                "March in place through one song. It happened, so it counts.",
            ),
        ),
        body="""\
## Start at the door

The smallest workout is putting your shoes on. The next smallest is walking to the corner.

- 👟 Shoes by the door, the night before.
- 🎧 One song, one walk.
- 📝 One tick when you get back.

[[quote: a reader]]
I used to skip the gym and feel awful. Now I walk to the corner and feel fine. Some days I keep going.
[[/quote]]

[[mini-tool: The one-song walk]]
1. After you finish lunch, put on one song.
2. Walk until it ends.
3. Tick the box.
[[/mini-tool]]

[[product: Workout Planner & Calorie Tracker]]

[[kit]]
""",
    ),
]


@transaction.atomic
def load_articles(*, author=None) -> list[str]:
    """Create the demo series, topics and articles; return the titles created."""
    topics = {}
    for slug, (name, description) in TOPICS.items():
        topics[slug], _ = Topic.objects.get_or_create(
            slug=slug, defaults={"name": name, "description": description}
        )
    series, _ = Series.objects.get_or_create(
        slug=SERIES_SLUG,
        defaults={"name": SERIES_NAME, "description": SERIES_DESCRIPTION},
    )
    created = []
    now = timezone.now()
    for position, item in enumerate(ARTICLES):
        if Article.objects.filter(slug=item.slug).exists():
            continue
        article = Article(
            slug=item.slug,
            title=item.title,
            summary=item.summary,
            body=item.body,
            author=author,
            series=series,
            series_position=position,
            status=Article.Status.PUBLISHED,
            publish_at=now - timedelta(days=item.days_ago),
            hero_image_alt="Soft hills under a low sun, with stepping stones",
        )
        hero = draw_hero(seed=item.slug, palette=item.palette)
        article.hero_image.save(f"{item.slug}.png", ContentFile(hero), save=False)
        article.full_clean()
        article.save()
        article.topics.set(topics[slug] for slug in item.topics)
        for index, (question, answer) in enumerate(item.faqs):
            FAQItem.objects.create(
                article=article, question=question, answer=answer, position=index
            )
        for index, title in enumerate(item.related):
            product = Product.objects.filter(title=title).first()
            if product:
                RelatedProduct.objects.create(
                    article=article, product=product, position=index
                )
        created.append(item.title)
    if series.pillar_guide_id is None:
        series.pillar_guide = Article.objects.filter(slug=PILLAR_SLUG).first()
        series.save(update_fields=["pillar_guide"])
    return created
