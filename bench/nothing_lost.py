"""Nothing lost: every measurement of the "Nothing lost" issue in one table.

    .venv/bin/python bench/nothing_lost.py                # 30 s per launch round
    .venv/bin/python bench/nothing_lost.py --seconds 60   # the issue's target

Each section starts the shop as production runs it (gunicorn with 2 workers
and the task worker, DEBUG off) on a fresh database, and measures:

1. launch writes: 16 and 32 clients adding to baskets and claiming the kit,
   on the embedded SQLite and on PostgreSQL at BENCH_DATABASE_URL (dropped
   and created again; the rows are skipped, with the reason, when it cannot
   be reached): 5xx, other errors, p99, and kit claims accepted but not stored;
2. the public pages while Redis is up, frozen, thawed, stopped and restarted
   (bench/outage.py): 5xx and requests left unanswered;
3. e-mail through a long mail outage: kit claims and card purchases while the
   mail server is down, the task worker killed and restarted meanwhile, then
   the mail server comes back: every e-mail owed must arrive;
4. successful payments against orders after plain purchases, a 3-D Secure
   purchase whose buyer never comes back, the basket changed during 3-D
   Secure, and a payment whose webhook never arrives (reconciliation only);
5. card testing: 100 declined cards from one address, a new basket each time
   and all in one basket: how many reached Stripe within a minute.

Columns marked * are failure counts. The last line says whether all of them
are 0; the exit status is 1 when one is not.
"""

import argparse
import email
import email.policy
import itertools
import json
import os
import re
import shutil
import socket
import sqlite3
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from subprocess import CalledProcessError
from urllib.error import HTTPError
from urllib.parse import urlsplit
from urllib.request import Request, urlopen

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH))
sys.path.insert(0, str(BENCH.parent))

import outage  # noqa: E402
from load import (  # noqa: E402
    Shop,
    fresh_postgres,
    measure,
    percentile,
    set_up,
    shop_env,
)
from locked_doors import (  # noqa: E402
    SECRET,
    Browser,
    buyer_at_payment,
    card,
    shell,
    start_localstripe,
    stripe,
    webhook_to,
)

from tests.smtp import SmtpServer  # noqa: E402

POSTGRES = "postgres://postgres@127.0.0.1:5432/gotobetter_nothing_lost"
PAYMENT = "/checkout/payment-details/"
WEBHOOK = "/payments/stripe/webhook/"
VISA, THREE_D_SECURE, DECLINED = (
    "4242424242424242",
    "4000002500003155",
    "4000000000000341",
)
THANK_YOU = "Thank you for your order"
TOO_MANY_TRIES = "Too many card payments were tried"
# The guard's default: declined cards from one address in an hour.
DECLINES_PER_IP = 8
ADD = re.compile(r'action="(/basket/add/\d+/)"')
PRODUCT = re.compile(r'class="card__title"><a href="([^"]+)"')

failures = []  # (what, count)
BUYERS = itertools.count()


def failure(what, count):
    failures.append((what, count))
    return count


def section(title, columns, note=False):
    """Print a section's header; returns a function that prints its rows.
    The first column is a label; with note, the last one is free text."""
    widths = [max(len(name), 9) for name in columns]
    widths[0] = 32
    last = len(columns) - 1

    def line(*values):
        cells = []
        for i, (value, width) in enumerate(zip(values, widths, strict=True)):
            if isinstance(value, float):
                value = f"{value:.0f}"
            if note and i == last:
                cells.append(str(value))
            else:
                cells.append(f"{value:<{width}}" if i == 0 else f"{value:>{width}}")
        print("  ".join(cells).rstrip(), flush=True)

    print(f"\n== {title}")
    line(*columns)
    return line


# 1. Launch writes ------------------------------------------------------------


