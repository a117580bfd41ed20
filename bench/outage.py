"""What readers get while Redis is up, stopped, frozen and back again.

Starts the shop as production runs it (gunicorn, 2 workers, DEBUG off) on a
fresh SQLite database in a temporary VAR_DIR with the demo catalogue, and a
redis-server of its own on a free port (nothing saved to disk). Then, for
each state of Redis, readers on a few threads fetch the public pages for some
seconds, and a table shows how many requests were served, how many answered
5xx or not at all, and the median and 99th percentile times.

    .venv/bin/python bench/outage.py [--seconds 10] [--readers 4] [--project DIR]

--project runs another copy of the shop (an exported older commit, say)
with this checkout's virtualenv. Standard library only.
"""

import argparse
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from pages import public_pages  # noqa: E402

HERE = Path(__file__).resolve().parent.parent
PYTHON = Path(sys.executable)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_until(check, what, seconds=60):
    deadline = time.monotonic() + seconds
    while not check():
        if time.monotonic() > deadline:
            sys.exit(f"{what} did not start")
        time.sleep(0.2)


class Redis:
    def __init__(self, folder):
        self.folder = folder
        self.port = free_port()
        self.process = None
        self.frozen = False

    def start(self):
        self.process = subprocess.Popen(
            [shutil.which("redis-server") or "/usr/bin/redis-server",
             "--port", str(self.port), "--bind", "127.0.0.1",
             "--save", "", "--appendonly", "no", "--dir", str(self.folder)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )  # fmt: skip
        wait_until(self.answers, "redis-server")

    def answers(self):
        try:
            with socket.create_connection(("127.0.0.1", self.port), timeout=1) as s:
                s.sendall(b"PING\r\n")
                return s.recv(16).startswith(b"+PONG")
        except OSError:
            return False

    def stop(self):
        if self.process is not None:
            self.thaw()
            self.process.terminate()
            self.process.wait(timeout=10)
            self.process = None

    def freeze(self):
        os.kill(self.process.pid, signal.SIGSTOP)
        self.frozen = True

    def thaw(self):
        if self.frozen:
            os.kill(self.process.pid, signal.SIGCONT)
            self.frozen = False


def shop_environment(var_dir, redis_url):
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("STRIPE_", "DATABASE_", "EMAIL_"))
    }
    env.update(
        DJANGO_SETTINGS_MODULE="shop.settings",
        VAR_DIR=str(var_dir),
        REDIS_URL=redis_url,
        DEBUG="0",
        SECRET_KEY="outage-bench-only-not-a-secret-0123456789",
        ALLOWED_HOSTS="127.0.0.1",
        SECURE_SSL_REDIRECT="0",
        SESSION_COOKIE_SECURE="0",
        CSRF_COOKIE_SECURE="0",
        SECURE_HSTS_SECONDS="0",
        STRIPE_LOCAL_NOT_FOR_PRODUCTION="1",
        SERVE_MEDIA="1",
        LOG_LEVEL="WARNING",
    )
    return env


def set_up(project, env):
    for command in (
        ["migrate", "--noinput"],
        ["collectstatic", "--noinput"],
        ["load_demo"],
        ["load_demo_articles"],
        ["build_kit"],
    ):
        subprocess.run(
            [str(PYTHON), "manage.py", *command, "--verbosity", "0"],
            cwd=project, env=env, check=True, stdout=subprocess.DEVNULL,
        )  # fmt: skip


def fetch(url, timeout=30):
    """(status, seconds); status None when nothing came back in time."""
    started = time.monotonic()
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            response.read()
            status = response.status
    except urllib.error.HTTPError as error:
        status = error.code
    except OSError:
        status = None
    return status, time.monotonic() - started


def read_pages(urls, seconds, readers):
    results = []
    lock = threading.Lock()
    stop_at = time.monotonic() + seconds

    def reader(offset):
        n = offset
        while time.monotonic() < stop_at:
            result = fetch(urls[n % len(urls)])
            n += 1
            with lock:
                results.append(result)

    threads = [threading.Thread(target=reader, args=(i,)) for i in range(readers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def percentile(values, fraction):
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


def row(state, results, health):
    times = [seconds * 1000 for __, seconds in results]
    server_errors = sum(1 for status, __ in results if status and status >= 500)
    no_answer = sum(1 for status, __ in results if status is None)
    return (
        f"{state:<10} {len(results):>8} {server_errors:>5} {no_answer:>9} "
        f"{percentile(times, 0.5):>8.0f} {percentile(times, 0.99):>8.0f}   {health}"
    )


def states(project, seconds, readers, on_start=None):
    """Set up the shop and its Redis, then yield (state, results, /healthz
    status) for Redis up, frozen, thawed, stopped and restarted."""
    var_dir = Path(tempfile.mkdtemp(prefix="gotobetter-outage-"))
    redis = Redis(var_dir)
    server = None
    try:
        redis.start()
        env = shop_environment(var_dir, f"redis://127.0.0.1:{redis.port}/0")
        print(f"Setting up the demo shop in {var_dir}", file=sys.stderr)
        set_up(project, env)
        port = free_port()
        base = f"http://127.0.0.1:{port}"
        with open(var_dir / "gunicorn.log", "w") as log:
            server = subprocess.Popen(
                [str(PYTHON.parent / "gunicorn"), "shop.wsgi",
                 "--config", "gunicorn.conf.py", "--workers", "2",
                 "--bind", f"127.0.0.1:{port}", "--access-logfile", "/dev/null"],
                cwd=project, env={**env, "PORT": str(port)},
                stdout=log, stderr=subprocess.STDOUT,
            )  # fmt: skip
        wait_until(lambda: fetch(f"{base}/healthz", 2)[0] is not None, "gunicorn")
        pages = public_pages(base)
        pages.pop("not-found", None)
        urls = list(pages.values())
        if on_start:
            on_start(urls)
        changes = [
            ("up", lambda: None),
            ("frozen", redis.freeze),
            ("thawed", redis.thaw),
            ("stopped", redis.stop),
            ("restarted", redis.start),
        ]
        for state, change in changes:
            change()
            results = read_pages(urls, seconds, readers)
            status, __ = fetch(f"{base}/healthz", 30)
            yield state, results, status
    finally:
        if server is not None:
            server.terminate()
            server.wait(timeout=30)
        redis.stop()
        shutil.rmtree(var_dir, ignore_errors=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=10)
    parser.add_argument("--readers", type=int, default=4)
    parser.add_argument("--project", type=Path, default=HERE)
    args = parser.parse_args()

    def started(urls):
        print(
            f"{len(urls)} public pages, {args.readers} readers, "
            f"{args.seconds:g} s per state\n",
            file=sys.stderr,
        )
        print("state      requests   5xx no-answer  p50 ms   p99 ms   /healthz")

    for state, results, health in states(
        args.project, args.seconds, args.readers, on_start=started
    ):
        print(row(state, results, health), flush=True)


if __name__ == "__main__":
    main()
