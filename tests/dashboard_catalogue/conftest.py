import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.test import Client
from django.urls import reverse

from tests.form_fields import PRODUCT_EDITOR, form_fields


def editor_fields(response) -> dict:
    return form_fields(response.content.decode(), form_id=PRODUCT_EDITOR)


def editor_url(product) -> str:
    return reverse("dashboard:catalogue-product", kwargs={"pk": product.pk})


@pytest.fixture
def staff_user(db):
    return get_user_model().objects.create_superuser(
        username="keeper", email="keeper@example.com", password="x"
    )


@pytest.fixture
def staff(client, staff_user):
    client.force_login(staff_user)
    return client


@pytest.fixture
def save_editor(staff):
    """Open the product's editor, change the given fields, press "Save and
    continue editing" (files as a name -> file mapping)."""

    def save(product, changes=None, client=None):
        client = client or staff
        page = client.get(editor_url(product))
        assert page.status_code == 200
        data = {**editor_fields(page), **(changes or {}), "action": "continue"}
        return client.post(editor_url(product), data)

    return save


@pytest.fixture
def catalogue_only_staff(db):
    """Staff who may edit products but not their files (a browser of their own)."""
    client = Client()
    user = get_user_model().objects.create_user(
        username="editor", email="editor@example.com", password="x", is_staff=True
    )
    user.user_permissions.add(
        *Permission.objects.filter(
            content_type__app_label="catalogue",
            codename__in=["view_product", "add_product", "change_product"],
        )
    )
    client.force_login(user)
    return client
