"""The product editor's formsets (loaded by Oscar through
get_class("dashboard.catalogue.formsets", ...))."""

from django import forms
from oscar.apps.dashboard.catalogue import formsets


class ProductCategoryFormSet(formsets.ProductCategoryFormSet):
    """A printable may be in no category: it is sold and listed without one
    (every product list reads `Product.objects.listed()`), so a first save
    no longer fails for want of one. A variant still takes its parent's."""

    def clean(self):
        if self.instance.is_child and self.get_num_categories() > 0:
            raise forms.ValidationError("A child product should not have categories")


class ProductImageFormSet(formsets.ProductImageFormSet):
    def mark_uploads_not_saved(self) -> list[str]:
        """After a failed save: say next to each image chosen for upload that
        it was not kept (a browser cannot keep a chosen file when the page
        is shown again), and return their names."""
        names = []
        for form in self.forms:
            upload = form.files.get(form.add_prefix("original"))
            if upload is None:
                continue
            names.append(upload.name)
            if not form.has_error("original"):
                form.add_error(
                    "original",
                    f"{upload.name} was not saved because of the errors on this "
                    "page: choose it again before you save.",
                )
        return names
