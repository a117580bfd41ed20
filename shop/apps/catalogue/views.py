from django.views.generic import ListView
from oscar.apps.catalogue.views import *  # noqa: F403
from oscar.core.loading import get_model

Category = get_model("catalogue", "Category")


class CategoryListView(ListView):
    """Every public category, in tree order, for browsing the shop by kind."""

    template_name = "oscar/catalogue/category_list.html"
    context_object_name = "categories"

    def get_queryset(self):
        return Category.objects.browsable().order_by("path")
