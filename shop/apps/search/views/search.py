from oscar.core.loading import get_class

from content.articles.models import Article
from shop.apps.search.views.catalogue import ProductListView

SearchForm = get_class("search.forms", "SearchForm")


class ProductSearchView(ProductListView):
    """Products whose title or description holds every word searched for,
    and the published articles that hold them, so one box finds both."""

    articles_shown = 10

    template_name = "oscar/search/results.html"

    def query(self) -> str:
        return self.request.GET.get("q", "").strip()[:200]

    def first_page_url(self):
        return "search:search"

    def get_queryset(self):
        return super().get_queryset().matching(self.query())

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["query"] = self.query()
        context["articles"] = (
            Article.objects.published().matching(self.query()).for_list()
        )[: self.articles_shown]
        return context
