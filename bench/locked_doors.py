"""The security review's reproductions, tried against the shop as production
runs it, with the headers of the product, thank-you and account pages.

    .venv/bin/python bench/locked_doors.py

Starts its own localstripe and the shop (gunicorn with 2 workers and the
task worker, DEBUG off, on the local stand-in by STRIPE_LOCAL_NOT_FOR_PRODUCTION)
on a fresh SQLite database with the demo catalogue, then tries each door the
review found open and prints whether it is shut:

1. a forged "payment succeeded" webhook, signed with the stand-in's public
   secret, for a payment still waiting for 3-D Secure;
2. refunds, e-mail resends and link resets by a staff user who may only
   edit articles;
3. a script in a category description;
4. guessing passwords at the customer's, the dashboard's and the admin's
   sign-in forms;
5. Cache-Control on the pages that show an order, a link or an account;
6. HEAD requests using up a download link;
7. registration telling whether an address has an account.
"""

import json
import os
import re
import sqlite3
import subprocess
import sys
import tempfile
import time
from http.cookiejar import CookieJar
from pathlib import Path
from urllib.error import HTTPError
from urllib.parse import urlencode
from urllib.request import HTTPCookieProcessor, Request, build_opener, urlopen

sys.path.insert(0, str(Path(__file__).resolve().parent))
from load import NoRedirect, Shop, free_port, manage, shop_env  # noqa: E402

PROJECT = Path(__file__).resolve().parent.parent
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
SECRET = re.compile(r'data-action-secret="(pi_[A-Za-z0-9]+)_secret_')
LINK = re.compile(r'href="(/downloads/[^"/]+/)"')
PASSWORD = "a calm long passphrase"
# The stand-in's webhook secret, public by design (never in production).
WHSEC = "whsec_localstripe"
SHOWN_HEADERS = ("Cache-Control", "Content-Security-Policy", "Vary", "X-Frame-Options")

results = []


def check(name, shut, detail):
    results.append((name, shut, detail))
    print(f"{'shut' if shut else 'OPEN'}  {name}: {detail}", flush=True)


class Browser:
    """One visitor: cookies, the last CSRF token, redirects followed or not."""

    def __init__(self, base, headers=None):
        self.base = base
        # Sent with every request (X-Forwarded-For, say, behind PROXY_COUNT).
        self.headers = headers or {}
        jar = CookieJar()
        self.follow = build_opener(HTTPCookieProcessor(jar))
        self.stay = build_opener(HTTPCookieProcessor(jar), NoRedirect)
        self.token = ""

    def open(self, path, data=None, *, follow=True, method=None, headers=None):
        body = None
        if data is not None:
            body = urlencode({"csrfmiddlewaretoken": self.token, **data}, True)
            body = body.encode()
        request = Request(self.base + path, data=body, method=method)
        request.add_header("Referer", self.base + path)
        for key, value in {**self.headers, **(headers or {})}.items():
            request.add_header(key, value)
        opener = self.follow if follow else self.stay
        try:
            with opener.open(request, timeout=60) as response:
                status, head = response.status, response.headers
                text = response.read().decode(errors="replace")
        except HTTPError as error:
            status, head = error.code, error.headers
            text = error.read().decode(errors="replace")
        token = CSRF.search(text)
        if token:
            self.token = token.group(1)
        return status, head, text


def stripe(base, path, data=None):
    """The local stand-in's API, as the shop's server calls it (GET without data)."""
    request = Request(
        base + path,
        data=None if data is None else urlencode(data).encode(),
        headers={"Authorization": "Bearer sk_test_localstripe"},
    )
    with urlopen(request, timeout=30) as response:
        body = response.read()
    return json.loads(body) if body.strip() else {}


def card(base, number) -> str:
    """A card PaymentMethod made at the local stand-in, as Stripe.js makes it."""
    return stripe(
        base,
        "/v1/payment_methods",
        {
            "type": "card",
            "card[number]": number,
            "card[exp_month]": "12",
            "card[exp_year]": "2040",
            "card[cvc]": "123",
        },
    )["id"]


