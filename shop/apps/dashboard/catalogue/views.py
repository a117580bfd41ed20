"""The dashboard's catalogue pages, with what a shop of files needs.

Loaded by Oscar through get_class("dashboard.catalogue.views", ...).
"""

from django.contrib import messages
from oscar.apps.dashboard.catalogue import views
from oscar.core.loading import get_model

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
    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        # The "no file: not on sale" notice at the top of the page.
        product = self.object
        ctx["not_on_sale_without_file"] = (
            product is not None and not product.is_parent and not has_files(product)
        )
        return ctx

    def forms_invalid(self, form, formsets):
        not_saved = formsets["image_formset"].mark_uploads_not_saved()
        if not_saved:
            messages.warning(
                self.request,
                f"Nothing was saved, so choose the image again under Images: "
                f"{', '.join(not_saved)}.",
            )
        return super().forms_invalid(form, formsets)
