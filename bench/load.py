"""A launch, measured: many readers adding to baskets and claiming the kit at once.

    .venv/bin/python bench/load.py               # SQLite, 16 then 32 clients, 60 s
    .venv/bin/python bench/load.py --clients 32 --seconds 15
    .venv/bin/python bench/load.py --postgres    # the same on PostgreSQL
    .venv/bin/python bench/load.py --mix read    # reads only: read throughput

Starts the shop as production runs it (gunicorn with 2 workers and the task
worker, DEBUG off) on a fresh database with the demo catalogue: by default the
embedded SQLite in a temporary VAR_DIR, with no Redis; with --postgres the
database BENCH_DATABASE_URL (postgres://postgres@127.0.0.1:5432/gotobetter_load,
dropped and created again), with Redis when BENCH_REDIS_URL is set.

Each client has its own cookies (session, basket, CSRF token) and repeats what
a launch brings: open a product page, add it to the basket, claim the kit with
an address of its own. The read mix opens the home, catalogue, product and
search pages instead. For each number of clients it prints requests, writes
(POSTs), 5xx answers, other errors (4xx, timeouts, refused connections),
throughput and latency, and then how many kit claims the shop accepted against
how many subscribers the database holds: nothing accepted may be lost.
"""

import argparse
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
from http.cookiejar import CookieJar
from pathlib import Path
from urllib.error import HTTPError, URLError
from urllib.parse import urlencode, urlsplit
from urllib.request import (
    HTTPCookieProcessor,
    HTTPRedirectHandler,
    Request,
    build_opener,
    urlopen,
)

PROJECT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
POSTGRES = "postgres://postgres@127.0.0.1:5432/gotobetter_load"
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
PRODUCT = re.compile(r'class="card__title"><a href="([^"]+)"')
ADD = re.compile(r'action="(/basket/add/\d+/)"')
TIMEOUT = 60


class NoRedirect(HTTPRedirectHandler):
    """A redirect is the answer: the next step is the client's own."""

    def redirect_request(self, *args, **kwargs):
        return None


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def shop_env(var_dir: Path, database_url: str | None, redis_url: str | None):
    env = {k: v for k, v in os.environ.items() if not k.startswith("STRIPE_")}
    env.pop("DATABASE_URL", None)
    env.pop("REDIS_URL", None)
    env.update(
        DJANGO_SETTINGS_MODULE="shop.settings",
        VAR_DIR=str(var_dir),
        DEBUG="0",
        SECRET_KEY="bench-only-not-a-secret-0123456789abcdefghijklmnop",
        ALLOWED_HOSTS="127.0.0.1",
        LOG_LEVEL="WARNING",
        # Plain HTTP on 127.0.0.1: no redirect to HTTPS, no HTTPS-only cookies.
        SECURE_SSL_REDIRECT="0",
        SESSION_COOKIE_SECURE="0",
        CSRF_COOKIE_SECURE="0",
        SECURE_HSTS_SECONDS="0",
        # Every client comes from 127.0.0.1: the per-address limit is lifted.
        KIT_CLAIMS_PER_IP_PER_HOUR="100000000",
        # No Stripe keys here: the shop runs on its local stand-in.
        STRIPE_LOCAL_NOT_FOR_PRODUCTION="1",
    )
    if database_url:
        env["DATABASE_URL"] = database_url
    if redis_url:
        env["REDIS_URL"] = redis_url
    return env


def manage(env, *args) -> str:
    result = subprocess.run(
        [PYTHON, "manage.py", *args],
        cwd=PROJECT, env=env, check=True, capture_output=True, text=True,
    )  # fmt: skip
    return result.stdout


def fresh_postgres(url: str) -> None:
    """Drop and create the database the URL names, as its user on its host."""
    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    where = ["-h", parts.hostname or "127.0.0.1", "-p", str(parts.port or 5432)]
    where += ["-U", parts.username or "postgres"]
    env = {**os.environ, "PGPASSWORD": parts.password or ""}
    for command in ("dropdb", "createdb"):
        extra = ["--if-exists"] if command == "dropdb" else []
        subprocess.run(
            [command, *where, *extra, name], check=True, env=env, capture_output=True
        )


