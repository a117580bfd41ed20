"""The run command's `stripe` process: localstripe with our webhook registered."""

import os
import signal
import socket
import subprocess
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path

import stripe

from tests.conftest import _free_port

ROOT = Path(__file__).resolve().parents[2]


class Receiver(BaseHTTPRequestHandler):
    received: list = []

    def do_POST(self):
        body = self.rfile.read(int(self.headers["Content-Length"]))
        Receiver.received.append((self.headers["Stripe-Signature"], body))
        self.send_response(200)
        self.end_headers()

    def log_message(self, *args):
        pass


def test_stripe_process_registers_our_webhook_and_stops_on_sigterm(tmp_path):
    receiver = HTTPServer(("127.0.0.1", 0), Receiver)
    threading.Thread(target=receiver.serve_forever, daemon=True).start()
    webhook_url = f"http://127.0.0.1:{receiver.server_port}/payments/stripe/webhook/"
    port = _free_port()
    process = subprocess.Popen(
        [
            sys.executable,
            "manage.py",
            "run_localstripe",
            "--from-scratch",
            "--port",
            str(port),
            "--webhook-url",
            webhook_url,
        ],
        cwd=ROOT,
        env={
            **os.environ,
            "TMPDIR": str(tmp_path),
            "STRIPE_WEBHOOK_SECRET": "whsec_run",
            "DJANGO_SETTINGS_MODULE": "tests.settings",
        },
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        # localstripe's own start-up lines come first on the shared output.
        for __ in range(20):
            if "sending events to" in process.stdout.readline():
                break
        else:
            raise AssertionError("the command never said localstripe was ready")
        client = stripe.StripeClient(
            "sk_test_run", base_addresses={"api": f"http://127.0.0.1:{port}"}
        )
        intent = client.v1.payment_intents.create(
            params={"amount": 990, "currency": "usd", "payment_method": "pm_card_visa"}
        )
        client.v1.payment_intents.confirm(intent.id)
        deadline = time.monotonic() + 10
        while not any(b"payment_intent.succeeded" in b for __, b in Receiver.received):
            assert time.monotonic() < deadline, "no event reached our webhook"
            time.sleep(0.2)
        header, body = next(
            r for r in Receiver.received if b"payment_intent.succeeded" in r[1]
        )
        event = stripe.Webhook.construct_event(body, header, "whsec_run")
        assert event["data"]["object"]["id"] == intent.id
    finally:
        process.send_signal(signal.SIGTERM)
        receiver.shutdown()
    assert process.wait(timeout=15) is not None
    with socket.socket() as probe:
        assert probe.connect_ex(("127.0.0.1", port)) != 0
