from decimal import Decimal
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from oscar.core.loading import get_model
from pypdf import PdfReader

from shop.downloads.models import ProductFile

Product = get_model("catalogue", "Product")
StockRecord = get_model("partner", "StockRecord")
ProductImage = get_model("catalogue", "ProductImage")
Category = get_model("catalogue", "Category")

BRIEF_PRICES = {
    "Workout Planner & Calorie Tracker": Decimal("9.99"),
    "Complete Meal Planning Toolkit": Decimal("9.90"),
    "Simple Meal Planner": Decimal("9.90"),
    "Self-Care Tracker": Decimal("9.90"),
    "Ultimate Habit Tracker": Decimal("12.90"),
}

pytestmark = pytest.mark.django_db


def run_load_demo(capsys):
    call_command("load_demo")
    return capsys.readouterr().out


def stored_counts():
    return {
        "products": Product.objects.count(),
        "stockrecords": StockRecord.objects.count(),
        "images": ProductImage.objects.count(),
        "files": ProductFile.objects.count(),
        "categories": Category.objects.count(),
        "users": get_user_model().objects.count(),
    }


def test_load_demo_creates_the_brief_catalogue_at_its_prices(capsys):
    run_load_demo(capsys)

    prices = {
        record.product.title: record.price
        for record in StockRecord.objects.select_related("product")
    }
    assert prices == BRIEF_PRICES
    assert set(StockRecord.objects.values_list("price_currency", flat=True)) == {"USD"}


def test_demo_products_are_digital_printables(capsys):
    run_load_demo(capsys)

    for product in Product.objects.all():
        product_class = product.get_product_class()
        assert product_class.requires_shipping is False
        assert product_class.track_stock is False
        assert product.is_public
        assert product.categories.exists()


def test_load_demo_twice_duplicates_nothing(capsys):
    run_load_demo(capsys)
    first = stored_counts()

    second_output = run_load_demo(capsys)

    assert stored_counts() == first
    assert second_output.count("kept") == 5


def test_load_demo_keeps_a_price_staff_changed(capsys):
    run_load_demo(capsys)
    record = StockRecord.objects.get(product__title="Ultimate Habit Tracker")
    record.price = Decimal("14.00")
    record.save()

    run_load_demo(capsys)

    record.refresh_from_db()
    assert record.price == Decimal("14.00")


def test_each_product_has_a_cover_and_a_printable_pdf_with_its_name(capsys):
    run_load_demo(capsys)

    for product in Product.objects.all():
        cover = product.primary_image()
        assert cover.original.name.endswith(".png")
        assert Path(cover.original.path).stat().st_size > 10_000

        product_file = product.files.get()
        reader = PdfReader(product_file.file.open("rb"))
        assert product.title in reader.pages[0].extract_text()
        product_file.file.close()


def test_product_files_are_kept_outside_public_media(capsys):
    run_load_demo(capsys)

    for product_file in ProductFile.objects.all():
        path = Path(product_file.file.path).resolve()
        assert path.is_relative_to(Path(settings.PRIVATE_MEDIA_ROOT).resolve())
        assert not path.is_relative_to(Path(settings.MEDIA_ROOT).resolve())
        with pytest.raises(ValueError):
            product_file.file.url  # noqa: B018 (private files have no public URL)


def test_staff_password_is_generated_and_printed_once(capsys):
    first_output = run_load_demo(capsys)
    second_output = run_load_demo(capsys)

    staff = get_user_model().objects.get(username="staff")
    password_line = next(
        line for line in first_output.splitlines() if "password:" in line
    )
    password = password_line.split("password:")[1].strip()
    assert len(password) >= 12
    assert staff.is_staff and staff.check_password(password)
    assert password not in second_output