def set_up(env) -> None:
    """A fresh database with the demo catalogue and articles, and static files."""
    manage(env, "migrate", "--noinput", "-v0")
    manage(env, "collectstatic", "--noinput", "-v0")
    manage(env, "load_demo")
    manage(env, "load_demo_articles")


class Shop:
    """gunicorn (2 workers) and the task worker, on a port of their own."""

    def __init__(self, env, var_dir: Path):
        self.env, self.var_dir = env, var_dir
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.processes = []

    def __enter__(self):
        self.log = log = open(self.var_dir / "shop.log", "w")  # noqa: SIM115
        gunicorn = str(Path(PYTHON).parent / "gunicorn")
        self.processes = [
            subprocess.Popen(
                [
                    gunicorn,
                    "shop.wsgi",
                    "--config",
                    "gunicorn.conf.py",
                    "--workers",
                    "2",
                    "--bind",
                    f"127.0.0.1:{self.port}",
                    "--access-logfile",
                    "/dev/null",
                ],
                cwd=PROJECT,
                env=self.env,
                stdout=log,
                stderr=subprocess.STDOUT,
            ),
            self._worker(),
        ]
        deadline = time.monotonic() + 60
        while True:
            try:
                urlopen(f"{self.base}/healthz", timeout=2).read()
                return self
            except OSError:
                if time.monotonic() > deadline:
                    self.__exit__()
                    sys.exit("the shop did not start; see " + str(log.name))
                time.sleep(0.3)

    def _worker(self):
        return subprocess.Popen(
            [PYTHON, "manage.py", "run_huey"],
            cwd=PROJECT,
            env=self.env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )

    def worker_kill_and_restart(self) -> None:
        """The task worker dies at once (SIGKILL, as a lost host would), and
        a new one starts."""
        worker = self.processes[1]
        worker.kill()
        worker.wait(timeout=30)
        self.processes[1] = self._worker()

    def __exit__(self, *exc):
        for process in self.processes:
            process.terminate()
        for process in self.processes:
            process.wait(timeout=30)

    def log_lines(self, needle: str) -> int:
        text = (self.var_dir / "shop.log").read_text(errors="replace")
        return text.count(needle)


class Tally:
    def __init__(self):
        self.lock = threading.Lock()
        self.latencies, self.writes, self.server_errors = [], 0, 0
        self.other_errors, self.claims_accepted = 0, 0
        self.statuses = {}

    def record(self, seconds, status, *, write=False, claim=False):
        with self.lock:
            self.latencies.append(seconds)
            self.writes += write
            self.statuses[status] = self.statuses.get(status, 0) + 1
            if isinstance(status, int) and status >= 500:
                self.server_errors += 1
            elif not isinstance(status, int) or status >= 400:
                self.other_errors += 1
            elif claim:
                self.claims_accepted += 1


class Client:
    def __init__(self, base, tally, name):
        self.base, self.tally, self.name = base, tally, name
        self.opener = build_opener(HTTPCookieProcessor(CookieJar()), NoRedirect)
        self.token = ""

    def request(self, path, data=None, *, claim=False) -> str:
        body = None
        if data is not None:
            body = urlencode({"csrfmiddlewaretoken": self.token, **data}).encode()
        request = Request(self.base + path, data=body)
        if body is not None:
            request.add_header("Referer", self.base + path)
        started = time.perf_counter()
        text = ""
        try:
            with self.opener.open(request, timeout=TIMEOUT) as response:
                text = response.read().decode(errors="replace")
                status = response.status
        except HTTPError as error:
            status = error.code
            error.read()
        except (URLError, OSError) as error:
            status = type(error).__name__
        self.tally.record(
            time.perf_counter() - started, status, write=body is not None, claim=claim
        )
        token = CSRF.search(text)
        if token:
            self.token = token.group(1)
        return text

    def launch(self, product_path, until):
        n = 0
        while time.monotonic() < until:
            page = self.request(product_path)
            add = ADD.search(page)
            if add:
                self.request(add.group(1), {"quantity": 1})
            n += 1
            self.request(
                "/kit/claim/",
                {
                    "email": f"{self.name}-{n}@load.example.test",
                    "consent": "yes",
                    "source": "load",
                },
                claim=True,
            )

    def read(self, product_path, until):
        paths = ["/", "/catalogue/", product_path, "/search/?q=planner"]
        n = 0
        while time.monotonic() < until:
            self.request(paths[n % len(paths)])
            n += 1