def launch_writes(seconds, clients):
    row = section(
        f"1. Launch writes, {seconds:g} s per round (kit claims accepted vs stored)",
        ["database", "clients", "requests", "writes", "5xx*", "other*",
         "p99 ms", "accepted", "stored", "lost*"],
    )  # fmt: skip

    def show(where):
        def on_row(r):
            lost = r["claims ok"] - r["stored"]
            label = f"{where} {r['clients']}"
            failure(f"launch {label}: 5xx", r["5xx"])
            failure(f"launch {label}: other errors", r["other"])
            failure(f"launch {label}: claims lost", lost)
            row(where, r["clients"], r["requests"], r["writes"], r["5xx"],
                r["other"], r["p99 ms"], r["claims ok"], r["stored"], lost)  # fmt: skip
            unusual = {k: v for k, v in r["statuses"].items() if k not in (200, 302)}
            if unusual:
                print(f"{'':22}  answers other than 200/302: {unusual}")

        return on_row

    var_dir = Path(tempfile.mkdtemp(prefix="gotobetter-lost-sqlite-"))
    try:
        measure(shop_env(var_dir, None, None), var_dir, clients, seconds,
                on_row=show("SQLite"))  # fmt: skip
    finally:
        shutil.rmtree(var_dir, ignore_errors=True)

    url = os.environ.get("BENCH_DATABASE_URL", POSTGRES)
    reason = postgres_unreachable(url)
    if reason:
        print(f"PostgreSQL rows skipped: {reason}")
        return
    var_dir = Path(tempfile.mkdtemp(prefix="gotobetter-lost-postgres-"))
    try:
        measure(shop_env(var_dir, url, None), var_dir, clients, seconds,
                on_row=show("PostgreSQL"))  # fmt: skip
    finally:
        shutil.rmtree(var_dir, ignore_errors=True)


def postgres_unreachable(url) -> str:
    """Why PostgreSQL cannot be used here, or "" once it is fresh."""
    parts = urlsplit(url)
    where = f"{parts.hostname}:{parts.port or 5432}"
    try:
        socket.create_connection((parts.hostname, parts.port or 5432), 3).close()
    except OSError as error:
        return f"nothing answers at {where} ({error})"
    try:
        fresh_postgres(url)
    except (OSError, CalledProcessError) as error:
        detail = getattr(error, "stderr", b"") or b""
        return f"cannot re-create the database at {where}: {detail.decode().strip()}"
    return ""


# 2. Redis stopped and frozen -------------------------------------------------


def redis_outage(seconds, readers):
    row = section(
        f"2. Public pages while Redis changes, {readers} readers, {seconds:g} s each",
        [
            "Redis",
            "requests",
            "5xx*",
            "unanswered*",
            "p50 ms",
            "p99 ms",
            "/healthz",
        ],
        note=True,
    )
    for state, results, health in outage.states(outage.HERE, seconds, readers):
        times = [took * 1000 for __, took in results]
        errors = sum(1 for status, __ in results if status and status >= 500)
        unanswered = sum(1 for status, __ in results if status is None)
        failure(f"Redis {state}: 5xx", errors)
        failure(f"Redis {state}: unanswered", unanswered)
        row(state, len(results), errors, unanswered, percentile(times, 0.5),
            percentile(times, 0.99), health)  # fmt: skip


# 3-5. The shop with its mail server and Stripe --------------------------------


class Inbox:
    """What the mail server received: (recipient, subject) per delivery."""

    def __init__(self):
        self.lock = threading.Lock()
        self.received = []

    async def handle_DATA(self, server, session, envelope):
        message = email.message_from_bytes(
            envelope.content, policy=email.policy.default
        )
        with self.lock:
            for recipient in envelope.rcpt_tos:
                self.received.append((recipient.lower(), str(message["subject"])))
        return "250 Message accepted"