def start_localstripe(tmp):
    """localstripe on a free port, nothing kept; (process, base URL)."""
    port = free_port()
    process = subprocess.Popen(
        [str(Path(sys.executable).parent / "localstripe"), "--port",
         str(port), "--from-scratch"],
        env={**os.environ, "TMPDIR": str(tmp)},
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    return process, f"http://127.0.0.1:{port}"


def webhook_to(stripe_base, url):
    """Where the stand-in sends its events (its one endpoint, replaced)."""
    stripe(stripe_base, "/_config/webhooks/shop", {"url": url, "secret": WHSEC})


def shell(env, code):
    return manage(env, "shell", "--no-imports", "-c", code).strip()


def orders(var_dir) -> int:
    with sqlite3.connect(var_dir / "db.sqlite3") as db:
        return db.execute("select count(*) from order_order").fetchone()[0]


def product_path(env) -> str:
    return shell(
        env,
        "from oscar.core.loading import get_model;"
        "print(get_model('catalogue','Product').objects"
        ".get(title='Simple Meal Planner').get_absolute_url())",
    )


def buyer_at_payment(base, product, email="reader@example.test", headers=None):
    buyer = Browser(base, headers)
    add = re.search(r'action="(/basket/add/\d+/)"', buyer.open(product)[2])[1]
    buyer.open(add, {"quantity": 1})
    buyer.open("/checkout/", {"email": email})
    buyer.open("/checkout/payment-details/")
    return buyer


def forged_webhook(base, stripe_base, env, var_dir, product):
    import stripe as stripe_library

    buyer = buyer_at_payment(base, product)
    three_d_secure = card(stripe_base, "4000002500003155")
    page = buyer.open("/checkout/payment-details/", {"payment_method": three_d_secure})[
        2
    ]
    intent_id = SECRET.search(page)[1]
    intent = stripe(stripe_base, f"/v1/payment_intents/{intent_id}")
    forged = {
        "id": "evt_forged",
        "object": "event",
        "type": "payment_intent.succeeded",
        "created": int(time.time()),
        "data": {"object": {**intent, "status": "succeeded"}},
    }
    body = json.dumps(forged)
    stamp = int(time.time())
    signature = stripe_library.WebhookSignature._compute_signature(
        f"{stamp}.{body}", WHSEC
    )
    request = Request(
        base + "/payments/stripe/webhook/",
        data=body.encode(),
        headers={
            "Content-Type": "application/json",
            "Stripe-Signature": f"t={stamp},v1={signature}",
        },
    )
    with urlopen(request, timeout=30) as response:
        answered = response.status
    status_at_stripe = stripe(stripe_base, f"/v1/payment_intents/{intent_id}")
    placed = orders(var_dir)
    check(
        "1. forged payment_intent.succeeded",
        placed == 0,
        f"webhook answered {answered}, Stripe says "
        f"{status_at_stripe['status']}, orders placed: {placed}",
    )


def paid_order(base, product):
    buyer = buyer_at_payment(base, product)
    status, __, page = buyer.open(
        "/checkout/payment-details/", {"payment_method": "pm_card_visa"}
    )
    return buyer, page


def staff_without_order_permissions(base, env, number, link_id):
    shell(
        env,
        "from django.contrib.auth import get_user_model;"
        "from django.contrib.auth.models import Permission;"
        "u = get_user_model().objects.create_user('editor', 'editor@example.test',"
        f" '{PASSWORD}', is_staff=True);"
        "u.user_permissions.set(Permission.objects.filter("
        "content_type__app_label='articles'))",
    )
    editor = Browser(base)
    editor.open("/admin/login/")
    editor.open(
        "/admin/login/?next=/admin/",
        {"username": "editor", "password": PASSWORD, "next": "/admin/"},
    )
    order_page = f"/dashboard/orders/{number}/"
    answers = [
        editor.open(order_page, data, follow=False)[0]
        for data in (
            {"order_action": "refund_order", "confirmed": "yes"},
            {"order_action": "resend_download_email"},
            {"order_action": "reset_link_count", "link": link_id},
        )
    ]
    status = shell(
        env,
        "from oscar.core.loading import get_model;"
        f"print(get_model('order','Order').objects.get(number='{number}').status)",
    )
    check(
        "2. refund, resend, reset by an articles-only editor",
        answers == [403, 403, 403] and status == "Paid",
        f"answered {answers}, order {number} is {status}",
    )


def script_in_a_description(base, env):
    path = shell(
        env,
        "from oscar.core.loading import get_model;"
        "c = get_model('catalogue','Category').objects.first();"
        "c.description = '<p>Plan</p><img src=x onerror=alert(1)>"
        "<script>alert(2)</script>'; c.save(); print(c.get_absolute_url())",
    )
    status, head, page = Browser(base).open(path)
    stored = shell(
        env,
        "from oscar.core.loading import get_model;"
        "print(get_model('catalogue','Category').objects.first().description)",
    )
    shut = "<script>alert" not in page and "onerror" not in page
    check(
        "3. script in a category description",
        shut and "script-src 'self'" in head.get("Content-Security-Policy", ""),
        f"stored {stored!r}; page {status}, CSP "
        f"{'sent' if head.get('Content-Security-Policy') else 'missing'}",
    )


def guessing_passwords(base, env):
    shell(
        env,
        "from django.contrib.auth import get_user_model;"
        "get_user_model().objects.create_user('ann', 'ann@example.test',"
        f" '{PASSWORD}');"
        "get_user_model().objects.create_superuser('boss', 'boss@example.test',"
        f" '{PASSWORD}')",
    )
    forms = {
        "customer": ("/accounts/login/", "login-username", "login-password",
                     "ann@example.test", {"login_submit": "Sign in"}),
        "dashboard": ("/dashboard/login/", "username", "password",
                      "boss@example.test", {}),
        "admin": ("/admin/login/", "username", "password", "boss", {}),
    }  # fmt: skip
    for name, (path, user_field, password_field, user, extra) in forms.items():
        guesser = Browser(base)
        guesser.open(path)
        answers = []
        for attempt in range(7):
            password = PASSWORD if attempt == 6 else f"guess {attempt}"
            answers.append(
                guesser.open(
                    path,
                    {user_field: user, password_field: password, **extra},
                    follow=False,
                )[0]
            )
        check(
            f"4. guessing at the {name} sign-in",
            answers[5:] == [429, 429],
            f"answers to 6 wrong then the right password: {answers}",
        )


def private_pages(base, env, thank_you_head, product):
    shell(
        env,
        "from django.contrib.auth import get_user_model;"
        "get_user_model().objects.create_user('cy', 'cy@example.test',"
        f" '{PASSWORD}')",
    )
    customer = Browser(base)
    customer.open("/accounts/login/")
    customer.open(
        "/accounts/login/",
        {
            "login-username": "cy@example.test",
            "login-password": PASSWORD,
            "login_submit": "Sign in",
        },
    )
    __, account_head, __ = customer.open("/accounts/orders/")
    __, product_head, __ = Browser(base).open(product)
    pages = {
        "product": product_head,
        "thank-you": thank_you_head,
        "account orders": account_head,
    }
    for name, head in pages.items():
        print(f"   headers of the {name} page:")
        for header in SHOWN_HEADERS:
            print(f"     {header}: {head.get(header, '(none)')}")
    private = all(
        {"private", "no-store"}
        <= {d.strip() for d in head.get("Cache-Control", "").split(",")}
        for head in (thank_you_head, account_head)
    )
    check(
        "5. Cache-Control on the thank-you and account pages",
        private,
        f"thank-you: {thank_you_head.get('Cache-Control')}; "
        f"account: {account_head.get('Cache-Control')}",
    )


def head_requests(base, link):
    visitor = Browser(base)
    heads = [visitor.open(link, method="HEAD")[0] for __ in range(5)]
    status, head, __ = visitor.open(link)
    check(
        "6. five HEADs, then a GET",
        status == 200 and head.get("Content-Type") == "application/pdf",
        f"HEADs {heads}, then GET {status} {head.get('Content-Type')}",
    )


def registration(base):
    def sign_up(email):
        visitor = Browser(base)
        visitor.open("/accounts/register/")
        status, __, page = visitor.open(
            "/accounts/register/",
            {"email": email, "password1": PASSWORD, "password2": PASSWORD},
        )
        return status, CSRF.sub("", page)

    known = sign_up("ann@example.test")
    unknown = sign_up("someone.new@example.test")
    check(
        "7. registration with a known address",
        known == unknown and "already exists" not in known[1],
        "same page for a known and a new address"
        if known == unknown
        else "the pages differ",
    )


def refuses_to_start_without_keys(var_dir):
    env = {k: v for k, v in os.environ.items() if not k.startswith("STRIPE_")}
    env.update(
        DJANGO_SETTINGS_MODULE="shop.settings",
        VAR_DIR=str(var_dir),
        DEBUG="0",
        SECRET_KEY="a-production-like-key-0123456789",
    )
    result = subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=PROJECT, env=env, capture_output=True, text=True,
    )  # fmt: skip
    check(
        "1. DEBUG off with no Stripe keys",
        result.returncode != 0 and "STRIPE_LOCAL_NOT_FOR_PRODUCTION" in result.stderr,
        "refuses to start" if result.returncode else "starts",
    )


