"""The shop's files in an S3-compatible object store, for several web hosts.

Two storages, two buckets (settings: `S3_MEDIA_BUCKET`, `S3_PRIVATE_BUCKET`):

- public media (covers, article pictures, their resized copies, the previews
  of printables), read by browsers at `MEDIA_URL` on the shop's own origin,
  which the load balancer or web server passes on to the media bucket;
- private files (paid PDFs and ZIPs, every version, the stamped copies, the
  starter kit), written with the `private` ACL into a bucket that grants no
  public read, and only ever streamed to a buyer by the shop.

Without those settings both stay on the local disk (FileSystemStorage and
`shop.downloads.storage.PrivateFileStorage`), the embedded default.
"""

from urllib.parse import urljoin

from django.conf import settings
from django.utils.encoding import filepath_to_uri
from storages.backends.s3 import S3Storage


class ObjectStorage(S3Storage):
    """One bucket of the object store, configured by the S3_* settings alone,
    so that it can be made with no arguments (sorl-thumbnail, which draws the
    dashboard's thumbnails, makes its storages from their class name)."""

    bucket_setting = ""
    acl = None

    def get_default_settings(self):
        options = {
            **super().get_default_settings(),
            "bucket_name": getattr(settings, self.bucket_setting),
            "region_name": settings.S3_REGION,
            "endpoint_url": settings.S3_ENDPOINT_URL or None,
            "addressing_style": settings.S3_ADDRESSING_STYLE or None,
            "signature_version": "s3v4",
            "default_acl": self.acl,
            # Two uploads with one name (two covers called cover.jpg) must
            # not overwrite each other: the second gets a name of its own.
            "file_overwrite": False,
            "querystring_auth": False,
        }
        if settings.S3_ACCESS_KEY_ID:
            options["access_key"] = settings.S3_ACCESS_KEY_ID
            options["secret_key"] = settings.S3_SECRET_ACCESS_KEY
        return options


class PublicMediaStorage(ObjectStorage):
    """Covers, article pictures, their resized copies and the previews of
    printables: readable by anyone through the bucket's policy, linked on the
    shop's own origin."""

    bucket_setting = "S3_MEDIA_BUCKET"

    def url(self, name, parameters=None, expire=None, http_method=None):
        # The pages load nothing from elsewhere: MEDIA_URL is a path that the
        # load balancer (or the web server) passes on to the media bucket.
        return urljoin(settings.MEDIA_URL, filepath_to_uri(name.lstrip("/")))


class PrivateObjectStorage(ObjectStorage):
    """Paid files, their versions, stamped copies and the kit: each object
    written with the private ACL, never given a URL (the shop streams them)."""

    bucket_setting = "S3_PRIVATE_BUCKET"
    acl = "private"

    def url(self, name, parameters=None, expire=None, http_method=None):
        raise ValueError("Private files have no public URL.")
