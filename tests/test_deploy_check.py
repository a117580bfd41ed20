import os
import subprocess
import sys
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent


def test_check_deploy_is_silent_with_production_values(tmp_path):
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith("STRIPE_")},
        "DJANGO_SETTINGS_MODULE": "shop.settings",
        "VAR_DIR": str(tmp_path),
        "DEBUG": "0",
        "SECRET_KEY": "x7#Lq9!vR2@mN8$pW4^kT6&hJ3*zB5(cF1)dG0_sY-eU+aQ=iO~",
        "ALLOWED_HOSTS": "shop.example.test",
        "STRIPE_SECRET_KEY": "sk_test_production_like",
        "STRIPE_PUBLISHABLE_KEY": "pk_test_production_like",
        "STRIPE_WEBHOOK_SECRET": "whsec_production_like",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=PROJECT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )

    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout
