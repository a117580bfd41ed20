"""An S3-compatible server of the test's own (moto's standalone server) on a
free port, and buckets in it set up as the README says."""

import json
import shutil
import subprocess
import sys
import time
import urllib.request
import uuid
from pathlib import Path

import boto3

from tests.redis_server import free_port

MOTO_SERVER = shutil.which("moto_server") or str(
    Path(sys.executable).parent / "moto_server"
)
KEY_ID, SECRET = "testing-key", "testing-secret"


class ObjectStore:
    def __init__(self):
        self.port = free_port()
        self.endpoint = f"http://127.0.0.1:{self.port}"
        self.process = None

    def start(self) -> None:
        self.process = subprocess.Popen(
            [MOTO_SERVER, "-H", "127.0.0.1", "-p", str(self.port)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 30
        while True:
            try:
                urllib.request.urlopen(self.endpoint + "/moto-api/", timeout=1)
                return
            except OSError:
                if self.process.poll() is not None or time.monotonic() > deadline:
                    self.process.kill()
                    raise RuntimeError(
                        f"moto_server did not start on {self.port}"
                    ) from None
                time.sleep(0.1)

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=10)

    def client(self):
        return boto3.client(
            "s3",
            endpoint_url=self.endpoint,
            region_name="us-east-1",
            aws_access_key_id=KEY_ID,
            aws_secret_access_key=SECRET,
        )

    def new_buckets(self) -> tuple[str, str]:
        """A media bucket readable by anyone and a private bucket, as the
        README's bucket policy sets them up."""
        suffix = uuid.uuid4().hex[:12]
        media, private = f"media-{suffix}", f"private-{suffix}"
        client = self.client()
        client.create_bucket(Bucket=media)
        client.create_bucket(Bucket=private)
        client.put_bucket_policy(Bucket=media, Policy=json.dumps(public_read(media)))
        client.put_public_access_block(
            Bucket=private,
            PublicAccessBlockConfiguration={
                "BlockPublicAcls": True,
                "IgnorePublicAcls": True,
                "BlockPublicPolicy": True,
                "RestrictPublicBuckets": True,
            },
        )
        return media, private

    def use(self, settings, *, media: str, private: str) -> None:
        """Point the shop's settings at these buckets, as the S3_* variables
        of the environment do."""
        settings.S3_MEDIA_BUCKET, settings.S3_PRIVATE_BUCKET = media, private
        settings.S3_ENDPOINT_URL = self.endpoint
        settings.S3_ACCESS_KEY_ID, settings.S3_SECRET_ACCESS_KEY = KEY_ID, SECRET
        settings.S3_ADDRESSING_STYLE = "path"
        settings.OBJECT_STORAGE = True
        settings.STORAGES = {
            **settings.STORAGES,
            "default": {"BACKEND": "shop.storage.backends.PublicMediaStorage"},
            "private": {"BACKEND": "shop.storage.backends.PrivateObjectStorage"},
        }

    def anonymous_get(self, bucket: str, key: str) -> int:
        """The status a browser gets for the object's plain, unsigned URL."""
        try:
            with urllib.request.urlopen(f"{self.endpoint}/{bucket}/{key}", timeout=5):
                return 200
        except urllib.error.HTTPError as error:
            return error.code


def public_read(bucket: str) -> dict:
    return {
        "Version": "2012-10-17",
        "Statement": [
            {
                "Sid": "PublicMedia",
                "Effect": "Allow",
                "Principal": "*",
                "Action": "s3:GetObject",
                "Resource": f"arn:aws:s3:::{bucket}/*",
            }
        ],
    }
