"""A form posted by hand to the dashboard (an id that is no number, a place
the category tree cannot take) gets a message, never a server error."""

import pytest
from django.test import Client
from django.urls import reverse
from oscar.core.loading import get_model

from tests.factories import category

Category = get_model("catalogue", "Category")

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff(admin_user):
    client = Client(raise_request_exception=False)
    client.force_login(admin_user)
    return client


def test_a_bulk_action_on_users_with_a_forged_id_selects_nothing(staff, admin_user):
    response = staff.post(
        reverse("dashboard:users-index"),
        {"action": "make_inactive", "selected_user": ["abc", str(admin_user.pk)]},
        follow=True,
    )

    assert response.status_code == 200
    admin_user.refresh_from_db()
    assert admin_user.is_active


def test_a_bulk_action_on_only_forged_ids_asks_to_select_some(staff):
    response = staff.post(
        reverse("dashboard:users-index"),
        {"action": "make_inactive", "selected_user": ["abc"]},
        follow=True,
    )

    assert response.status_code == 200
    assert "select some" in response.content.decode()


@pytest.mark.parametrize(
    "page, data",
    [
        (
            "dashboard:order-list",
            {"action": "download_selected_orders", "selected_order": ["abc"]},
        ),
        (
            "dashboard:reviews-list",
            {
                "action": "update_selected_review_status",
                "selected_review": ["abc"],
                "status": "1",
            },
        ),
    ],
    ids=["orders", "reviews"],
)
def test_bulk_actions_on_orders_and_reviews_with_forged_ids_ask_to_select_some(
    staff, page, data
):
    response = staff.post(reverse(page), data, follow=True)

    assert response.status_code == 200
    assert "select some" in response.content.decode()


def _update_category(staff, node, **fields):
    return staff.post(
        reverse("dashboard:catalogue-category-update", kwargs={"pk": node.pk}),
        {"name": node.name, **fields},
    )


def test_a_category_with_errors_and_a_blank_address_shows_the_errors(staff):
    self_care = category("Self-care")

    response = _update_category(staff, self_care, slug="")

    assert response.status_code == 200
    assert "This field is required." in response.content.decode()


@pytest.mark.parametrize("position", ["left", "first-child"])
def test_a_category_cannot_be_placed_beside_or_inside_itself(staff, position):
    self_care = category("Self-care")

    response = _update_category(
        staff, self_care, treebeard_position=position, treebeard_ref_node=self_care.pk
    )

    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()


def test_a_category_still_moves_beside_another(staff):
    self_care = category("Self-care")
    fitness = category("Fitness")

    response = _update_category(
        staff, fitness, treebeard_position="left", treebeard_ref_node=self_care.pk
    )

    assert response.status_code == 302
    names = [c.name for c in Category.get_root_nodes()]
    assert names.index("Fitness") < names.index("Self-care")
