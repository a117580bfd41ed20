import os
import subprocess
import sys
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent


def check_deploy(tmp_path, **stripe):
    """`manage.py check --deploy` with production values and these Stripe ones."""
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith("STRIPE_")},
        "DJANGO_SETTINGS_MODULE": "shop.settings",
        "VAR_DIR": str(tmp_path),
        "DEBUG": "0",
        "SECRET_KEY": "x7#Lq9!vR2@mN8$pW4^kT6&hJ3*zB5(cF1)dG0_sY-eU+aQ=iO~",
        "ALLOWED_HOSTS": "shop.example.test",
        **stripe,
    }
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=PROJECT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_check_deploy_is_silent_with_production_values(tmp_path):
    result = check_deploy(
        tmp_path,
        STRIPE_SECRET_KEY="sk_test_production_like",
        STRIPE_PUBLISHABLE_KEY="pk_test_production_like",
        STRIPE_WEBHOOK_SECRET="whsec_production_like",
    )

    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_check_deploy_warns_about_the_local_stripe_stand_in(tmp_path):
    result = check_deploy(tmp_path, STRIPE_LOCAL_NOT_FOR_PRODUCTION="1")

    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "payments.W001" in output
    assert "no real money is taken" in output
