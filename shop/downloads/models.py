import uuid
from pathlib import PurePath

from django.core.files.storage import storages
from django.core.validators import FileExtensionValidator
from django.db import models


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