def main():
    with tempfile.TemporaryDirectory(prefix="gotobetter-doors-") as tmp:
        var_dir = Path(tmp)
        refuses_to_start_without_keys(var_dir)
        localstripe, stripe_base = start_localstripe(tmp)
        env = shop_env(var_dir, None, None)
        env.update(STRIPE_API_BASE=stripe_base, KIT_CLAIMS_PER_IP_PER_HOUR="10")
        manage(env, "migrate", "--noinput", "-v0")
        manage(env, "collectstatic", "--noinput", "-v0")
        manage(env, "load_demo")
        try:
            with Shop(env, var_dir) as shop:
                webhook_to(stripe_base, shop.base + "/payments/stripe/webhook/")
                product = product_path(env)
                forged_webhook(shop.base, stripe_base, env, var_dir, product)
                buyer, page = paid_order(shop.base, product)
                __, thank_you_head, page = buyer.open("/checkout/thank-you/")
                link = LINK.search(page)[1]
                number, link_id = shell(
                    env,
                    "from shop.downloads.models import DownloadLink;"
                    f"l = DownloadLink.objects.get(token='{link.split('/')[2]}');"
                    "print(l.line.order.number, l.pk)",
                ).split()
                staff_without_order_permissions(shop.base, env, number, link_id)
                script_in_a_description(shop.base, env)
                guessing_passwords(shop.base, env)
                private_pages(shop.base, env, thank_you_head, product)
                head_requests(shop.base, link)
                registration(shop.base)
        finally:
            localstripe.terminate()
            localstripe.wait(timeout=10)
    still_open = [name for name, shut, __ in results if not shut]
    print(f"\n{len(results) - len(still_open)} shut, {len(still_open)} open")
    sys.exit(1 if still_open else 0)


if __name__ == "__main__":
    main()
