from django.views.generic import TemplateView
from oscar.core.loading import get_model

Product = get_model("catalogue", "Product")


class HomeView(TemplateView):
    template_name = "content/home.html"
    featured_count = 8

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["products"] = Product.objects.listed()[: self.featured_count]
        return context