def percentile(values, share):
    ordered = sorted(values)
    if not ordered:
        return 0.0
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def subscribers(env) -> int:
    code = "from content.kit.models import Subscriber as S; print(S.objects.count())"
    return int(manage(env, "shell", "-v0", "-c", code).strip())


def run_round(shop, env, clients, seconds, mix, product_path, label):
    tally = Tally()
    before = subscribers(env) if mix == "launch" else 0
    until = time.monotonic() + seconds
    started = time.monotonic()
    threads = []
    for i in range(clients):
        client = Client(shop.base, tally, f"{label}-c{clients}-{i}")
        work = client.launch if mix == "launch" else client.read
        threads.append(threading.Thread(target=work, args=(product_path, until)))
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.monotonic() - started
    stored = subscribers(env) - before if mix == "launch" else 0
    lat = tally.latencies
    return {
        "clients": clients,
        "requests": len(lat),
        "writes": tally.writes,
        "5xx": tally.server_errors,
        "other": tally.other_errors,
        "req/s": len(lat) / elapsed,
        "p50 ms": percentile(lat, 0.50) * 1000,
        "p99 ms": percentile(lat, 0.99) * 1000,
        "claims ok": tally.claims_accepted,
        "stored": stored,
        "statuses": tally.statuses,
    }


COLUMNS = ["clients", "requests", "writes", "5xx", "other", "req/s", "p50 ms", "p99 ms"]


def print_row(row, mix):
    columns = COLUMNS + (["claims ok", "stored"] if mix == "launch" else [])
    if row is None:
        print("  ".join(f"{name:>9}" for name in columns))
        return
    cells = []
    for name in columns:
        value = row[name]
        cells.append(f"{value:>9.1f}" if isinstance(value, float) else f"{value:>9}")
    print("  ".join(cells), flush=True)


def measure(env, var_dir, clients, seconds, mix="launch", on_row=None):
    """Set up a fresh shop, start it and run one round per number of clients.
    Returns the rows and how often 'database is locked' was logged; on_row
    sees each row as it comes."""
    set_up(env)
    rows = []
    with Shop(env, var_dir) as shop:
        catalogue = urlopen(shop.base + "/catalogue/", timeout=TIMEOUT).read()
        product_path = PRODUCT.search(catalogue.decode()).group(1)
        for n, count in enumerate(clients):
            row = run_round(shop, env, count, seconds, mix, product_path, f"r{n}")
            rows.append(row)
            if on_row:
                on_row(row)
        locked = shop.log_lines("database is locked")
    return rows, locked


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, nargs="+", default=[16, 32])
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--mix", choices=["launch", "read"], default="launch")
    parser.add_argument(
        "--postgres",
        action="store_true",
        help="PostgreSQL at BENCH_DATABASE_URL instead of the embedded SQLite",
    )
    args = parser.parse_args()

    var_dir = Path(tempfile.mkdtemp(prefix="gotobetter-load-"))
    database_url = redis_url = None
    if args.postgres:
        database_url = os.environ.get("BENCH_DATABASE_URL", POSTGRES)
        redis_url = os.environ.get("BENCH_REDIS_URL") or None
        fresh_postgres(database_url)
    env = shop_env(var_dir, database_url, redis_url)
    where = database_url or f"SQLite in {var_dir}"
    print(f"== {args.mix} mix, {args.seconds:g} s per round, on {where}", end="")
    print(f", Redis {redis_url}" if redis_url else ", no Redis", flush=True)

    def show(row):
        print_row(row, args.mix)
        statuses = row["statuses"].items()
        unusual = {k: v for k, v in statuses if k not in (200, 302)}
        if unusual:
            print(f"{'':>9}  answers other than 200/302: {unusual}")

    try:
        print_row(None, args.mix)
        __, locked = measure(
            env, var_dir, args.clients, args.seconds, args.mix, on_row=show
        )
        print(f"'database is locked' in the shop's log: {locked}")
    finally:
        if not os.environ.get("BENCH_KEEP"):
            shutil.rmtree(var_dir, ignore_errors=True)


if __name__ == "__main__":
    main()
