from django.views.generic import TemplateView
from oscar.core.loading import get_model

from content.articles.models import Article
from shop import pagecache

Product = get_model("catalogue", "Product")


class HomeView(pagecache.CachedPageMixin, TemplateView):
    template_name = "content/home.html"
    featured_count = 8
    latest_articles_count = 3

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["products"] = Product.objects.listed()[: self.featured_count]
        context["latest_articles"] = Article.objects.published().for_list()[
            : self.latest_articles_count
        ]
        return context
