import re
import secrets
import uuid
from pathlib import PurePath

from django.conf import settings
from django.core.files.storage import storages
from django.core.signals import setting_changed
from django.core.validators import (
    MaxValueValidator,
    MinValueValidator,
)
from django.db import models, transaction
from django.db.models import Max
from django.dispatch import receiver
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import LazyObject, empty
from django.utils.text import slugify

from shop.downloads.facts import summary_line
from shop.renditions import picture_sources

# "(PDF)" or "(ZIP)" in a file's title says its format, which the name's
# extension says already.
FORMAT_IN_TITLE = re.compile(r"\s*\((pdf|zip)\)\s*$", re.IGNORECASE)


class PrivateStorage(LazyObject):
    """storages["private"], looked up when first used, as Django's
    default_storage is: the file fields follow STORAGES when it changes."""

    def _setup(self):
        self._wrapped = storages["private"]


_private_storage = PrivateStorage()


@receiver(setting_changed)
def _storages_changed(*, setting, **kwargs):
    if setting == "STORAGES":
        _private_storage._wrapped = empty


def private_storage():
    return _private_storage


def check_new_upload(value):
    """A file field's validator: a fresh upload must be what it claims to be
    (a stored file was checked when it was uploaded)."""
    if getattr(value, "_committed", True):
        return
    from shop.downloads.uploads import upload_check

    upload_check(value.file)


def product_file_path(instance, filename):
    # A random folder per upload: names stay readable, paths stay unguessable.
    return f"products/{uuid.uuid4().hex}/{PurePath(filename).name}"


class ProductFileQuerySet(models.QuerySet):
    def active(self):
        """Files new orders get: every file staff have not archived."""
        return self.filter(archived_at__isnull=True)


class ProductFile(models.Model):
    """A file a buyer receives for a product, kept outside MEDIA_ROOT.

    Replacing `file` and saving makes a new version: every link, old or new,
    delivers the current one, and each version is kept (ProductFileVersion).
    A file buyers have links to is archived, never deleted: new orders no
    longer get it, and the links already sent keep working.
    """

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
        # Also refuses any other extension, with a message of its own.
        validators=[check_new_upload],
    )
    content_type = models.CharField(max_length=100, default="application/pdf")
    position = models.PositiveIntegerField(default=0)
    version = models.PositiveIntegerField(default=1, editable=False)
    archived_at = models.DateTimeField(
        null=True,
        blank=True,
        help_text="Archived files are not given to new orders; links already "
        "sent keep working.",
    )
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)
    # Written by shop.downloads.previews when the file's content changes:
    # what the file holds (format, size, pages, paper) and its first pages as
    # public pictures. "source" names the stored file they were taken from.
    details = models.JSONField(default=dict, blank=True, editable=False)
    previews = models.JSONField(default=list, blank=True, editable=False)
    # The words printed in the file (a PDF's text layer), read at the same
    # time, so search finds a printable by what is on its pages; details
    # counts them ("words") once the file has been read for them.
    text = models.TextField(blank=True, editable=False)

    objects = ProductFileQuerySet.as_manager()

    class Meta:
        ordering = ["product", "position", "pk"]

    def __str__(self):
        return f"{self.product} – {self.title}"

    def save(self, *args, uploaded_by=None, version_note="", **kwargs):
        """Save; a changed file becomes the next version, kept in the history
        with who uploaded it and why."""
        update_fields = kwargs.get("update_fields")
        new_version = self.file_changed and (
            update_fields is None or "file" in update_fields
        )
        with transaction.atomic():
            if new_version and self.pk is not None:
                latest = self.versions.aggregate(latest=Max("version"))["latest"]
                self.version = max(latest or 0, self.version) + 1
                if update_fields is not None:
                    kwargs["update_fields"] = {*update_fields, "version", "updated"}
            super().save(*args, **kwargs)
            if new_version:
                ProductFileVersion.objects.create(
                    product_file=self,
                    version=self.version,
                    file=self.file.name,
                    uploaded_by=uploaded_by,
                    note=version_note,
                )
        self._stored_file_name = self.file.name

    @classmethod
    def from_db(cls, db, field_names, values):
        instance = super().from_db(db, field_names, values)
        instance._remember_stored_file()
        return instance

    def refresh_from_db(self, *args, **kwargs):
        super().refresh_from_db(*args, **kwargs)
        self._remember_stored_file()

    def _remember_stored_file(self):
        stored = self.__dict__.get("file")
        self._stored_file_name = getattr(stored, "name", stored)

    @property
    def file_changed(self) -> bool:
        """Whether `file` is a new upload, or another stored file, since it
        was read from the database."""
        if not getattr(self.file, "_committed", True):
            return True
        return self.file.name != getattr(self, "_stored_file_name", None)

    def clean(self):
        if self.file and self.file_changed:
            self.content_type = content_type_for(self.file.name)

    @property
    def is_archived(self) -> bool:
        return self.archived_at is not None

    @property
    def download_name(self) -> str:
        """The file name a buyer's browser saves, named for what the file is
        ("Self-Care Tracker (PDF)" saves as self-care-tracker.pdf), never
        for what it was called on the uploader's disk."""
        suffix = PurePath(self.file.name).suffix.lower()
        title = FORMAT_IN_TITLE.sub("", self.title)
        stem = slugify(title) or slugify(PurePath(self.file.name).stem) or "printable"
        return f"{stem}{suffix}"

    @property
    def uploaded_name(self) -> str:
        """The name the file had when staff uploaded it."""
        return PurePath(self.file.name).name

    @property
    def is_described(self) -> bool:
        """True when details and previews were taken from the current file."""
        return bool(self.file) and self.details.get("source") == self.file.name

    @property
    def is_read_for_search(self) -> bool:
        """True when the words of the current file are in ``text``."""
        return self.is_described and "words" in self.details

    @property
    def what_you_get(self) -> str:
        """One line for the buyer, "PDF · 12 pages · US Letter · 1.2 MB";
        empty until the current file has been described."""
        if not self.is_described:
            return ""
        return summary_line(self.details)

    @property
    def in_brief(self) -> str:
        """The line without the file size, for a product card."""
        if not self.is_described:
            return ""
        return summary_line(self.details, with_size=False)

    def preview_pictures(self) -> list[dict]:
        """Each preview page's <picture> sources, with its page number."""
        if not self.is_described:
            return []
        storage = storages["default"]
        return [
            {
                "page": preview["page"],
                "alt": f"Page {preview['page']} of {self.title}",
                **picture_sources(preview, storage=storage),
            }
            for preview in self.previews
            if preview.get("sizes")
        ]


