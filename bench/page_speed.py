"""Each anonymous public page's speed as a share of a static file's, and the
rendered product page against a stock django-oscar product page.

    .venv/bin/python bench/page_speed.py      # SQLite, then PostgreSQL with Redis
    .venv/bin/python bench/page_speed.py --only sqlite --seconds 10

Starts the shop as production runs it (gunicorn with 2 workers and the task
worker, DEBUG off; bench/load.py) with the demo catalogue, articles and kit,
on the embedded SQLite and then on PostgreSQL (BENCH_DATABASE_URL, default
postgres://postgres@127.0.0.1:5432/gotobetter_load, dropped and created again)
with Redis (BENCH_REDIS_URL, default redis://127.0.0.1:6379/14). wrk asks for
each page in turn (2 threads, 16 connections, taking gzip and brotli as a
browser does) and the table gives its
requests per second and their share of the rate of a static file (the
page's script) from the same server, measured before and after the pages.

Then the product page as a signed-in reader or a link with a query string
gets it (rendered, not from the page cache) is measured against the same page
of a stock django-oscar shop (bench/stock_oscar: Oscar's own settings and
templates, one product, SQLite, the same gunicorn) started beside it.
"""

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.request import urlopen

sys.path.insert(0, str(Path(__file__).resolve().parent))

from load import (  # noqa: E402
    POSTGRES,
    PROJECT,
    PYTHON,
    Shop,
    free_port,
    fresh_postgres,
    manage,
    set_up,
    shop_env,
)
from pages import public_pages  # noqa: E402

REDIS = "redis://127.0.0.1:6379/14"
# The static file compared against: the page's script (the stylesheet is in
# the page itself).
STATIC_FILE = re.compile(r'src="(/static/[^"]+\.js)"')
SERIES = re.compile(r'href="(/articles/series/[^"/]+/)"')
TOPIC = re.compile(r'href="(/articles/topics/[^"/]+/)"')
# What Chromium asks for: pages and static files go compressed, as to readers.
ACCEPT_ENCODING = "gzip, deflate, br, zstd"
# A query string the page cache does not know: the page is rendered.
RENDERED = "?from=bench"


def wrk(url: str, seconds: int) -> tuple[float, int]:
    """Requests per second, and how many answers were not 2xx or 3xx."""
    output = subprocess.run(
        ["wrk", "--threads", "2", "--connections", "16", "--duration",
         f"{seconds}s", "--header", f"Accept-Encoding: {ACCEPT_ENCODING}", url],
        check=True, capture_output=True, text=True,
    ).stdout  # fmt: skip
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    bad = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    return rate, int(bad.group(1)) if bad else 0


def pages_of(base: str) -> dict[str, str]:
    pages = public_pages(base)
    # Series are linked from every footer, topics from the articles.
    seen = [urlopen(pages[name]).read().decode() for name in ("home", "article")]
    for name, pattern in (("series", SERIES), ("topic", TOPIC)):
        found = next(filter(None, (pattern.search(html) for html in seen)), None)
        if found:
            pages[name] = base + found.group(1)
    pages.pop("not-found", None)
    return pages


def measure_shop(label: str, env, var_dir: Path, seconds: int, stock):
    set_up(env)
    manage(env, "build_kit")
    rows = []
    with Shop(env, var_dir) as shop:
        pages = pages_of(shop.base)
        static = shop.base + STATIC_FILE.search(urlopen(shop.base).read().decode())[1]
        for url in [static, *pages.values()]:
            urlopen(url).read()  # warm: the first visit fills the cache
        static_before, _ = wrk(static, seconds)
        for name, url in pages.items():
            rate, bad = wrk(url, seconds)
            rows.append((name, url[len(shop.base) :], rate, bad))
        static_after, _ = wrk(static, seconds)
        product = pages["product"]
        rendered, bad_rendered = wrk(product + RENDERED, seconds)
        stock_rate, bad_stock = wrk(stock.base + stock.product_path + RENDERED, seconds)
    static_rate = (static_before + static_after) / 2
    print(f"\n== {label}: static file {static_rate:.0f} requests/s "
          f"(before {static_before:.0f}, after {static_after:.0f}) ==")  # fmt: skip
    print(f"{'page':<12} {'path':<44} {'req/s':>8} {'share':>6}  errors")
    for name, path, rate, bad in rows:
        share = rate / static_rate
        mark = "" if share >= 0.5 else "  < 0.5"
        print(f"{name:<12} {path[:44]:<44} {rate:>8.0f} {share:>6.2f}  {bad}{mark}")
    print(
        f"rendered product page (query string): {rendered:.0f} requests/s; "
        f"stock django-oscar: {stock_rate:.0f} requests/s; "
        f"{rendered / stock_rate:.1f}x (errors {bad_rendered}, {bad_stock})"
    )


class StockOscar:
    """The stock django-oscar shop under the same gunicorn, on its own port."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.env = {
            **{k: v for k, v in os.environ.items() if k != "DATABASE_URL"},
            "DJANGO_SETTINGS_MODULE": "bench.stock_oscar.settings",
            "BENCH_STOCK_DIR": str(folder),
        }

    def __enter__(self):
        django = [PYTHON, "-m", "django"]
        run = {"cwd": PROJECT, "env": self.env, "check": True, "capture_output": True}
        subprocess.run([*django, "migrate", "-v0"], **run)
        seed = (PROJECT / "bench/stock_oscar/seed.py").read_text()
        path = subprocess.run([*django, "shell", "-c", seed], text=True, **run)
        self.product_path = product_path = path.stdout.strip().splitlines()[-1]
        gunicorn = str(Path(PYTHON).parent / "gunicorn")
        self.log = open(self.folder / "gunicorn.log", "w")  # noqa: SIM115
        self.process = subprocess.Popen(
            [gunicorn, "bench.stock_oscar.wsgi", "--workers", "2",
             "--bind", f"127.0.0.1:{self.port}"],
            cwd=PROJECT, env=self.env, stdout=self.log, stderr=subprocess.STDOUT,
        )  # fmt: skip
        deadline = time.monotonic() + 60
        while True:
            try:
                urlopen(self.base + product_path, timeout=2).read()
                return self
            except OSError:
                if time.monotonic() > deadline:
                    self.__exit__()
                    sys.exit("stock Oscar did not start; see " + self.log.name)
                time.sleep(0.3)

    def __exit__(self, *exc):
        self.process.terminate()
        self.process.wait(timeout=30)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=5)
    parser.add_argument("--only", choices=["sqlite", "postgres"])
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        sys.exit("wrk is needed: apt-get install wrk")
    stock_dir = tempfile.TemporaryDirectory()
    with stock_dir, StockOscar(Path(stock_dir.name)) as stock:
        for setup in ("sqlite", "postgres"):
            if args.only and setup != args.only:
                continue
            with tempfile.TemporaryDirectory() as var_dir:
                if setup == "sqlite":
                    env = shop_env(Path(var_dir), None, None)
                    label = "SQLite, no Redis"
                else:
                    database = os.environ.get("BENCH_DATABASE_URL", POSTGRES)
                    redis = os.environ.get("BENCH_REDIS_URL", REDIS)
                    fresh_postgres(database)
                    env = shop_env(Path(var_dir), database, redis)
                    label = "PostgreSQL with Redis"
                measure_shop(label, env, Path(var_dir), args.seconds, stock)


if __name__ == "__main__":
    main()