class PaymentsShop:
    """One shop for sections 3 to 5: its own localstripe, its mail server
    (down at first) and a proxy in front (PROXY_COUNT=1), so a buyer that
    sends X-Forwarded-For comes from that address. On the embedded SQLite,
    or on PostgreSQL for the card-testing rows."""

    def __init__(self, tmp, database_url=None):
        self.var_dir = Path(tmp)
        self.localstripe, self.stripe_base = start_localstripe(tmp)
        self.smtp = SmtpServer()
        self.smtp.inbox = self.inbox = Inbox()
        self.shop = None
        try:
            self._start(database_url)
        except BaseException:
            self.close()
            raise

    def _start(self, database_url):
        self.env = shop_env(self.var_dir, database_url, None)
        self.env.update(
            STRIPE_API_BASE=self.stripe_base,
            EMAIL_URL=f"smtp://127.0.0.1:{self.smtp.port}",
            MAIL_RETRY_DELAY="1",
            MAIL_RETRY_MAX_DELAY="2",
            PROXY_COUNT="1",
            # Every buyer sends an address of its own; the guard's limits
            # are the defaults.
            CARD_DECLINES_PER_IP_PER_HOUR=str(DECLINES_PER_IP),
        )
        set_up(self.env)
        self.shop = Shop(self.env, self.var_dir).__enter__()
        self.base = self.shop.base
        webhook_to(self.stripe_base, self.base + WEBHOOK)
        catalogue = Browser(self.base).open("/catalogue/")[2]
        self.products = list(dict.fromkeys(PRODUCT.findall(catalogue)))

    def close(self):
        if self.shop is not None:
            self.shop.__exit__()
        self.smtp.stop()
        self.localstripe.terminate()
        self.localstripe.wait(timeout=10)

    def db(self, query, *params):
        with sqlite3.connect(self.var_dir / "db.sqlite3", timeout=30) as db:
            return db.execute(query, params).fetchall()


def buy(shop, product, email, number=VISA):
    """A buyer, from an address of their own, pays with a card; (browser, the
    page the payment ends on)."""
    headers = {"X-Forwarded-For": f"192.0.2.{next(BUYERS) % 250 + 1}"}
    buyer = buyer_at_payment(shop.base, product, email, headers)
    page = buyer.open(PAYMENT, {"payment_method": card(shop.stripe_base, number)})[2]
    return buyer, page


def authenticate(shop, intent_id) -> int:
    """The buyer completes 3-D Secure in the bank's window, as localstripe's
    Stripe.js does; the HTTP status."""
    intent = stripe(shop.stripe_base, f"/v1/payment_intents/{intent_id}")
    request = Request(
        f"{shop.stripe_base}/v1/payment_intents/{intent_id}/_authenticate?success=true",
        data=json.dumps(
            {"key": "pk_test_localstripe", "client_secret": intent["client_secret"]}
        ).encode(),
        method="POST",
    )
    try:
        with urlopen(request, timeout=30) as response:
            return response.status
    except HTTPError as error:
        return error.code


def order_for(shop, intent_id) -> bool:
    return bool(shop.db("select 1 from payment_source where reference = ?", intent_id))


def wait_for(check, seconds):
    deadline = time.monotonic() + seconds
    while not check():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.5)
    return True


def claim_kit(shop, address) -> bool:
    reader = Browser(shop.base)
    reader.open("/kit/")
    status = reader.open(
        "/kit/claim/",
        {"email": address, "consent": "yes", "source": "nothing-lost"},
        follow=False,
    )[0]
    return status == 302


# 3. E-mail through a long mail outage ------------------------------------------