CONTENT_TYPES = {".pdf": "application/pdf", ".zip": "application/zip"}


def content_type_for(name: str) -> str:
    return CONTENT_TYPES.get(PurePath(name).suffix.lower(), "application/octet-stream")


class ProductFileVersion(models.Model):
    """One version of a product file, kept privately so staff can go back.

    The newest is the file the product delivers now.
    """

    product_file = models.ForeignKey(
        ProductFile, on_delete=models.CASCADE, related_name="versions"
    )
    version = models.PositiveIntegerField()
    file = models.FileField(
        storage=private_storage, upload_to=product_file_path, max_length=255
    )
    uploaded_at = models.DateTimeField(default=timezone.now)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    note = models.CharField(max_length=200, blank=True)
    # Staff asked to e-mail past buyers about this version; set when all
    # have been (shop/downloads/tasks.py sends a few each minute).
    tell_buyers = models.BooleanField(default=False)
    buyers_told_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["product_file", "-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["product_file", "version"],
                name="product_file_version_unique",
            )
        ]

    def __str__(self):
        return f"{self.product_file.title}, version {self.version}"

    @property
    def uploaded_name(self) -> str:
        return PurePath(self.file.name).name


class NewVersionNotice(models.Model):
    """A past buyer told of a new version: never twice for one version."""

    version = models.ForeignKey(
        ProductFileVersion, on_delete=models.CASCADE, related_name="notices"
    )
    email = models.EmailField()
    link = models.ForeignKey(
        "downloads.DownloadLink", on_delete=models.CASCADE, related_name="+"
    )
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["version", "email"], name="new_version_notice_once"
            )
        ]

    def __str__(self):
        return f"{self.version} announced to {self.email}"


MAX_EXPIRY_DAYS = 365
MAX_DOWNLOAD_LIMIT = 100


def initial_expiry_days() -> int:
    return settings.DOWNLOAD_EXPIRY_DAYS


def initial_download_limit() -> int:
    return settings.DOWNLOAD_LIMIT


class DownloadPolicyQuerySet(models.QuerySet):
    def current(self) -> "DownloadPolicy":
        """The defaults new links get: staff's saved row, else the settings'.

        One query; callers read it once per order, not once per link.
        """
        return self.filter(pk=DownloadPolicy.SINGLETON_ID).first() or self.model()


class DownloadPolicy(models.Model):
    """How long and how often a new download link works, set by staff.

    One row at most (its key is always 1). Until staff save it, new links get
    DOWNLOAD_EXPIRY_DAYS and DOWNLOAD_LIMIT from the environment. A change
    applies to links made afterwards; links already sent keep their own.
    """

    SINGLETON_ID = 1

    id = models.PositiveSmallIntegerField(
        primary_key=True, default=SINGLETON_ID, editable=False
    )
    # IntegerField, not PositiveIntegerField: its form would answer 0 or a
    # negative number with a generic message before ours could explain.
    expiry_days = models.IntegerField(
        "days a new link works",
        default=initial_expiry_days,
        validators=[
            MinValueValidator(1, "A link must work for at least 1 day."),
            MaxValueValidator(
                MAX_EXPIRY_DAYS,
                f"A link can work for at most {MAX_EXPIRY_DAYS} days; "
                "buyers can always ask for a fresh one.",
            ),
        ],
        help_text=f"From 1 to {MAX_EXPIRY_DAYS} days after the order is paid.",
    )
    download_limit = models.IntegerField(
        "downloads a new link allows",
        default=initial_download_limit,
        validators=[
            MinValueValidator(1, "A link must allow at least 1 download."),
            MaxValueValidator(
                MAX_DOWNLOAD_LIMIT,
                f"A link can allow at most {MAX_DOWNLOAD_LIMIT} downloads.",
            ),
        ],
        help_text=f"From 1 to {MAX_DOWNLOAD_LIMIT} downloads of each file.",
    )
    updated = models.DateTimeField(auto_now=True)

    objects = DownloadPolicyQuerySet.as_manager()

    class Meta:
        verbose_name = "default download limits"
        verbose_name_plural = "default download limits"
        constraints = [
            models.CheckConstraint(
                condition=models.Q(id=1), name="download_policy_single_row"
            ),
            models.CheckConstraint(
                condition=models.Q(expiry_days__range=(1, MAX_EXPIRY_DAYS)),
                name="download_policy_expiry_days_range",
            ),
            models.CheckConstraint(
                condition=models.Q(download_limit__range=(1, MAX_DOWNLOAD_LIMIT)),
                name="download_policy_download_limit_range",
            ),
        ]

    def __str__(self):
        return (
            f"New links work {self.expiry_days} days, {self.download_limit} downloads"
        )


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
