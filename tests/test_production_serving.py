"""The production path: collectstatic, then gunicorn with whitenoise, logging JSON."""

import gzip
import json
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from tests.production import free_port, production_env

PROJECT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def production(tmp_path_factory):
    var_dir = tmp_path_factory.mktemp("production")
    env = production_env(var_dir)
    python = sys.executable
    for command in (["migrate", "--noinput"], ["collectstatic", "--noinput"]):
        subprocess.run(
            [python, "manage.py", *command, "--verbosity", "0"],
            cwd=PROJECT, env=env, check=True, capture_output=True, timeout=300,
        )  # fmt: skip
    port = free_port()
    env["PORT"] = str(port)
    server = subprocess.Popen(
        [str(Path(python).parent / "gunicorn"), "shop.wsgi", "--config",
         "gunicorn.conf.py", "--workers", "1", "--bind", f"127.0.0.1:{port}"],
        cwd=PROJECT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
        text=True,
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    for _ in range(100):
        try:
            urllib.request.urlopen(f"{base}/healthz", timeout=1)
            break
        except OSError:
            time.sleep(0.2)
    yield {"base": base, "var_dir": var_dir, "server": server}
    server.terminate()
    server.wait(timeout=10)


def test_collectstatic_writes_compressed_files_with_hashed_names(production):
    manifest = json.loads(
        (production["var_dir"] / "staticfiles" / "staticfiles.json").read_text()
    )
    hashed = manifest["paths"]["oscar/js/jquery/jquery.min.js"]
    assert hashed != "oscar/js/jquery/jquery.min.js"
    assert (production["var_dir"] / "staticfiles" / (hashed + ".gz")).exists()


def test_gunicorn_serves_static_files_compressed_and_cached_for_long(production):
    manifest = json.loads(
        (production["var_dir"] / "staticfiles" / "staticfiles.json").read_text()
    )
    hashed = manifest["paths"]["oscar/js/jquery/jquery.min.js"]
    request = urllib.request.Request(
        f"{production['base']}/static/{hashed}",
        headers={"Accept-Encoding": "gzip"},
    )

    with urllib.request.urlopen(request, timeout=10) as response:
        body = response.read()
        assert response.headers["Content-Encoding"] == "gzip"
        assert "max-age=315360000" in response.headers["Cache-Control"]
    assert b"jQuery" in gzip.decompress(body)


def test_gunicorn_health_check_answers_and_logs_a_json_line(production):
    with urllib.request.urlopen(f"{production['base']}/healthz", timeout=10) as r:
        assert r.status == 200

    production["server"].terminate()
    output, _ = production["server"].communicate(timeout=10)
    lines = [json.loads(line) for line in output.splitlines() if line.strip()]
    access = [line for line in lines if line.get("path") == "/healthz"]
    assert access and access[-1]["status"] == 200
    assert any(line.get("level") == "INFO" for line in lines)


def test_application_logs_are_json_lines_on_standard_output(tmp_path):
    code = (
        "import django, logging; django.setup(); "
        "logging.getLogger('shop.orders').warning('paid', extra={'order': 42})"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=PROJECT, env=production_env(tmp_path), capture_output=True, text=True,
        timeout=60,
    )  # fmt: skip

    record = json.loads(result.stdout.strip().splitlines()[-1])
    assert record["level"] == "WARNING"
    assert record["name"] == "shop.orders"
    assert record["message"] == "paid"
    assert record["order"] == 42
