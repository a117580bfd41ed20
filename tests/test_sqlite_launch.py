"""A launch on the embedded default: gunicorn's two workers writing to one
SQLite file at once, with nothing refused and nothing lost."""

import http.client
import sqlite3
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlencode

import pytest
from django.db import connection

from tests.production import free_port, production_env

PROJECT = Path(__file__).resolve().parent.parent
CSRF_SECRET = "launchtestlaunchtestlaunchtest12"  # 32 letters, as Django's own

pytestmark = pytest.mark.skipif(
    connection.vendor != "sqlite",
    reason="the embedded default's file locking; PostgreSQL locks rows",
)


@pytest.fixture(scope="module")
def shop(tmp_path_factory):
    """The shop as production runs it with no DATABASE_URL: gunicorn with two
    workers, DEBUG off, the database and the task queue in SQLite files."""
    var_dir = tmp_path_factory.mktemp("launch")
    env = production_env(
        var_dir,
        SECRET_KEY="launch-test-key-for-this-test-only-0123456789",
        LOG_LEVEL="WARNING",
        KIT_CLAIMS_PER_IP_PER_HOUR="1000000",
    )
    subprocess.run(
        [sys.executable, "manage.py", "migrate", "--noinput", "--verbosity", "0"],
        cwd=PROJECT, env=env, check=True, capture_output=True, timeout=300,
    )  # fmt: skip
    port = free_port()
    server = subprocess.Popen(
        [str(Path(sys.executable).parent / "gunicorn"), "shop.wsgi", "--config",
         "gunicorn.conf.py", "--workers", "2", "--bind", f"127.0.0.1:{port}",
         "--access-logfile", "/dev/null"],
        cwd=PROJECT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    for _ in range(150):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=1)
            break
        except OSError:
            time.sleep(0.2)
    yield {"port": port, "var_dir": var_dir}
    server.terminate()
    server.wait(timeout=10)


def claim(port, email):
    """Post the kit box as a reader's browser does; the answer's status."""
    body = urlencode(
        {
            "email": email,
            "consent": "yes",
            "source": "launch",
            "csrfmiddlewaretoken": CSRF_SECRET,
        }
    )
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    try:
        conn.request(
            "POST",
            "/kit/claim/",
            body=body,
            headers={
                "Content-Type": "application/x-www-form-urlencoded",
                "Cookie": f"csrftoken={CSRF_SECRET}",
            },
        )
        return conn.getresponse().status
    finally:
        conn.close()


def count(path, table):
    with sqlite3.connect(path) as db:
        return db.execute(f"select count(*) from {table}").fetchone()[0]


def test_sixteen_readers_claiming_at_once_are_all_answered_and_stored(shop):
    statuses = []
    until = time.monotonic() + 4

    def reader(n):
        sent = 0
        while time.monotonic() < until:
            sent += 1
            statuses.append(claim(shop["port"], f"reader{n}-{sent}@launch.test"))

    threads = [threading.Thread(target=reader, args=(n,)) for n in range(16)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    accepted = statuses.count(302)
    assert accepted > 50
    assert [status for status in statuses if status != 302] == []
    assert count(shop["var_dir"] / "db.sqlite3", "kit_subscriber") == accepted
    # Each claim wrote its confirmation e-mail to the outbox (no worker runs
    # here to send it).
    assert count(shop["var_dir"] / "db.sqlite3", "mail_outgoingmessage") == accepted


def test_pages_are_read_while_another_process_holds_the_write_lock(shop):
    writer = sqlite3.connect(shop["var_dir"] / "db.sqlite3", isolation_level=None)
    writer.execute("BEGIN IMMEDIATE")
    try:
        # A page read from the database (and drawn without static files,
        # which this shop has not collected).
        url = f"http://127.0.0.1:{shop['port']}/sitemap.xml"
        with urllib.request.urlopen(url, timeout=5) as response:
            assert response.status == 200
    finally:
        writer.execute("ROLLBACK")
        writer.close()
