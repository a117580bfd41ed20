"""The dashboard's catalogue pages, with what a shop of files needs: the
product list's price and file columns, and the product editor with the
product's files (Files tab).

Loaded by Oscar through get_class("dashboard.catalogue.views", ...).
"""

from django.conf import settings
from django.contrib import messages
from django.db import transaction
from django.db.models import ProtectedError
from django.shortcuts import redirect
from oscar.apps.dashboard.catalogue import views
from oscar.core.loading import get_model

from shop.apps.dashboard.catalogue.files import ProductFileFormSet, can_change_files
from shop.apps.partner.strategy import has_files

ProductClass = get_model("catalogue", "ProductClass")


class ProductListView(views.ProductListView):
    def get_queryset(self):
        # The price and file columns (tables.ProductTable), read in the
        # list's one query.
        return super().get_queryset().with_default_price().with_file_counts()


def whole_number(value, *, default: int, most: int | None = None) -> int:
    """A positive whole number from a query string, else `default`."""
    try:
        number = int(value)
    except (TypeError, ValueError):
        return default
    number = max(number, 1)
    return number if most is None else min(number, most)


class ProductLookupView(views.ProductLookupView):
    """The product picker's JSON (recommended products): a page or an id
    that is not a whole number gives the first page or no match, not a
    server error."""

    def get_args(self):
        query = self.request.GET
        return (
            query.get("initial"),
            query.get("q"),
            whole_number(query.get("page"), default=1),
            whole_number(query.get("page_limit"), default=20, most=100),
        )

    def initial_filter(self, qs, value):
        ids = [part for part in value.split(",") if part.strip().isdigit()]
        return qs.filter(pk__in=ids)


class ProductCreateRedirectView(views.ProductCreateRedirectView):
    def get_redirect_url(self, *args, **kwargs):
        # "New product" with no type chosen, in a shop with one type: that one.
        if "product_class" not in self.request.GET:
            only = ProductClass.objects.all()[:2]
            if len(only) == 1:
                return self.get_product_create_url(only[0])
        return super().get_redirect_url(*args, **kwargs)


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
        # The "no file: not on sale" notice at the top of the page.
        product = self.object
        ctx["not_on_sale_without_file"] = (
            product is not None and not product.is_parent and not has_files(product)
        )
        return ctx

    def forms_valid(self, form, formsets):
        response = super().forms_valid(form, formsets)
        file_formset = formsets.get("file_formset")
        for said in file_formset.said if file_formset else []:
            messages.info(self.request, said)
        return response

    def forms_invalid(self, form, formsets):
        images = formsets["image_formset"].mark_uploads_not_saved()
        if images:
            messages.warning(
                self.request,
                f"Nothing was saved, so choose the image again under Images: "
                f"{', '.join(images)}.",
            )
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
