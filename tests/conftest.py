import atexit
import fcntl
import json
import os
import shutil
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from datetime import UTC, datetime
from pathlib import Path

import pytest
from django.urls import reverse

from tests.catalogue_snapshot import CatalogueSnapshot
from tests.factories import ProductFactory
from tests.redis_server import RedisServer


@pytest.fixture(scope="session")
def demo_catalogue_snapshot(tmp_path_factory):
    return CatalogueSnapshot(tmp_path_factory.mktemp("demo-catalogue"))


@pytest.fixture
def demo_catalogue(db, demo_catalogue_snapshot):
    """The demo catalogue from the brief, as `make run` loads it (drawn once
    per test process, tests/catalogue_snapshot.py)."""
    demo_catalogue_snapshot.load()


if os.environ.get("MUTANT_UNDER_TEST"):
    # Under mutmut (`make mutation`) every mutant is a fresh pytest session in
    # a forked process: building the test database each time (about 45 s of
    # migrations) would cost more than the tests. The first session builds it
    # once into a file; each later session works on a copy of its own, in a
    # VAR_DIR of its own (the page cache's version file is there), so two
    # mutants tested at once share neither.
    @pytest.fixture(scope="session")
    def django_db_setup(django_db_blocker):
        from django.conf import settings
        from django.db import connections
        from django.test.utils import setup_databases

        run_dir = Path(os.environ["VAR_DIR"])  # set once by tests/settings.py
        template = run_dir / "mutation-template.sqlite3"
        own_dir = run_dir / f"mutation-{os.getpid()}"
        own_dir.mkdir(exist_ok=True)
        database = settings.DATABASES["default"]
        with django_db_blocker.unblock():
            connections.close_all()
            with open(run_dir / "mutation-template.lock", "w") as lock:
                fcntl.flock(lock, fcntl.LOCK_EX)
                if not template.exists():
                    building = run_dir / "mutation-template-building.sqlite3"
                    database["TEST"]["NAME"] = str(building)
                    setup_databases(verbosity=0, interactive=False)
                    connections.close_all()
                    building.rename(template)
            own = own_dir / "db.sqlite3"
            with sqlite3.connect(template) as source, sqlite3.connect(own) as copy:
                source.backup(copy)
            database["NAME"] = str(own)
            connections.close_all()
        settings.VAR_DIR = own_dir
        yield
        with django_db_blocker.unblock():
            connections.close_all()
        settings.VAR_DIR = run_dir
        shutil.rmtree(own_dir, ignore_errors=True)


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with an empty cache, as a real Redis outlives test runs."""
    from django.core.cache import cache

    from shop.pagecache import local

    cache.clear()
    local.forget()
    yield


@pytest.fixture(autouse=True)
def no_pending_views():
    """Views counted in one test are never written into another's database,
    nor at exit, once the test database is gone."""
    from shop.apps.catalogue.product_views import counter as product_views
    from shop.attribution.article_views import counter as article_views

    for counter in (product_views, article_views):
        counter.clear()
    yield
    for counter in (product_views, article_views):
        counter.clear()


@pytest.fixture
def redis_server(tmp_path):
    """A Redis of the test's own, to stop, freeze and start again."""
    server = RedisServer(tmp_path)
    server.start()
    yield server
    server.stop()


@pytest.fixture
def shop_on_redis(redis_server, settings):
    """The shop's cache and sessions on the test's own Redis, as REDIS_URL
    sets them in production."""
    settings.CACHES = {
        "default": {
            "BACKEND": "shop.cache.RedisCache",
            "LOCATION": redis_server.url(),
            "KEY_PREFIX": "gtb",
        }
    }
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
    return redis_server


@pytest.fixture
def clock(time_machine):
    """The wall clock, stopped now; a test moves it with ``clock.shift()``."""
    time_machine.move_to(datetime.now(UTC), tick=False)
    return time_machine


class Clock:
    def __init__(self):
        self.now = 1000.0

    def __call__(self):
        return self.now

    def shift(self, seconds):
        self.now += seconds


