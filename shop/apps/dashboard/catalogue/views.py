"""The dashboard's product editor, with the product's files (Files tab).

Loaded by Oscar through get_class("dashboard.catalogue.views", ...).
"""

from django.conf import settings
from django.contrib import messages
from django.db import transaction
from django.db.models import ProtectedError
from django.shortcuts import redirect
from oscar.apps.dashboard.catalogue import views

from shop.apps.dashboard.catalogue.files import ProductFileFormSet, can_change_files


class ProductCreateUpdateView(views.ProductCreateUpdateView):
    file_formset = ProductFileFormSet

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        # Staff who may not change files see them, but post no file forms.
        if can_change_files(request.user):
            self.formsets = {**self.formsets, "file_formset": self.file_formset}

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["product_file_max_mb"] = settings.PRODUCT_FILE_MAX_MB
        return ctx

    def forms_valid(self, form, formsets):
        response = super().forms_valid(form, formsets)
        file_formset = formsets.get("file_formset")
        for said in file_formset.said if file_formset else []:
            messages.info(self.request, said)
        return response

    def forms_invalid(self, form, formsets):
        file_formset = formsets.get("file_formset")
        names = file_formset.uploads_not_saved() if file_formset else []
        if names:
            messages.warning(
                self.request,
                "Nothing was saved, so these files were not uploaded: "
                f"{', '.join(names)}. Put right what is marked below, then "
                "choose them again on the Files tab.",
            )
        return super().forms_invalid(form, formsets)


class ProductDeleteView(views.ProductDeleteView):
    def delete(self, request, *args, **kwargs):
        # A sold product's files carry its buyers' links, which must keep
        # working: it is hidden, never deleted.
        try:
            with transaction.atomic():
                return super().delete(request, *args, **kwargs)
        except ProtectedError:
            messages.error(
                request,
                f"“{self.object.get_title()}” has been bought, and its buyers' "
                "download links need its files, so it cannot be deleted. To "
                "take it out of the shop, untick “Is public” on its details.",
            )
            return redirect("dashboard:catalogue-product", pk=self.object.pk)
