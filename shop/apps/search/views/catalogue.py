"""The catalogue lists, read straight from the database.

Oscar lists products through haystack; with haystack's simple engine the lists
came back empty although the products existed. A shop of a handful of
printables needs no search index: these views list `Product.objects.listed()`,
so every list shows exactly what the database holds, with nothing to rebuild.
"""

from urllib.parse import unquote

from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpResponsePermanentRedirect
from django.shortcuts import get_object_or_404, redirect
from django.views.generic import ListView
from oscar.core.loading import get_model

from shop import pagecache

Product = get_model("catalogue", "Product")
Category = get_model("catalogue", "Category")


class ProductListView(ListView):
    context_object_name = "products"
    paginate_by = settings.OSCAR_PRODUCTS_PER_PAGE

    def get(self, request, *args, **kwargs):
        try:
            return super().get(request, *args, **kwargs)
        except Http404:
            messages.error(request, "That page number does not exist.")
            return redirect(self.first_page_url())

    def get_queryset(self):
        return Product.objects.listed()


class CatalogueView(pagecache.CachedPageMixin, ProductListView):
    """All products."""

    page_cache_params = ("page",)

    template_name = "oscar/catalogue/browse.html"

    def first_page_url(self):
        return "catalogue:index"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["summary"] = "All printables"
        return context


class CategoryProductsView(ProductListView):
    """The products of one category and the categories below it."""

    template_name = "oscar/catalogue/category.html"

    def get(self, request, *args, **kwargs):
        self.category = get_object_or_404(Category, pk=kwargs["pk"])
        if not (self.category.is_public or request.user.is_staff):
            raise Http404
        expected_path = self.category.get_absolute_url()
        if unquote(expected_path) != unquote(request.path):
            return HttpResponsePermanentRedirect(expected_path)
        return super().get(request, *args, **kwargs)

    def first_page_url(self):
        return self.category.get_absolute_url()

    def get_queryset(self):
        return super().get_queryset().in_category(self.category)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["category"] = self.category
        context["summary"] = self.category.name
        return context


class ProductCategoryView(pagecache.CachedPageMixin, CategoryProductsView):
    """A category's page; anonymous readers get it from the page cache, so
    the category is looked up only when the page is rendered."""

    page_cache_params = ("page",)
