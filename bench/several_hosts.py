"""Several machines, rehearsed on this one: one web host is stopped mid-run.

    sudo .venv/bin/python bench/several_hosts.py                # 3 x 15 s
    sudo .venv/bin/python bench/several_hosts.py --seconds 30   # 3 x 30 s

Needs root (network namespaces), PostgreSQL at BENCH_DATABASE_URL (its
database is dropped and made again) and installs Debian's haproxy and wrk
when they are missing. It starts:

- two web hosts: gunicorn (2 workers) each in a network namespace of its own
  (`ip netns`, reached through a veth pair), each with a VAR_DIR of its own
  that holds nothing but its static files;
- HAProxy in front, checking each host's /healthz every second, and
  passing /media/ on to the media bucket;
- the task worker, Redis, moto's S3 server (two buckets, public media and
  private files) and localstripe, whose webhook goes to the balancer.

It loads the demo data (its files into the buckets), then runs wrk against
the balancer in three rounds (before, during and after the stop) while
buyers pay and download their files and staff upload new versions of a
printable's file. In the middle round one web host is killed (SIGKILL, as a
lost machine). It prints requests and failures per round, buyers who paid
against orders against files downloaded, and whether each upload is seen
through both hosts (the stopped one is started again at the end, on a fresh
disk of its own). Columns marked * are failure counts; the exit status is 1
when one is not 0 or more than 1% of the requests around the stop failed.
"""

import argparse
import io
import json
import os
import re
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections import Counter
from pathlib import Path
from urllib.parse import urlsplit
from urllib.request import Request

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH))
sys.path.insert(0, str(BENCH.parent))

from load import PROJECT, PYTHON, free_port, fresh_postgres, manage, shop_env  # noqa: E402
from locked_doors import (  # noqa: E402
    Browser,
    buyer_at_payment,
    card,
    start_localstripe,
    webhook_to,
)
from nothing_lost import payment_intents  # noqa: E402

from tests.form_fields import PRODUCT_EDITOR, form_fields  # noqa: E402

DATABASE = os.environ.get(
    "BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/gotobetter_hosts"
)
PG_SOCKET_DIR = os.environ.get("BENCH_PG_SOCKET_DIR", "/var/run/postgresql")
VISA = "4242424242424242"
WEBHOOK = "/payments/stripe/webhook/"
PAYMENT = "/checkout/payment-details/"
DOWNLOAD = re.compile(r'href="(/downloads/[^"/]+/)"')
PRODUCT_TITLE = "Simple Meal Planner"
MEDIA_BUCKET, PRIVATE_BUCKET = "gtb-media", "gtb-private"
KEY_ID, KEY_SECRET = "rehearsal", "rehearsal-secret"
HOSTS = (1, 2)

failures = []


def failure(what, count):
    failures.append((what, count))


def run(*command, check=True, **kwargs):
    return subprocess.run(
        command, check=check, capture_output=True, text=True, **kwargs
    )


def ensure_debian_packages():
    missing = [name for name in ("haproxy", "wrk") if not shutil.which(name)]
    if missing:
        print(f"Installing Debian's {' '.join(missing)}", flush=True)
        run("apt-get", "update", "-qq")
        run(
            "apt-get",
            "install",
            "-y",
            "-qq",
            *missing,
            env={**os.environ, "DEBIAN_FRONTEND": "noninteractive"},
        )


# Network namespaces: host N is 10.77.N.2, the machine is 10.77.N.1 to it.


def namespace(n):
    return f"gtb-web{n}"


def host_ip(n):
    return f"10.77.{n}.2"


def machine_ip(n):
    return f"10.77.{n}.1"


def namespaces_remove():
    for n in HOSTS:
        run("ip", "netns", "del", namespace(n), check=False)
        run("ip", "link", "del", f"gtb{n}h", check=False)


def namespaces_add():
    namespaces_remove()
    for n in HOSTS:
        ns, outside, inside = namespace(n), f"gtb{n}h", f"gtb{n}n"
        run("ip", "netns", "add", ns)
        run("ip", "link", "add", outside, "type", "veth", "peer", "name", inside)
        run("ip", "link", "set", inside, "netns", ns)
        run("ip", "addr", "add", f"{machine_ip(n)}/24", "dev", outside)
        run("ip", "link", "set", outside, "up")
        inns = ("ip", "netns", "exec", ns)
        run(*inns, "ip", "addr", "add", f"{host_ip(n)}/24", "dev", inside)
        run(*inns, "ip", "link", "set", inside, "up")
        run(*inns, "ip", "link", "set", "lo", "up")
        run(*inns, "ip", "route", "add", "default", "via", machine_ip(n))


