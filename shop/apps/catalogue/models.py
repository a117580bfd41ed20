from django.db import models
from oscar.apps.catalogue.abstract_models import (
    AbstractCategory,
    AbstractProduct,
    AbstractProductImage,
)

from shop.apps.catalogue.managers import ProductQuerySet
from shop.markup.policy import sanitise
from shop.renditions import make_renditions, picture_sources


class StaffHtmlMixin:
    """Cleans the HTML fields staff write before every save.

    The dashboard, the admin, the demo loader and the shell all save through
    here, so no path stores markup the shop's policy would not show.
    """

    html_fields: tuple[str, ...] = ()

    def save(self, *args, **kwargs):
        for name in self.html_fields:
            setattr(self, name, sanitise(getattr(self, name) or ""))
        super().save(*args, **kwargs)


class Category(StaffHtmlMixin, AbstractCategory):
    html_fields = ("description", "long_description")


class Product(StaffHtmlMixin, AbstractProduct):
    html_fields = ("description",)

    objects = ProductQuerySet.as_manager()

    @property
    def num_approved_reviews(self):
        # Lists annotate the count (ProductQuerySet.listed) so that a page of
        # twenty cards does not ask the database twenty more times.
        annotated = getattr(self, "approved_reviews_count", None)
        if annotated is not None:
            return annotated
        return self.reviews.approved().count()

    @property
    def files_in_brief(self) -> str:
        """What a card says the buyer gets: its one file's "PDF · 3 pages ·
        US Letter", or "3 files". Lists prefetch the files."""
        files = list(self.files.all())
        if len(files) > 1:
            return f"{len(files)} files"
        return files[0].in_brief if files else ""


class ProductImage(AbstractProductImage):
    renditions = models.JSONField(default=dict, blank=True, editable=False)

    def save(self, *args, **kwargs):
        if self.original and self.renditions.get("source") != self.original.name:
            # The original is stored first, so the copies are named after it.
            super().save(*args, **kwargs)
            self.renditions = make_renditions(
                source=self.original, storage=self.original.storage
            )
            kwargs = {"update_fields": ["renditions"]}
        super().save(*args, **kwargs)

    def cover(self) -> dict | None:
        """What a <picture> needs: srcsets per format, a fallback, the size."""
        if self.renditions.get("source") != self.original.name:
            return None
        return picture_sources(self.renditions, storage=self.original.storage)


from oscar.apps.catalogue.models import *  # noqa: E402,F403
