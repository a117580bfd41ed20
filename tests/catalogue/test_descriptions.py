"""Category and product descriptions never carry markup that can run."""

import importlib

import pytest
from django.apps import apps
from django.urls import reverse
from oscar.core.loading import get_model

from tests.factories import ProductFactory, category

Product = get_model("catalogue", "Product")
Category = get_model("catalogue", "Category")

pytestmark = pytest.mark.django_db

HOSTILE = (
    '<p>Plan <em>gently</em>.</p><img src=x onerror="alert(1)">'
    "<script>alert(2)</script>"
    '<a href="javascript:alert(3)">more</a>'
)


def assert_nothing_runs(html: str):
    assert "<script>alert" not in html
    assert "onerror" not in html
    assert "javascript:" not in html


@pytest.fixture
def staff(client, django_user_model):
    django_user_model.objects.create_superuser(
        username="staff", email="staff@example.com", password="x"
    )
    client.login(username="staff", password="x")
    return client


def test_category_saved_in_the_dashboard_is_stored_without_script(staff):
    response = staff.post(
        reverse("dashboard:catalogue-category-create"),
        {
            "name": "Planners",
            "description": HOSTILE,
            "is_public": "on",
            "treebeard_position": "first-child",
            "treebeard_ref_node": "",
        },
    )

    assert response.status_code == 302
    stored = Category.objects.get(name="Planners").description
    assert_nothing_runs(stored)
    assert "<p>Plan <em>gently</em>.</p>" in stored


def test_product_description_is_cleaned_on_save():
    product = ProductFactory()
    product.description = HOSTILE

    product.save()

    product.refresh_from_db()
    assert_nothing_runs(product.description)
    assert "<p>Plan <em>gently</em>.</p>" in product.description


def test_category_long_description_is_cleaned_on_save():
    planners = category("Planners")
    planners.long_description = HOSTILE

    planners.save()

    planners.refresh_from_db()
    assert_nothing_runs(planners.long_description)


def test_product_page_shows_a_description_stored_before_the_rule_cleaned(client):
    product = ProductFactory()
    # A row written around save(): as it was before the rule, or by update().
    Product.objects.filter(pk=product.pk).update(description=HOSTILE)

    page = client.get(product.get_absolute_url()).content.decode()

    assert "<em>gently</em>" in page
    assert_nothing_runs(page)


def test_category_page_shows_descriptions_stored_before_the_rule_cleaned(client):
    planners = category("Planners")
    Category.objects.filter(pk=planners.pk).update(
        description=HOSTILE, long_description=HOSTILE
    )

    page = client.get(planners.get_absolute_url()).content.decode()

    assert page.count("<em>gently</em>") == 2
    assert_nothing_runs(page)


def test_migration_cleans_descriptions_already_stored():
    planners = category("Planners")
    product = ProductFactory()
    Category.objects.filter(pk=planners.pk).update(description=HOSTILE)
    Product.objects.filter(pk=product.pk).update(description=HOSTILE)
    migration = importlib.import_module(
        "shop.apps.catalogue.migrations.0034_sanitise_descriptions"
    )

    migration.sanitise_descriptions(apps, schema_editor=None)

    planners.refresh_from_db()
    product.refresh_from_db()
    assert_nothing_runs(planners.description)
    assert_nothing_runs(product.description)
    assert "<em>gently</em>" in product.description