@pytest.fixture
def outage_clock(monkeypatch):
    """The clock by which the cache leaves an unreachable Redis alone."""
    clock = Clock()
    monkeypatch.setattr("shop.cache.monotonic", clock)
    return clock


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="session")
def localstripe_server(tmp_path_factory):
    """The tests' own localstripe on a free port, empty, its data in a
    folder of its own (it keeps one fixed file in the temporary folder)."""
    shared = os.environ.get("MUTATION_LOCALSTRIPE_URL")
    if shared:
        yield shared
        return
    # mutmut's own process (before it forks the mutants) keeps it for every
    # mutant's session: starting one each time was a third of a mutant's run.
    keep = "__mutmut_" not in os.environ.get("MUTANT_UNDER_TEST", "__mutmut_")
    port = _free_port()
    if keep:  # pytest removes all but its last three sessions' folders
        tmp = Path(tempfile.mkdtemp(prefix="localstripe-"))
    else:
        tmp = tmp_path_factory.mktemp("localstripe")
    process = subprocess.Popen(
        [
            str(Path(sys.executable).parent / "localstripe"),
            "--port",
            str(port),
            "--from-scratch",
        ],
        env={**os.environ, "TMPDIR": str(tmp)},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 20
    while True:
        try:
            urllib.request.urlopen(f"{url}/js.stripe.com/v3/", timeout=1)
            break
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                pytest.fail("localstripe did not start", pytrace=False)
            time.sleep(0.2)
    if keep:  # stopped when mutmut exits
        os.environ["MUTATION_LOCALSTRIPE_URL"] = url
        atexit.register(process.terminate)
        yield url
        return
    yield url
    process.terminate()
    process.wait(timeout=10)


def card_payment_method(stripe_url: str, number: str) -> str:
    """A card PaymentMethod made at the tests' localstripe, as Stripe.js
    makes one from the card form."""
    import stripe

    methods = stripe.StripeClient(
        "sk_test_x", base_addresses={"api": stripe_url}
    ).v1.payment_methods
    card = {"number": number, "exp_month": 12, "exp_year": 2040, "cvc": "123"}
    return methods.create(params={"type": "card", "card": card}).id


@pytest.fixture
def stripe_server(localstripe_server, settings):
    """Point the shop at the tests' localstripe, as with no Stripe keys."""
    settings.STRIPE_LOCAL = True
    settings.STRIPE_API_BASE = localstripe_server
    settings.STRIPE_SECRET_KEY = "sk_test_localstripe"
    settings.STRIPE_PUBLISHABLE_KEY = "pk_test_localstripe"
    settings.STRIPE_WEBHOOK_SECRET = "whsec_tests"
    return localstripe_server


@pytest.fixture
def printable(db):
    """A $9.90 printable with one PDF."""
    return ProductFactory(title="Weekly Reset Planner")


@pytest.fixture
def add_to_basket(client):
    def add(product, quantity=1):
        response = client.post(
            reverse("basket:add", kwargs={"pk": product.pk}), {"quantity": quantity}
        )
        assert response.status_code == 302
        return response

    return add


@pytest.fixture
def guest_at_payment(client, stripe_server, printable, add_to_basket):
    """A guest with the printable in the basket who gave an e-mail address."""
    add_to_basket(printable)
    client.post(reverse("checkout:index"), {"email": "reader@example.com"}, follow=True)
    return client


@pytest.fixture
def awaiting_3d_secure(guest_at_payment, stripe_server):
    """The buyer paid with a card whose bank asks for 3-D Secure; the bank's
    window is still open. Returns the PaymentIntent."""
    from shop.payments import stripe_api
    from shop.payments.models import StripePayment

    card = card_payment_method(stripe_server, "4000002500003155")
    response = guest_at_payment.post(
        reverse("checkout:payment-details"), {"payment_method": card}
    )
    assert "data-action-secret=" in response.content.decode()
    payment = StripePayment.objects.get()
    intent = stripe_api.client().v1.payment_intents.retrieve(payment.payment_intent_id)
    assert intent.status == "requires_action"
    return intent


def authenticate_3d_secure(stripe_url: str, intent, *, success=True) -> int:
    """The buyer completes (or fails) 3-D Secure in the bank's window, in
    another tab, exactly as localstripe's Stripe.js does; returns the HTTP
    status."""
    request = urllib.request.Request(
        f"{stripe_url}/v1/payment_intents/{intent.id}/_authenticate"
        f"?success={'true' if success else 'false'}",
        data=json.dumps(
            {"key": "pk_test_localstripe", "client_secret": intent.client_secret}
        ).encode(),
        method="POST",
    )
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


@pytest.fixture
def smtp_server(settings):
    """A real SMTP server that the outbox delivers to; tests stop and start it."""
    from tests.smtp import SmtpServer, deliver_through

    server = SmtpServer()
    deliver_through(settings, server.port)
    server.start()
    yield server
    server.stop()


@pytest.fixture
def outbox_mail(settings):
    """The outbox as in production, delivering to Django's test outbox."""
    settings.EMAIL_BACKEND = "shop.mail.backends.OutboxEmailBackend"
    settings.MAIL_DELIVERY_BACKEND = "django.core.mail.backends.locmem.EmailBackend"


@pytest.fixture
def queue_down():
    """The task queue's Redis is down: nothing listens on its port, so
    handing it a task raises, as it does in an outage."""
    from huey.contrib.djhuey import HUEY
    from huey.storage import RedisStorage

    saved = HUEY.storage, HUEY._immediate
    HUEY.storage = RedisStorage(name="gotobetter", host="127.0.0.1", port=_free_port())
    HUEY._immediate = False
    yield
    HUEY.storage, HUEY._immediate = saved
