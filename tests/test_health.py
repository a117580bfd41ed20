import pytest
from django.db import OperationalError
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_health_answers_200_when_database_and_cache_answer(client):
    response = client.get(reverse("healthz"))

    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": True, "cache": True}


def test_health_answers_503_when_the_cache_is_unreachable(client, settings):
    # A Redis cache on a port where nothing listens: the real failure mode.
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",
        }
    }

    response = client.get(reverse("healthz"))

    assert response.status_code == 503
    assert response.json()["cache"] is False


def test_health_answers_503_when_the_database_fails(client, monkeypatch):
    from django.db import connection

    def refuse(*args, **kwargs):
        raise OperationalError("connection refused")

    monkeypatch.setattr(connection, "cursor", refuse)

    response = client.get(reverse("healthz"))

    assert response.status_code == 503
    assert response.json()["database"] is False