class Services:
    """Redis, moto's S3 server and localstripe on the machine, reachable from
    every namespace; PostgreSQL through its socket."""

    def __init__(self, tmp):
        self.tmp = tmp
        self.processes = []
        self.redis_port, self.s3_port = free_port(), free_port()
        self.processes.append(
            subprocess.Popen(
                [
                    "redis-server",
                    "--port",
                    str(self.redis_port),
                    "--bind",
                    "0.0.0.0",
                    "--protected-mode",
                    "no",
                    "--save",
                    "",
                    "--appendonly",
                    "no",
                    "--dir",
                    str(tmp),
                ],
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
        )
        self.processes.append(
            subprocess.Popen(
                [
                    str(Path(PYTHON).parent / "moto_server"),
                    "-H",
                    "0.0.0.0",
                    "-p",
                    str(self.s3_port),
                ],
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
        )
        localstripe, self.stripe_base = start_localstripe(tmp)
        self.stripe_port = urlsplit(self.stripe_base).port
        self.processes.append(localstripe)
        wait_until(lambda: self._s3_answers(), 30, "moto_server")
        self._buckets()

    def _s3_answers(self):
        try:
            self.s3().list_buckets()
            return True
        except Exception:  # noqa: BLE001  (not up yet)
            return False

    def s3(self):
        import boto3

        return boto3.client(
            "s3",
            endpoint_url=f"http://127.0.0.1:{self.s3_port}",
            region_name="us-east-1",
            aws_access_key_id=KEY_ID,
            aws_secret_access_key=KEY_SECRET,
        )

    def _buckets(self):
        """As the README sets them up: media readable by anyone, the private
        bucket by nobody without the keys."""
        client = self.s3()
        client.create_bucket(Bucket=MEDIA_BUCKET)
        client.create_bucket(Bucket=PRIVATE_BUCKET)
        policy = {
            "Version": "2012-10-17",
            "Statement": [
                {
                    "Effect": "Allow",
                    "Principal": "*",
                    "Action": "s3:GetObject",
                    "Resource": f"arn:aws:s3:::{MEDIA_BUCKET}/*",
                }
            ],
        }
        client.put_bucket_policy(Bucket=MEDIA_BUCKET, Policy=json.dumps(policy))

    def env(self, var_dir, at):
        """The environment of a process that sees the machine at `at`."""
        parts = urlsplit(DATABASE)
        database = (
            f"postgres://{parts.username or 'postgres'}@{parts.path}"
            f"?host={PG_SOCKET_DIR}"
        )
        env = shop_env(var_dir, database, f"redis://{at}:{self.redis_port}/0")
        env.update(
            ALLOWED_HOSTS=",".join(["127.0.0.1", *(host_ip(n) for n in HOSTS)]),
            PROXY_COUNT="1",
            STRIPE_API_BASE=f"http://{at}:{self.stripe_port}",
            STRIPE_RECONCILE_MINUTES="1",
            S3_MEDIA_BUCKET=MEDIA_BUCKET,
            S3_PRIVATE_BUCKET=PRIVATE_BUCKET,
            S3_ENDPOINT_URL=f"http://{at}:{self.s3_port}",
            S3_ADDRESSING_STYLE="path",
            S3_ACCESS_KEY_ID=KEY_ID,
            S3_SECRET_ACCESS_KEY=KEY_SECRET,
            # Every buyer comes through the balancer from 127.0.0.1.
            CARD_ATTEMPTS_PER_IP_PER_HOUR="1000000",
            CARD_DECLINES_PER_IP_PER_HOUR="1000000",
            # A few checks fetch each buyer's file again through each host.
            DOWNLOAD_LIMIT="100",
        )
        return env

    def close(self):
        for process in self.processes:
            process.terminate()
        for process in self.processes:
            process.wait(timeout=10)


class WebHost:
    """gunicorn in its own namespace, with a disk (VAR_DIR) of its own."""

    def __init__(self, n, services, tmp):
        self.n = n
        self.var_dir = Path(tmp) / f"web{n}"
        self.env = services.env(self.var_dir, machine_ip(n))
        self.base = f"http://{host_ip(n)}:8000"
        self.process = None

    def start(self):
        if self.var_dir.exists():
            # A fresh machine: nothing on its disk (its log is kept aside).
            shutil.move(self.var_dir / "gunicorn.log", f"{self.var_dir}.first.log")
            shutil.rmtree(self.var_dir)
        self.var_dir.mkdir(parents=True)
        manage(self.env, "collectstatic", "--noinput", "-v0")
        log = open(self.var_dir / "gunicorn.log", "w")  # noqa: SIM115
        self.process = subprocess.Popen(
            [
                "ip",
                "netns",
                "exec",
                namespace(self.n),
                str(Path(PYTHON).parent / "gunicorn"),
                "shop.wsgi",
                "--config",
                "gunicorn.conf.py",
                "--workers",
                "3",
                "--bind",
                "0.0.0.0:8000",
                "--access-logfile",
                "/dev/null",
            ],
            cwd=PROJECT,
            env=self.env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        wait_until(
            lambda: (
                Browser(self.base).open("/healthz")[0] == 200
                if self._alive()
                else False
            ),
            60,
            f"web host {self.n}",
        )

    def _alive(self):
        return self.process.poll() is None

    def kill(self):
        """The machine is lost: every process at once, nothing finished."""
        os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=10)

    def stop(self):
        if self.process and self._alive():
            os.killpg(self.process.pid, signal.SIGTERM)
            self.process.wait(timeout=30)


def wait_until(check, seconds, what):
    deadline = time.monotonic() + seconds
    while True:
        try:
            if check():
                return
        except OSError:
            pass
        if time.monotonic() > deadline:
            sys.exit(f"{what} did not start")
        time.sleep(0.3)


def haproxy(tmp, port, services):
    config = Path(tmp) / "haproxy.cfg"
    servers = "\n".join(
        f"    server web{n} {host_ip(n)}:8000 maxconn 2 "
        "check inter 1s fall 3 rise 2 observe layer4 error-limit 1 on-error mark-down"
        for n in HOSTS
    )
    config.write_text(f"""
global
    maxconn 4096
    log stdout format raw local0 info
defaults
    mode http
    log global
    option httplog
    timeout connect 2s
    timeout client 60s
    timeout server 60s
    # Each host takes one request fewer at once than it has workers: the
    # rest wait here, so a health check always finds a free worker and a
    # busy host is never taken for a dead one.
    timeout queue 30s
    timeout check 5s
    retries 5
    option redispatch 1
    retry-on conn-failure empty-response response-timeout
frontend shop
    bind 127.0.0.1:{port}
    option forwardfor
    use_backend media if {{ path_beg /media/ }}
    default_backend web
backend web
    option httpchk
    http-check send meth GET uri /healthz ver HTTP/1.1 hdr Host 127.0.0.1
    http-check expect status 200
{servers}
backend media
    http-request replace-path ^/media/(.*) /{MEDIA_BUCKET}/\\1
    server s3 127.0.0.1:{services.s3_port}
""")
    log = open(Path(tmp) / "haproxy.log", "w")  # noqa: SIM115
    return subprocess.Popen(
        ["haproxy", "-f", str(config), "-db"], stdout=log, stderr=subprocess.STDOUT
    )


def psql(query):
    return run("psql", DATABASE, "-Atc", query).stdout.strip()


# Buyers and staff -----------------------------------------------------------


class Buyers:
    """Buyers paying for printables through the balancer, one after another
    on each thread, then downloading every file the thank-you page lists (a
    buyer tries a failed download again, up to five times in ten seconds)."""

    def __init__(self, base, stripe_base, products, threads=4):
        self.base, self.stripe_base, self.products = base, stripe_base, products
        self.lock = threading.Lock()
        self.stop = threading.Event()
        self.started = self.thank_you = self.interrupted = 0
        self.links = {}  # link path -> delivered
        self.reasons = Counter()  # the page a buyer gave up on
        self.threads = [
            threading.Thread(target=self._buy, args=(i,)) for i in range(threads)
        ]

    def start(self):
        for thread in self.threads:
            thread.start()

    def finish(self):
        self.stop.set()
        for thread in self.threads:
            thread.join()

    def _buy(self, i):
        n = 0
        while not self.stop.is_set():
            n += 1
            product = self.products[(i + n) % len(self.products)]
            with self.lock:
                self.started += 1
            try:
                page = self._pay(product, f"buyer-{i}-{n}@hosts.example.test")
            except Exception as error:  # noqa: BLE001  (the buyer gives up)
                page = f"{type(error).__name__}: {error}"
            if "Thank you for your order" not in page:
                title = re.search(r"<title>([^<]*)", page)
                with self.lock:
                    self.interrupted += 1
                    self.reasons[title.group(1).strip() if title else page[:60]] += 1
                continue
            with self.lock:
                self.thank_you += 1
            for path in dict.fromkeys(DOWNLOAD.findall(page)):
                delivered = self._download(path)
                with self.lock:
                    self.links[path] = delivered

    def _pay(self, product, email):
        buyer = buyer_at_payment(self.base, product, email)
        payment = card(self.stripe_base, VISA)
        return buyer.open(PAYMENT, {"payment_method": payment})[2]

    def _download(self, path):
        for __ in range(5):
            try:
                status, head, body = Browser(self.base).open(path)
                if status == 200 and body[:4] in ("%PDF", "PK\x03\x04"):
                    return True
            except Exception:  # noqa: BLE001  (tried again)
                pass
            time.sleep(2)
        return False


def pdf_bytes(text, pages=2):
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    drawing = canvas.Canvas(buffer)
    for __ in range(pages):
        drawing.drawString(72, 720, text)
        drawing.showPage()
    drawing.save()
    return buffer.getvalue()


def staff_signed_in(base, password):
    staff = Browser(base)
    staff.open("/admin/login/")
    staff.open("/admin/login/", {"username": "rehearsal-staff", "password": password})
    return staff


def upload_version(staff, product_id, marker):
    """Staff replace the printable's file in the product editor: one POST of
    the whole form, as a browser sends it."""
    path = f"/dashboard/catalogue/products/{product_id}/"
    status, __, page = staff.open(path)
    if status != 200:
        return status
    fields = {**form_fields(page, form_id=PRODUCT_EDITOR), "action": "continue"}
    boundary = uuid.uuid4().hex
    body = io.BytesIO()
    for name, value in fields.items():
        body.write(
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"'
            f"\r\n\r\n{value}\r\n".encode()
        )
    body.write(
        f'--{boundary}\r\nContent-Disposition: form-data; name="files-0-replacement"; '
        f'filename="planner.pdf"\r\nContent-Type: application/pdf\r\n\r\n'.encode()
    )
    body.write(pdf_bytes(marker, pages=2) + b"\r\n")
    body.write(f"--{boundary}--\r\n".encode())
    request = Request(staff.base + path, data=body.getvalue(), method="POST")
    request.add_header("Content-Type", f"multipart/form-data; boundary={boundary}")
    request.add_header("Referer", staff.base + path)
    try:
        with staff.stay.open(request, timeout=60) as response:
            return response.status
    except Exception as error:  # noqa: BLE001
        return getattr(error, "code", 0)


def pdf_text(body: bytes) -> str:
    from pypdf import PdfReader

    return "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(body)).pages)


def seen_through(base, link_path, marker) -> bool:
    """The link delivers the version with this marker, read through `base`."""
    try:
        staff = Browser(base)
        with staff.follow.open(base + link_path, timeout=60) as response:
            return marker in pdf_text(response.read())
    except Exception:  # noqa: BLE001
        return False


# wrk --------------------------------------------------------------------------


def wrk(base, paths, seconds, tmp):
    script = Path(tmp) / "paths.lua"
    script.write_text(
        "paths = {" + ", ".join(f'"{p}"' for p in paths) + "}\n"
        "i = 0\n"
        "request = function()\n  i = i + 1\n"
        '  return wrk.format("GET", paths[i % #paths + 1])\nend\n'
    )
    output = run(
        "wrk",
        "-t",
        "2",
        "-c",
        "16",
        "-d",
        f"{seconds}s",
        "--timeout",
        "10s",
        "-s",
        str(script),
        base,
    ).stdout
    requests = int(re.search(r"(\d+) requests in", output).group(1))
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    errors = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output
    )
    failed = (int(non_2xx.group(1)) if non_2xx else 0) + (
        sum(int(x) for x in errors.groups()) if errors else 0
    )
    return requests, failed


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=15, help="per wrk round")
    parser.add_argument("--buyers", type=int, default=4)
    args = parser.parse_args()
    if os.geteuid() != 0:
        sys.exit("run as root: the web hosts live in network namespaces")
    ensure_debian_packages()
    tmp = tempfile.mkdtemp(prefix="gtb-hosts-")
    services = hosts = balancer = worker = None
    try:
        print(
            "Starting PostgreSQL's database, Redis, moto_server, localstripe",
            flush=True,
        )
        fresh_postgres(DATABASE)
        services = Services(tmp)
        setup_env = services.env(Path(tmp) / "setup", "127.0.0.1")
        print("Loading the demo data (files into the buckets)", flush=True)
        for command in (
            ["migrate", "--noinput", "-v0"],
            ["load_demo"],
            ["load_demo_articles"],
            ["build_kit"],
        ):
            manage(setup_env, *command)
        password = secrets.token_urlsafe(12)
        manage(
            setup_env,
            "shell",
            "--no-imports",
            "-c",
            "from django.contrib.auth import get_user_model;"
            "get_user_model().objects.create_superuser("
            f"'rehearsal-staff', 'staff@hosts.example.test', '{password}')",
        )
        print(
            "Starting two web hosts in their own namespaces, HAProxy, the worker",
            flush=True,
        )
        namespaces_add()
        hosts = {n: WebHost(n, services, tmp) for n in HOSTS}
        for host in hosts.values():
            host.start()
        worker_env = services.env(Path(tmp) / "worker", "127.0.0.1")
        (Path(tmp) / "worker").mkdir()
        worker = subprocess.Popen(
            [
                PYTHON,
                "manage.py",
                "run_huey",
                "--workers",
                "4",
                "--worker-type",
                "thread",
            ],
            cwd=PROJECT,
            env=worker_env,
            stdout=open(Path(tmp) / "worker.log", "w"),  # noqa: SIM115
            stderr=subprocess.STDOUT,
        )
        port = free_port()
        balancer = haproxy(tmp, port, services)
        base = f"http://127.0.0.1:{port}"
        wait_until(lambda: Browser(base).open("/healthz")[0] == 200, 30, "haproxy")
        webhook_to(services.stripe_base, base + WEBHOOK)

        catalogue = Browser(base).open("/catalogue/")[2]
        products = list(
            dict.fromkeys(
                re.findall(r'class="card__title"><a href="([^"]+)"', catalogue)
            )
        )
        on_sale = re.compile(r'action="/basket/add/\d+/"')
        products = [p for p in products if on_sale.search(Browser(base).open(p)[2])]
        print(f"{len(products)} printables on sale", flush=True)
        product_id = int(
            psql(f"select id from catalogue_product where title = '{PRODUCT_TITLE}'")
        )
        planner = next(p for p in products if "meal-planner" in p)
        pages = ["/", "/catalogue/", planner, "/articles/", "/kit/"]
        staff = staff_signed_in(base, password)

        buyers = Buyers(base, services.stripe_base, products, args.buyers)
        buyers.start()
        rounds, uploads = [], []

        def upload_later(after, marker):
            def go():
                time.sleep(after)
                uploads.append((marker, upload_version(staff, product_id, marker)))

            thread = threading.Thread(target=go)
            thread.start()
            return thread

        print(
            f"Round 1 ({args.seconds} s): both hosts up; staff upload edition 2",
            flush=True,
        )
        first = upload_later(args.seconds / 3, "Rehearsal edition 2")
        rounds.append(("both hosts up", *wrk(base, pages, args.seconds, tmp)))
        first.join()

        print(
            f"Round 2 ({args.seconds} s): web host 1 is killed a third of the way in",
            flush=True,
        )
        killer = threading.Timer(args.seconds / 3, hosts[1].kill)
        killer.start()
        rounds.append(("host 1 killed", *wrk(base, pages, args.seconds, tmp)))
        killer.join()

        print(
            f"Round 3 ({args.seconds} s): one host; staff upload edition 3", flush=True
        )
        second = upload_later(args.seconds / 3, "Rehearsal edition 3")
        rounds.append(("one host left", *wrk(base, pages, args.seconds, tmp)))
        second.join()
        buyers.finish()

        print(
            "Waiting for the worker to place every paid order (reconciliation)",
            flush=True,
        )
        intents = []

        def settled():
            nonlocal intents
            intents = [
                i for i in payment_intents(services) if i["status"] == "succeeded"
            ]
            sources = set(psql("select reference from payment_source").split())
            return all(i["id"] in sources for i in intents)

        deadline = time.monotonic() + 150
        while not settled() and time.monotonic() < deadline:
            time.sleep(3)

        print("Starting web host 1 again, on a fresh disk", flush=True)
        hosts[1].start()
        planner_link = psql(
            "select l.token from downloads_downloadlink l join order_line o on "
            f"o.id = l.line_id where o.product_id = {product_id} limit 1"
        )

        # The report ---------------------------------------------------------
        print()
        print(f"{'wrk round':<16}{'requests':>10}{'failed*':>9}{'failed %':>10}")
        for name, requests, failed in rounds:
            share = 100 * failed / requests if requests else 100
            print(f"{name:<16}{requests:>10}{failed:>9}{share:>9.2f}%")
        __, stop_requests, stop_failed = rounds[1]
        stop_share = 100 * stop_failed / stop_requests if stop_requests else 100
        failure("failed requests around the stop >= 1%", int(stop_share >= 1))

        sources = dict(
            line.split("|")
            for line in psql(
                "select reference, order_id from payment_source"
            ).splitlines()
            if line
        )
        orders = int(psql("select count(*) from order_order"))
        lost = [i["id"] for i in intents if i["id"] not in sources]
        unpaid = orders - len({sources[i["id"]] for i in intents if i["id"] in sources})
        without_links = int(
            psql(
                "select count(*) from order_line o where not exists (select 1 from "
                "downloads_downloadlink l where l.line_id = o.id)"
            )
        )
        delivered = sum(buyers.links.values())
        missing = len(buyers.links) - delivered
        print()
        print(
            f"{'buyers':<16}{'started':>9}{'thank-you':>11}{'gave up':>9}"
            f"{'paid':>7}{'orders':>8}{'lost*':>7}{'unpaid*':>9}"
        )
        print(
            f"{'':<16}{buyers.started:>9}{buyers.thank_you:>11}{buyers.interrupted:>9}"
            f"{len(intents):>7}{orders:>8}{len(lost):>7}{unpaid:>9}"
        )
        print(
            f"{'files':<16}{'links seen':>11}{'downloaded':>12}{'missing*':>10}"
            f"{'lines without links*':>22}"
        )
        print(
            f"{'':<16}{len(buyers.links):>11}{delivered:>12}{missing:>10}"
            f"{without_links:>22}"
        )
        for reason, count in buyers.reasons.most_common(5):
            print(f"  gave up on: {reason} ({count})")
        failure("paid without order", len(lost))
        failure("orders without payment", unpaid)
        failure("files not delivered", missing)
        failure("order lines without download links", without_links)

        print()
        print(
            f"{'staff upload':<22}{'answer':>8}  {'via host 1':>10}  {'via host 2':>10}"
        )
        path = f"/downloads/{planner_link}/"
        for marker, status in uploads:
            latest = marker == uploads[-1][0]
            seen = [seen_through(hosts[n].base, path, marker) for n in HOSTS]
            shown = ["yes" if s else ("n/a" if not latest else "NO") for s in seen]
            print(f"{marker:<22}{status:>8}  {shown[0]:>10}  {shown[1]:>10}")
            failure(f"{marker} refused", int(status != 302))
            if latest:
                failure(f"{marker} not seen through both hosts", 2 - sum(seen))
        media = re.findall(r'(/media/[^"\s,]+)', Browser(base).open(planner)[2])
        media_ok = sum(Browser(base).open(m)[0] == 200 for m in dict.fromkeys(media))
        print(
            f"pictures on the planner's page served from the media bucket: "
            f"{media_ok} of {len(set(media))}"
        )
        failure("pictures missing", len(set(media)) - media_ok)
        anonymous = Browser(f"http://127.0.0.1:{services.s3_port}").open(
            f"/{PRIVATE_BUCKET}/"
            + psql("select file from downloads_productfile limit 1")
        )[0]
        print(f"a private file's plain URL at the object store answers {anonymous}")
        failure("private file readable", int(anonymous != 403))
    finally:
        for host in (hosts or {}).values():
            host.stop()
        for process in (balancer, worker):
            if process:
                process.terminate()
                process.wait(timeout=30)
        if services:
            services.close()
        namespaces_remove()
    bad = [(what, count) for what, count in failures if count]
    print()
    print("all 0" if not bad else "NOT all 0: " + ", ".join(f"{w} {c}" for w, c in bad))
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