def mail_outage(shop, claims, purchases, outage_seconds, wait_seconds):
    row = section(
        f"3. E-mail through a {outage_seconds:g} s mail outage "
        "(task worker killed and restarted during it)",
        ["e-mails", "claims ok", "paid", "owed", "unwritten*", "delivered",
         "lost*", "duplicated", "s to deliver"],
    )  # fmt: skip
    started = time.monotonic()
    accepted = sum(
        claim_kit(shop, f"reader-{n}@nothing-lost.example.test") for n in range(claims)
    )
    paid = 0
    for n in range(purchases):
        __, page = buy(shop, shop.products[0], f"buyer-{n}@nothing-lost.example.test")
        paid += THANK_YOU in page
    remaining = outage_seconds - (time.monotonic() - started)
    time.sleep(max(remaining / 2, 0))
    shop.shop.worker_kill_and_restart()
    time.sleep(max(outage_seconds - (time.monotonic() - started), 0))

    owed_rows = shop.db('select lower("to"), subject from mail_outgoingmessage')
    owed = set(owed_rows)
    shop.smtp.start()
    back = time.monotonic()

    def all_arrived():
        with shop.inbox.lock:
            return owed <= set(shop.inbox.received)

    arrived = wait_for(all_arrived, wait_seconds)
    took = time.monotonic() - back
    time.sleep(3)  # a duplicate sent just after the last message shows up too
    with shop.inbox.lock:
        received = list(shop.inbox.received)
    lost = len(owed - set(received))
    duplicated = len(received) - len(set(received))
    unwritten = max(accepted + paid - len(owed_rows), 0)
    failure("e-mails never written to the outbox", unwritten)
    failure("e-mails owed but not delivered", lost)
    took = f"{took:.0f}" if arrived else f">{wait_seconds:g}"
    row("kit + receipts", accepted, paid, len(owed_rows), unwritten, len(received),
        lost, duplicated, took)  # fmt: skip
    if lost:
        states = shop.db(
            "select status, count(*) from mail_outgoingmessage group by status"
        )
        print(f"{'':22}  outbox states: {dict(states)}")


# 4. Payments vs orders after the fault sequences ---------------------------------


def fault_sequences(shop, plain):
    row = section(
        "4. Payments vs orders after the fault sequences",
        ["sequence", "placed", "how"],
        note=True,
    )
    product, second = shop.products[0], shop.products[1]

    placed = 0
    for n in range(plain):
        __, page = buy(shop, product, f"plain-{n}@nothing-lost.example.test")
        placed += THANK_YOU in page
    row("a. plain purchases", f"{placed}/{plain}", "payment page")

    # b. 3-D Secure, then the buyer closes the tab: never sees the thank-you page.
    __, page = buy(shop, product, "closed-tab@nothing-lost.example.test",
                   THREE_D_SECURE)  # fmt: skip
    intent_id = SECRET.search(page)[1]
    status = authenticate(shop, intent_id)
    by_webhook = wait_for(lambda: order_for(shop, intent_id), 20)
    row("b. 3DS, tab closed", "yes" if by_webhook else "not yet",
        f"authenticated {status}; webhook within 20 s: {by_webhook}")  # fmt: skip

    # c. The basket changes during 3-D Secure: the old payment must fail.
    buyer, page = buy(shop, product, "changed@nothing-lost.example.test",
                      THREE_D_SECURE)  # fmt: skip
    old = SECRET.search(page)[1]
    buyer.open(PAYMENT)  # reloaded while the bank's window is open
    add = ADD.search(buyer.open(second)[2])[1]
    buyer.open(add, {"quantity": 1})
    late = authenticate(shop, old)
    old_status = stripe(shop.stripe_base, f"/v1/payment_intents/{old}")["status"]
    page = buyer.open(PAYMENT, {"payment_method": card(shop.stripe_base, VISA)})[2]
    ok = THANK_YOU in page
    failure("3DS basket change: old payment authenticated", int(late < 400))
    row("c. 3DS, basket changed", "yes" if ok else "no",
        f"old authentication answered {late}, old payment {old_status}")  # fmt: skip

    # d. The webhook never arrives: only reconciliation can place it.
    webhook_to(shop.stripe_base, f"http://127.0.0.1:{free_dead_port()}{WEBHOOK}")
    __, page = buy(shop, product, "no-webhook@nothing-lost.example.test",
                   THREE_D_SECURE)  # fmt: skip
    intent_id = SECRET.search(page)[1]
    authenticate(shop, intent_id)
    time.sleep(3)  # the stand-in tries its webhook after 1 s
    before = order_for(shop, intent_id)
    webhook_to(shop.stripe_base, shop.base + WEBHOOK)
    read = shell(
        shop.env,
        "from shop.payments.tasks import reconcile_stripe_events;"
        "print(reconcile_stripe_events.call_local())",
    )
    after = order_for(shop, intent_id)
    row("d. webhook unreachable", "yes" if after else "no",
        f"placed before reconciliation: {before}; it read {read} events")  # fmt: skip

    payments_vs_orders(shop)


