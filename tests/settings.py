"""Settings for the test suite: the project's own, with fast and local parts."""

import os
import tempfile

# Files the tests write (media, private downloads) go to a throwaway folder,
# one for each pytest-xdist worker: each worker has its own database, so its
# own queue, files and page-cache version (shop/pagecache/version_file.py).
os.environ.setdefault("VAR_DIR", tempfile.mkdtemp(prefix="gotobetter-tests-"))
if os.environ.get("PYTEST_XDIST_WORKER") and not os.environ.get("VAR_DIR_OF_WORKER"):
    os.environ["VAR_DIR"] = os.path.join(
        os.environ["VAR_DIR"], os.environ["PYTEST_XDIST_WORKER"]
    )
    os.environ["VAR_DIR_OF_WORKER"] = "1"
os.environ.setdefault("SECRET_KEY", "tests-only-not-a-secret")
os.environ.setdefault("DEBUG", "0")
# The tests pay at their own localstripe, never at Stripe.
os.environ.setdefault("STRIPE_LOCAL_NOT_FOR_PRODUCTION", "1")


def _redis_url_of_this_worker(url: str, worker: str) -> str:
    """Each pytest-xdist worker on a Redis database of its own (the base
    database's number plus the worker's), since tests flush theirs."""
    if not url or not worker.startswith("gw"):
        return url
    base, _, number = url.rpartition("/")
    first = int(number) if number.isdigit() else 0
    return f"{base}/{(first + int(worker[2:])) % 16}"


os.environ["REDIS_URL"] = _redis_url_of_this_worker(
    os.environ.get("REDIS_URL", ""), os.environ.get("PYTEST_XDIST_WORKER", "")
)

from shop.settings import *  # noqa: E402,F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# Tests read the manifest-free storage: collectstatic is exercised on its own.
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
HUEY = {**HUEY, "immediate": True}  # noqa: F405
MAIL_DELIVERY_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
SECURE_SSL_REDIRECT = False
# Covers and thumbnails are served as `make run` serves them.
SERVE_MEDIA = True
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # noqa: F405
