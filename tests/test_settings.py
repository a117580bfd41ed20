"""Settings are parsed from the environment in a fresh process, as at start-up."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parent.parent

PRINT_SETTINGS = """
import json
from django.conf import settings
print(json.dumps({
    "DEBUG": settings.DEBUG,
    "ALLOWED_HOSTS": settings.ALLOWED_HOSTS,
    "DB_ENGINE": settings.DATABASES["default"]["ENGINE"],
    "DB_NAME": str(settings.DATABASES["default"]["NAME"]),
    "DB_HOST": settings.DATABASES["default"].get("HOST", ""),
    "CACHE": settings.CACHES["default"]["BACKEND"],
    "CACHE_LOCATION": settings.CACHES["default"].get("LOCATION", ""),
    "SESSION_ENGINE": settings.SESSION_ENGINE,
    "HUEY": settings.HUEY["huey_class"],
    "MAIL_DELIVERY_BACKEND": settings.MAIL_DELIVERY_BACKEND,
    "EMAIL_HOST": getattr(settings, "EMAIL_HOST", ""),
    "EMAIL_PORT": getattr(settings, "EMAIL_PORT", 0),
    "EMAIL_BACKEND": settings.EMAIL_BACKEND,
    "DEFAULT_FROM_EMAIL": settings.DEFAULT_FROM_EMAIL,
    "STRIPE_LOCAL": settings.STRIPE_LOCAL,
    "STRIPE_SECRET_KEY": settings.STRIPE_SECRET_KEY,
    "STRIPE_API_BASE": settings.STRIPE_API_BASE,
    "CURRENCY": settings.OSCAR_DEFAULT_CURRENCY,
}))
"""

# Variables a developer's shell might set that would change what is read.
SETTINGS_VARIABLES = [
    "SECRET_KEY", "DEBUG", "ALLOWED_HOSTS", "DATABASE_URL", "REDIS_URL",
    "EMAIL_URL", "DEFAULT_FROM_EMAIL", "STRIPE_SECRET_KEY",
    "STRIPE_PUBLISHABLE_KEY", "STRIPE_WEBHOOK_SECRET", "STRIPE_API_BASE",
    "STRIPE_LOCAL_NOT_FOR_PRODUCTION",
]  # fmt: skip


def read_settings(tmp_path, **environment):
    env = {k: v for k, v in os.environ.items() if k not in SETTINGS_VARIABLES}
    env.update(DJANGO_SETTINGS_MODULE="shop.settings", VAR_DIR=str(tmp_path))
    env.update(environment)
    code = "import django; django.setup()\n" + PRINT_SETTINGS
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=PROJECT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    if result.returncode != 0:
        raise RuntimeError(result.stderr)
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_defaults_run_on_sqlite_with_local_services(tmp_path):
    settings = read_settings(tmp_path, DEBUG="1")

    assert settings["DB_ENGINE"] == "django.db.backends.sqlite3"
    assert settings["DB_NAME"] == str(tmp_path / "db.sqlite3")
    assert settings["CACHE"].endswith("LocMemCache")
    assert settings["HUEY"] == "huey.SqliteHuey"
    assert settings["MAIL_DELIVERY_BACKEND"].endswith("filebased.EmailBackend")
    assert settings["ALLOWED_HOSTS"] == ["127.0.0.1", "localhost"]
    assert settings["CURRENCY"] == "USD"


def test_database_url_selects_postgresql(tmp_path):
    settings = read_settings(
        tmp_path,
        DEBUG="1",
        DATABASE_URL="postgres://postgres@127.0.0.1:5432/gotobetter",
    )

    assert settings["DB_ENGINE"] == "django.db.backends.postgresql"
    assert settings["DB_NAME"] == "gotobetter"
    assert settings["DB_HOST"] == "127.0.0.1"


def test_redis_url_moves_cache_sessions_and_tasks_to_redis(tmp_path):
    settings = read_settings(tmp_path, DEBUG="1", REDIS_URL="redis://127.0.0.1:6379/3")

    assert settings["CACHE"] == "shop.cache.RedisCache"
    assert settings["CACHE_LOCATION"] == "redis://127.0.0.1:6379/3"
    assert settings["SESSION_ENGINE"].endswith("cached_db")
    assert settings["HUEY"] == "huey.RedisHuey"


def test_email_url_sets_the_delivery_server_behind_the_queue(tmp_path):
    settings = read_settings(
        tmp_path,
        DEBUG="1",
        EMAIL_URL="smtp://mail.example.test:2525",
        DEFAULT_FROM_EMAIL="Shop <shop@example.test>",
    )

    assert settings["EMAIL_BACKEND"] == "shop.mail.backends.OutboxEmailBackend"
    assert settings["MAIL_DELIVERY_BACKEND"].endswith("smtp.EmailBackend")
    assert settings["EMAIL_HOST"] == "mail.example.test"
    assert settings["EMAIL_PORT"] == 2525
    assert settings["DEFAULT_FROM_EMAIL"] == "Shop <shop@example.test>"


def test_allowed_hosts_is_a_comma_separated_list(tmp_path):
    settings = read_settings(
        tmp_path, DEBUG="1", ALLOWED_HOSTS="shop.example.test,www.example.test"
    )

    assert settings["ALLOWED_HOSTS"] == ["shop.example.test", "www.example.test"]


def test_without_stripe_keys_the_local_stripe_server_is_used(tmp_path):
    settings = read_settings(tmp_path, DEBUG="1")

    assert settings["STRIPE_LOCAL"] is True
    assert settings["STRIPE_API_BASE"] == "http://127.0.0.1:8420"


def test_real_stripe_keys_are_used_as_given(tmp_path):
    settings = read_settings(
        tmp_path,
        DEBUG="1",
        STRIPE_SECRET_KEY="sk_test_abc",
        STRIPE_PUBLISHABLE_KEY="pk_test_abc",
        STRIPE_WEBHOOK_SECRET="whsec_abc",
    )

    assert settings["STRIPE_LOCAL"] is False
    assert settings["STRIPE_SECRET_KEY"] == "sk_test_abc"
    assert settings["STRIPE_API_BASE"] == ""


def test_production_refuses_to_start_without_a_secret_key(tmp_path):
    with pytest.raises(RuntimeError, match="SECRET_KEY must be set"):
        read_settings(tmp_path, DEBUG="0")


PRODUCTION = {"DEBUG": "0", "SECRET_KEY": "a-production-like-key-0123456789"}


def test_production_refuses_to_start_on_the_local_stripe_stand_in(tmp_path):
    with pytest.raises(RuntimeError, match="STRIPE_LOCAL_NOT_FOR_PRODUCTION=1"):
        read_settings(tmp_path, **PRODUCTION)


def test_production_refuses_a_secret_key_without_a_webhook_secret(tmp_path):
    with pytest.raises(RuntimeError, match="STRIPE_WEBHOOK_SECRET must be set"):
        read_settings(
            tmp_path,
            **PRODUCTION,
            STRIPE_SECRET_KEY="sk_live_abc",
            STRIPE_PUBLISHABLE_KEY="pk_live_abc",
        )


def test_the_local_stand_in_runs_with_debug_off_only_when_asked_for_by_name(
    tmp_path,
):
    settings = read_settings(
        tmp_path, **PRODUCTION, STRIPE_LOCAL_NOT_FOR_PRODUCTION="1"
    )

    assert settings["STRIPE_LOCAL"] is True
    assert settings["STRIPE_API_BASE"] == "http://127.0.0.1:8420"
