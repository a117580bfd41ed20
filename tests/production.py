"""The shop as production runs it, for tests that start it in a process of
its own (gunicorn, manage.py): the environment and a free port."""

import os
import socket


def production_env(var_dir, **overrides):
    """DEBUG off on the embedded default (no DATABASE_URL, no REDIS_URL), on
    the local Stripe stand-in, serving plain HTTP on 127.0.0.1."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("STRIPE_")}
    env.pop("DATABASE_URL", None)
    env.pop("REDIS_URL", None)
    env.update(
        DJANGO_SETTINGS_MODULE="shop.settings",
        VAR_DIR=str(var_dir),
        DEBUG="0",
        SECRET_KEY="production-like-key-for-this-test-only-0123456789",
        ALLOWED_HOSTS="127.0.0.1",
        SECURE_SSL_REDIRECT="0",
        STRIPE_LOCAL_NOT_FOR_PRODUCTION="1",
    )
    env.update(overrides)
    return env


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]
