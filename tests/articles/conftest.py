import pytest
from django.contrib.auth import get_user_model


@pytest.fixture
def staff_client(client, db):
    staff = get_user_model().objects.create_user(
        username="editor", email="editor@example.com", password="pw", is_staff=True
    )
    client.force_login(staff)
    return client