def free_dead_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def payment_intents(shop):
    intents, after = [], None
    while True:
        query = "?limit=100" + (f"&starting_after={after}" if after else "")
        page = stripe(shop.stripe_base, "/v1/payment_intents" + query)
        intents += page["data"]
        if not page.get("has_more") or not page["data"]:
            return intents
        after = page["data"][-1]["id"]


def refunded(shop, intent) -> int:
    listing = stripe(shop.stripe_base, f"/v1/refunds?payment_intent={intent['id']}")
    return sum(refund["amount"] for refund in listing["data"])


def payments_vs_orders(shop):
    intents = payment_intents(shop)
    succeeded = [i for i in intents if i["status"] == "succeeded"]
    kept = [i for i in succeeded if refunded(shop, i) < i["amount"]]
    returned = len(succeeded) - len(kept)
    sources = dict(shop.db("select reference, order_id from payment_source"))
    totals = dict(shop.db("select id, total_incl_tax from order_order"))
    without_order = [i["id"] for i in kept if i["id"] not in sources]
    wrong_amount = [
        i["id"]
        for i in kept
        if i["id"] in sources
        and round(float(totals.get(sources[i["id"]], 0)) * 100) != i["amount"]
    ]
    paid_ids = {i["id"] for i in kept}
    paid_orders = {sources[i] for i in paid_ids if i in sources}
    without_payment = [o for o in totals if o not in paid_orders]
    row = section(
        "4. Payments vs orders, whole shop (sections 3 and 4; after reconciliation)",
        ["", "succeeded", "refunded", "orders", "paid, no order*",
         "order, not paid*", "amount differs*"],
    )  # fmt: skip
    row("payments", len(succeeded), returned, len(totals), len(without_order),
        len(without_payment), len(wrong_amount))  # fmt: skip
    failure("paid without order", len(without_order))
    failure("orders without payment", len(without_payment))
    failure("orders for another amount", len(wrong_amount))
    for name, ids in (("paid, no order", without_order),
                      ("order, not paid", without_payment),
                      ("amount differs", wrong_amount)):  # fmt: skip
        if ids:
            print(f"{'':22}  {name}: {ids}")


# 5. Card testing ---------------------------------------------------------------


def card_testing_section(attempts):
    return section(
        f"5. Card testing: {attempts} declined cards from one address "
        f"(the guard lets {DECLINES_PER_IP} declined cards per address an hour)",
        ["database, baskets", "attempts", "seconds", "to Stripe", "by guard",
         "other", "in 1st min", "over limit*"],
    )  # fmt: skip


