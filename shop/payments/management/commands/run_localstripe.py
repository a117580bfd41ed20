"""Run localstripe for development, with our webhook registered.

localstripe forgets its webhooks when it stops, so this starts it, waits
until it answers, registers the shop's webhook with STRIPE_WEBHOOK_SECRET,
then stays in front of it: honcho's SIGINT/SIGTERM is passed on, and the
command ends when localstripe does.
"""

import json
import shutil
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.urls import reverse

WEBHOOK_ID = "gotobetter"
STARTUP_SECONDS = 30


class Command(BaseCommand):
    help = "Start localstripe and register the shop's webhook with it."

    def add_arguments(self, parser):
        parser.add_argument(
            "--port",
            type=int,
            default=urlsplit(settings.STRIPE_API_BASE).port or 8420,
            help="Port for localstripe (default: STRIPE_API_BASE's).",
        )
        parser.add_argument(
            "--webhook-url",
            default="http://127.0.0.1:8000" + reverse("payments:stripe-webhook"),
            help="Where localstripe sends events (default: the dev server's).",
        )
        parser.add_argument(
            "--from-scratch", action="store_true", help="Start with no data."
        )

    def handle(self, *args, port, webhook_url, from_scratch, **options):
        command = [_localstripe(), "--port", str(port)]
        if from_scratch:
            command.append("--from-scratch")
        child = subprocess.Popen(command)
        for signum in (signal.SIGINT, signal.SIGTERM):
            signal.signal(signum, lambda signum, frame: child.send_signal(signum))
        base = f"http://127.0.0.1:{port}"
        try:
            _wait_until_up(base, child)
            _register_webhook(base, webhook_url, settings.STRIPE_WEBHOOK_SECRET)
        except Exception:
            child.terminate()
            child.wait()
            raise
        self.stdout.write(f"localstripe on {base}, sending events to {webhook_url}")
        self.stdout.flush()
        sys.exit(child.wait())


def _localstripe() -> str:
    beside_python = Path(sys.executable).with_name("localstripe")
    found = (
        str(beside_python) if beside_python.exists() else shutil.which("localstripe")
    )
    if not found:
        raise CommandError("localstripe is not installed (pip install localstripe).")
    return found


def _wait_until_up(base, child):
    deadline = time.monotonic() + STARTUP_SECONDS
    while True:
        if child.poll() is not None:
            raise CommandError(f"localstripe exited with status {child.returncode}.")
        try:
            urllib.request.urlopen(f"{base}/js.stripe.com/v3/", timeout=1)
            return
        except OSError:
            if time.monotonic() > deadline:
                raise CommandError("localstripe did not answer in time.") from None
            time.sleep(0.2)


def _register_webhook(base, url, secret):
    request = urllib.request.Request(
        f"{base}/_config/webhooks/{WEBHOOK_ID}",
        data=json.dumps({"url": url, "secret": secret}).encode(),
        headers={"Content-Type": "application/json"},
        method="POST",
    )
    urllib.request.urlopen(request, timeout=5)
