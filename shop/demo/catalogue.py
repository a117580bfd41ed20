"""The GoToBetter demo catalogue: the brief's five printables, loaded idempotently.

Names and prices are facts from the brand brief. A product that already exists
is left exactly as staff left it (price, text, images, files): loading again
only adds what is missing.
"""

import secrets
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.sites.models import Site
from django.core.files.base import ContentFile
from django.db import transaction
from oscar.apps.catalogue.categories import create_from_breadcrumbs
from oscar.core.loading import get_model

from shop.demo.covers import draw_cover
from shop.demo.printables import build_printable
from shop.downloads.models import ProductFile

Product = get_model("catalogue", "Product")
ProductClass = get_model("catalogue", "ProductClass")
ProductCategory = get_model("catalogue", "ProductCategory")
ProductImage = get_model("catalogue", "ProductImage")
Partner = get_model("partner", "Partner")
StockRecord = get_model("partner", "StockRecord")

PRODUCT_CLASS_NAME = "Printable"
PARTNER_NAME = "GoToBetter"
STAFF_USERNAME = "staff"
STAFF_EMAIL = "staff@gotobetter.localhost"


@dataclass(frozen=True)
class DemoProduct:
    upc: str
    title: str
    price: Decimal
    category: str
    palette: str
    subtitle: str
    kind: str
    file_title: str
    description: str


CATEGORY_DESCRIPTIONS = {
    "Habit trackers": "<p>Trackers that notice what you did, not what you missed.</p>",
    "Meal planning": (
        "<p>Plan the week's food in a few quiet minutes. "
        "Less deciding, more eating.</p>"
    ),
    "Fitness": "<p>Move a little, write it down, see it add up.</p>",
    "Self-care": "<p>Small check-ins for the days that ask a lot of you.</p>",
}

CATALOGUE = [
    DemoProduct(
        upc="GTB-WORKOUT",
        title="Workout Planner & Calorie Tracker",
        price=Decimal("9.99"),
        category="Fitness",
        palette="sky",
        subtitle="Plan the week. Log the day.",
        kind="workout-planner",
        file_title="Workout Planner & Calorie Tracker (PDF)",
        description=(
            "<p>A weekly page to plan when you will move, and a daily page to "
            "log what you ate. Nothing more.</p>"
            "<p>Write in a ten-minute walk and call it a workout, because it is "
            "one. Skip a day? Leave the box blank and carry on tomorrow.</p>"
            "<p>Printable PDF, US Letter. Print as many weeks as you like.</p>"
        ),
    ),
    DemoProduct(
        upc="GTB-MEAL-TOOLKIT",
        title="Complete Meal Planning Toolkit",
        price=Decimal("9.90"),
        category="Meal planning",
        palette="peach",
        subtitle="Plans, shopping lists and prep",
        kind="meal-toolkit",
        file_title="Complete Meal Planning Toolkit (PDF)",
        description=(
            "<p>Everything for a calmer food week: a weekly meal plan, a "
            "shopping list sorted by aisle, and a short prep plan for the "
            "day you have an hour.</p>"
            "<p>Plan three dinners, not seven, if three is what you have in "
            "you. It still counts.</p>"
            "<p>Printable PDF, US Letter, three pages.</p>"
        ),
    ),
    DemoProduct(
        upc="GTB-SIMPLE-MEAL",
        title="Simple Meal Planner",
        price=Decimal("9.90"),
        category="Meal planning",
        palette="sand",
        subtitle="One light page for the week",
        kind="simple-meal-planner",
        file_title="Simple Meal Planner (PDF)",
        description=(
            "<p>One page. Seven days. Breakfast, lunch, dinner and a snack.</p>"
            "<p>For weeks when a full system is too much and a little "
            "structure is just right. Fill in what you know and leave the "
            "rest open.</p>"
            "<p>Printable PDF, US Letter, one page.</p>"
        ),
    ),
    DemoProduct(
        upc="GTB-SELF-CARE",
        title="Self-Care Tracker",
        price=Decimal("9.90"),
        category="Self-care",
        palette="lavender",
        subtitle="Small daily check-ins",
        kind="self-care-tracker",
        file_title="Self-Care Tracker (PDF)",
        description=(
            "<p>A month of tiny check-ins: a glass of water, a pause, a few "
            "steps outside, a kind word to yourself.</p>"
            "<p>Tick what happened. It happened, so it counts. A blank day is "
            "just a blank day.</p>"
            "<p>Printable PDF, US Letter, 30 days on one page.</p>"
        ),
    ),
    DemoProduct(
        upc="GTB-HABIT-ULTIMATE",
        title="Ultimate Habit Tracker",
        price=Decimal("12.90"),
        category="Habit trackers",
        palette="sage",
        subtitle="Several habits, one honest page",
        kind="habit-tracker",
        file_title="Ultimate Habit Tracker (PDF)",
        description=(
            "<p>The next step after one small habit: track several at once "
            "and see which ones are quietly working.</p>"
            "<p>Thirty days across, a row for each habit, and a box at the "
            "end of the month for what you noticed.</p>"
            "<p>Printable PDF, US Letter.</p>"
        ),
    ),
]