def card_testing(row, shop, where, attempts, threads):
    """The card tester's baskets and cards are ready first (untimed); then
    the payments go in as fast as they can: `threads` at once, each in a
    new basket, or one after another in one basket."""
    modes = ((f"new each, {threads} at once", False), ("one basket", True))
    for n, (label, one_basket) in enumerate(modes):
        address = {"X-Forwarded-For": f"198.51.100.{len(failures) + n + 10}"}

        def at_payment(i, address=address):
            return buyer_at_payment(
                shop.base, shop.products[0], f"tester-{i}@example.test", address
            )

        if one_basket:
            buyers = [at_payment(0)] * attempts
        else:
            with ThreadPoolExecutor(threads) as pool:
                buyers = list(pool.map(at_payment, range(attempts)))
        cards = [card(shop.stripe_base, DECLINED) for __ in range(attempts)]

        def attempt(i, buyers=buyers, cards=cards):
            started = time.monotonic()
            page = buyers[i].open(PAYMENT, {"payment_method": cards[i]})[2]
            if TOO_MANY_TRIES in page:
                return started, "guard"
            return started, "stripe" if "declined" in page else "other"

        began = time.monotonic()
        with ThreadPoolExecutor(1 if one_basket else threads) as pool:
            outcomes = list(pool.map(attempt, range(attempts)))
        took = time.monotonic() - began
        count = {k: 0 for k in ("stripe", "guard", "other")}
        for __, outcome in outcomes:
            count[outcome] += 1
        in_minute = sum(
            1 for started, o in outcomes if o == "stripe" and started - began < 60
        )
        over = max(in_minute - DECLINES_PER_IP, 0)
        label = f"{where}: {label}"
        failure(f"card testing ({label}): declines past the limit", over)
        row(label, attempts, took, count["stripe"], count["guard"], count["other"],
            in_minute, over)  # fmt: skip


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--seconds",
        type=float,
        default=30,
        help="seconds per launch round (the issue's target: 60)",
    )
    parser.add_argument("--clients", type=int, nargs="+", default=[16, 32])
    parser.add_argument("--redis-seconds", type=float, default=10)
    parser.add_argument("--readers", type=int, default=4)
    parser.add_argument("--claims", type=int, default=20)
    parser.add_argument("--purchases", type=int, default=5)
    parser.add_argument(
        "--mail-outage",
        type=float,
        default=20,
        help="seconds the mail server stays down",
    )
    parser.add_argument(
        "--mail-wait",
        type=float,
        default=180,
        help="at most this long for every e-mail once it is back",
    )
    parser.add_argument("--plain", type=int, default=5)
    parser.add_argument("--card-attempts", type=int, default=100)
    parser.add_argument("--card-threads", type=int, default=8)
    parser.add_argument(
        "--only",
        nargs="+",
        type=int,
        choices=range(1, 6),
        default=[1, 2, 3, 4, 5],
        help="run only these sections",
    )
    args = parser.parse_args()
    started = time.monotonic()

    if 1 in args.only:
        launch_writes(args.seconds, args.clients)
    if 2 in args.only:
        redis_outage(args.redis_seconds, args.readers)
    if {3, 4, 5} & set(args.only):
        with tempfile.TemporaryDirectory(prefix="gotobetter-lost-") as tmp:
            shop = PaymentsShop(tmp)
            try:
                if 3 in args.only:
                    mail_outage(shop, args.claims, args.purchases,
                                args.mail_outage, args.mail_wait)  # fmt: skip
                if 4 in args.only:
                    fault_sequences(shop, args.plain)
                if 5 in args.only:
                    card_row = card_testing_section(args.card_attempts)
                    card_testing(card_row, shop, "SQLite", args.card_attempts,
                                 args.card_threads)  # fmt: skip
            finally:
                shop.close()
    if 5 in args.only:
        # The guard counts in the database: on PostgreSQL too, where requests
        # are not queued behind one another's writes as on SQLite.
        url = os.environ.get("BENCH_DATABASE_URL", POSTGRES)
        reason = postgres_unreachable(url)
        if reason:
            print(f"PostgreSQL rows skipped: {reason}")
        else:
            with tempfile.TemporaryDirectory(prefix="gotobetter-lost-") as tmp:
                shop = PaymentsShop(tmp, url)
                try:
                    card_testing(card_row, shop, "PostgreSQL", args.card_attempts,
                                 args.card_threads)  # fmt: skip
                finally:
                    shop.close()

    print(f"\n(* a failure count; {time.monotonic() - started:.0f} s in all)")
    not_zero = [(what, count) for what, count in failures if count]
    if not not_zero:
        print(f"{len(failures)} failure counts, all 0")
        return
    print(f"{len(not_zero)} of {len(failures)} failure counts not 0:")
    for what, count in not_zero:
        print(f"  {what}: {count}")
    sys.exit(1)


if __name__ == "__main__":
    main()
