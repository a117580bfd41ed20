"""The dashboard offers staff only what a shop of digital files uses."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff(client, django_user_model):
    user = django_user_model.objects.create_superuser(
        username="staff", email="staff@example.com", password="x"
    )
    client.force_login(user)
    return client


def test_e_mail_templates_cannot_be_edited_over_the_shops_own(staff):
    page = staff.get(reverse("dashboard:index")).content.decode()

    assert "Email templates" not in page
    assert staff.get("/dashboard/comms/").status_code == 404
