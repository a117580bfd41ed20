from html.parser import HTMLParser

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.test import Client
from django.urls import reverse


class _FormFields(HTMLParser):
    """What a browser would post from the product editor's form, untouched:
    every field with its current value (checked boxes, selected options)."""

    def __init__(self):
        super().__init__()
        self.fields = {}
        self._in_form = False
        self._select = None
        self._textarea = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and attrs.get("id") == "create_update_product_form":
            self._in_form = True
        if not self._in_form or "name" not in attrs and tag != "option":
            return
        name = attrs.get("name")
        if tag == "input":
            kind = attrs.get("type", "text")
            if kind in ("submit", "button", "file"):
                return
            if kind in ("checkbox", "radio"):
                if "checked" in attrs:
                    self.fields[name] = attrs.get("value", "on")
                return
            self.fields[name] = attrs.get("value", "")
        elif tag == "select":
            self._select = name
            self.fields.setdefault(name, "")
        elif tag == "option" and self._select and "selected" in attrs:
            self.fields[self._select] = attrs.get("value", "")
        elif tag == "textarea":
            self._textarea = name
            self.fields[name] = ""

    def handle_endtag(self, tag):
        if tag == "form":
            self._in_form = False
        elif tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None

    def handle_data(self, data):
        if self._textarea:
            self.fields[self._textarea] += data


def editor_fields(response) -> dict:
    parser = _FormFields()
    parser.feed(response.content.decode())
    return parser.fields


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