@dataclass
class LoadReport:
    created: list[str]
    kept: list[str]
    staff_password: str | None


def ensure_site() -> Site:
    site, _ = Site.objects.update_or_create(
        pk=settings.SITE_ID,
        defaults={"domain": "127.0.0.1:8000", "name": "GoToBetter"},
    )
    return site


def ensure_product_class() -> ProductClass:
    product_class, _ = ProductClass.objects.get_or_create(
        name=PRODUCT_CLASS_NAME,
        defaults={"requires_shipping": False, "track_stock": False},
    )
    return product_class


def ensure_categories() -> dict:
    categories = {}
    for name, description in CATEGORY_DESCRIPTIONS.items():
        category = create_from_breadcrumbs(name)
        if not category.description:
            category.description = description
            category.save(update_fields=["description"])
        categories[name] = category
    return categories


def ensure_product(item: DemoProduct, *, product_class, partner, category) -> bool:
    """Create the product with its price, cover and file; True if it was new."""
    product, created = Product.objects.get_or_create(
        upc=item.upc,
        defaults={
            "title": item.title,
            "description": item.description,
            "product_class": product_class,
            "structure": Product.STANDALONE,
            "is_public": True,
        },
    )
    ProductCategory.objects.get_or_create(product=product, category=category)
    StockRecord.objects.get_or_create(
        product=product,
        partner=partner,
        defaults={
            "partner_sku": item.upc,
            "price": item.price,
            "price_currency": settings.OSCAR_DEFAULT_CURRENCY,
        },
    )
    if not product.images.exists():
        cover = draw_cover(
            title=item.title, subtitle=item.subtitle, palette=item.palette
        )
        image = ProductImage(product=product, caption=f"Cover of {item.title}")
        image.original.save(f"{product.slug}-cover.png", ContentFile(cover), save=False)
        image.save()
    if not product.files.exists():
        pdf = build_printable(item.kind, title=item.title)
        product_file = ProductFile(
            product=product, title=item.file_title, content_type="application/pdf"
        )
        product_file.file.save(f"{product.slug}.pdf", ContentFile(pdf), save=False)
        product_file.full_clean()
        product_file.save()
    return created


def ensure_staff_account() -> str | None:
    """Create the demo staff account; its password is returned once, never stored."""
    User = get_user_model()
    if User.objects.filter(username=STAFF_USERNAME).exists():
        return None
    password = secrets.token_urlsafe(12)
    User.objects.create_superuser(
        username=STAFF_USERNAME, email=STAFF_EMAIL, password=password
    )
    return password


@transaction.atomic
def load_catalogue() -> LoadReport:
    ensure_site()
    product_class = ensure_product_class()
    partner, _ = Partner.objects.get_or_create(name=PARTNER_NAME)
    categories = ensure_categories()
    report = LoadReport(created=[], kept=[], staff_password=None)
    for item in CATALOGUE:
        created = ensure_product(
            item,
            product_class=product_class,
            partner=partner,
            category=categories[item.category],
        )
        (report.created if created else report.kept).append(item.title)
    report.staff_password = ensure_staff_account()
    return report
