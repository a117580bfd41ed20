"""Object storage is chosen by the environment, and a shop spread over
several machines is told what else must be shared."""

import os
import subprocess
import sys

import pytest
from django.core.files.storage import storages

from tests.test_settings import PROJECT, read_settings

S3 = {"S3_MEDIA_BUCKET": "shop-media", "S3_PRIVATE_BUCKET": "shop-private"}
STRIPE = {
    "STRIPE_SECRET_KEY": "sk_test_production_like",
    "STRIPE_PUBLISHABLE_KEY": "pk_test_production_like",
    "STRIPE_WEBHOOK_SECRET": "whsec_production_like",
}


def test_one_bucket_without_the_other_refuses_to_start(tmp_path):
    with pytest.raises(RuntimeError, match="Set both S3_MEDIA_BUCKET"):
        read_settings(tmp_path, DEBUG="1", S3_MEDIA_BUCKET="shop-media")


def test_the_web_server_cannot_be_handed_files_it_does_not_have(tmp_path):
    with pytest.raises(RuntimeError, match="unset it"):
        read_settings(
            tmp_path, DEBUG="1", DOWNLOAD_SENDFILE_HEADER="X-Accel-Redirect", **S3
        )


def test_deploy_check_names_what_is_not_shared_by_every_host(tmp_path):
    shared = ("DATABASE_URL", "REDIS_URL", "EMAIL_URL")
    env = {
        **{k: v for k, v in os.environ.items() if k not in shared},
        "DJANGO_SETTINGS_MODULE": "shop.settings",
        "VAR_DIR": str(tmp_path),
        "DEBUG": "0",
        "SECRET_KEY": "x7#Lq9!vR2@mN8$pW4^kT6&hJ3*zB5(cF1)dG0_sY-eU+aQ=iO~",
        "ALLOWED_HOSTS": "shop.example.test",
        **STRIPE,
        **S3,
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=PROJECT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )

    assert result.returncode != 0
    for warning in ("storage.W001", "storage.W002", "storage.W003"):
        assert warning in result.stderr + result.stdout


def test_the_local_disk_stays_the_default(settings):
    assert type(storages["default"]).__name__ == "FileSystemStorage"
    assert type(storages["private"]).__name__ == "PrivateFileStorage"
    assert settings.OBJECT_STORAGE is False
