import time

import pytest
from django.db import OperationalError
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_health_answers_200_when_database_and_cache_answer(client):
    response = client.get(reverse("healthz"))

    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": True, "cache": True}


def test_health_answers_200_with_redis_and_says_so(client, shop_on_redis):
    response = client.get(reverse("healthz"))

    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": True, "cache": True}


def test_a_stopped_cache_is_degraded_not_unavailable(client, shop_on_redis):
    # The web process serves without its cache: a load balancer keeps it in.
    shop_on_redis.stop()

    response = client.get(reverse("healthz"))

    assert response.status_code == 200
    assert response.json() == {"status": "degraded", "database": True, "cache": False}


def test_a_hanging_cache_is_degraded_and_answers_fast(client, shop_on_redis):
    shop_on_redis.freeze()

    started = time.monotonic()
    response = client.get(reverse("healthz"))

    assert time.monotonic() - started < 2
    assert response.status_code == 200
    assert response.json()["status"] == "degraded"


def test_health_answers_503_when_the_database_fails(client, monkeypatch):
    from django.db import connection

    def refuse(*args, **kwargs):
        raise OperationalError("connection refused")

    monkeypatch.setattr(connection, "cursor", refuse)

    response = client.get(reverse("healthz"))

    assert response.status_code == 503
    assert response.json()["database"] is False
    assert response.json()["status"] == "unavailable"


def test_health_answers_503_when_database_and_cache_fail(
    client, monkeypatch, shop_on_redis
):
    from django.db import connection

    def refuse(*args, **kwargs):
        raise OperationalError("connection refused")

    shop_on_redis.stop()
    monkeypatch.setattr(connection, "cursor", refuse)

    response = client.get(reverse("healthz"))

    assert response.status_code == 503
    assert response.json() == {
        "status": "unavailable",
        "database": False,
        "cache": False,
    }
