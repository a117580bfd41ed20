from django.db.models import Case, IntegerField, When
from oscar.core.loading import get_model

from content.articles.models import Article
from shop import pagecache
from shop.apps.search import engine
from shop.apps.search.views.catalogue import ProductListView

SearchDocument = get_model("search", "SearchDocument")

QUERY_MAX_CHARS = 200


def _in_order(queryset, ids):
    """queryset's rows among ids, in the order of ids."""
    if not ids:
        return queryset.none()
    order = Case(
        *(When(pk=pk, then=position) for position, pk in enumerate(ids)),
        output_field=IntegerField(),
    )
    return queryset.filter(pk__in=ids).order_by(order)


class ProductSearchView(pagecache.CachedPageMixin, ProductListView):
    """Printables and published articles that hold the words searched for,
    best first; printables before articles when the words name one. Each
    search's pages are kept in the page cache until the content changes."""

    page_cache_params = ("q", "page")

    articles_shown = 10

    template_name = "oscar/search/results.html"

    def query(self) -> str:
        return self.request.GET.get("q", "").strip()[:QUERY_MAX_CHARS]

    def first_page_url(self):
        return "search:search"

    def found(self) -> engine.Found:
        if not hasattr(self, "_found"):
            self._found = engine.search(self.query())
        return self._found

    def get_queryset(self):
        ids = self.found().ids(SearchDocument.Kind.PRODUCT)
        return _in_order(super().get_queryset(), ids)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        found = self.found()
        articles = _in_order(
            Article.objects.published().for_list(),
            found.ids(SearchDocument.Kind.ARTICLE),
        )[: self.articles_shown]
        context.update(
            query=self.query(),
            articles=articles,
            corrected=" ".join(found.corrected) if found.corrected else "",
            products_first=found.names_a_product() or not articles,
        )
        return context
