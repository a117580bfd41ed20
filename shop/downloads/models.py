import secrets
import uuid
from pathlib import PurePath

from django.core.files.storage import storages
from django.core.validators import FileExtensionValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone


def private_storage():
    return storages["private"]


def product_file_path(instance, filename):
    # A random folder per upload: names stay readable, paths stay unguessable.
    return f"products/{uuid.uuid4().hex}/{PurePath(filename).name}"


class ProductFile(models.Model):
    """A file a buyer receives for a product, kept outside MEDIA_ROOT."""

    product = models.ForeignKey(
        "catalogue.Product", on_delete=models.CASCADE, related_name="files"
    )
    title = models.CharField(
        max_length=200, help_text="What the buyer sees, e.g. 'Weekly meal plan (PDF)'."
    )
    file = models.FileField(
        storage=private_storage,
        upload_to=product_file_path,
        max_length=255,
        validators=[FileExtensionValidator(["pdf", "zip"])],
    )
    content_type = models.CharField(max_length=100, default="application/pdf")
    position = models.PositiveIntegerField(default=0)
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["product", "position", "pk"]

    def __str__(self):
        return f"{self.product} – {self.title}"

    @property
    def download_name(self) -> str:
        """The file name a buyer's browser saves: says what the file is."""
        return PurePath(self.file.name).name


class DownloadLinkQuerySet(models.QuerySet):
    def usable(self, *, now=None):
        """Links that still deliver: not revoked, not expired, not used up."""
        now = now or timezone.now()
        return self.filter(
            revoked_at__isnull=True,
            expires_at__gt=now,
            download_count__lt=models.F("max_downloads"),
        )


def new_token() -> str:
    return secrets.token_urlsafe(32)


class DownloadLink(models.Model):
    """One buyer's link to one file of one order line: unguessable, limited."""

    line = models.ForeignKey(
        "order.Line", on_delete=models.CASCADE, related_name="download_links"
    )
    product_file = models.ForeignKey(
        ProductFile, on_delete=models.PROTECT, related_name="download_links"
    )
    token = models.CharField(max_length=64, unique=True, default=new_token)
    expires_at = models.DateTimeField()
    max_downloads = models.PositiveIntegerField()
    download_count = models.PositiveIntegerField(default=0)
    revoked_at = models.DateTimeField(null=True, blank=True)
    created = models.DateTimeField(auto_now_add=True)

    objects = DownloadLinkQuerySet.as_manager()

    class Meta:
        ordering = ["line", "product_file__position", "pk"]

    def __str__(self):
        return f"{self.product_file.title} for order {self.line.order.number}"

    def get_absolute_url(self):
        return reverse("downloads:file", kwargs={"token": self.token})

    @property
    def downloads_left(self) -> int:
        return max(self.max_downloads - self.download_count, 0)

    def unusable_reason(self, *, now=None) -> str:
        """Why this link no longer delivers, in the buyer's words ('' if it does)."""
        now = now or timezone.now()
        if self.revoked_at:
            return "This order was refunded, so its download links were switched off."
        if self.expires_at <= now:
            return "This download link has expired."
        if self.download_count >= self.max_downloads:
            return "This download link has been used as many times as it allows."
        return ""
