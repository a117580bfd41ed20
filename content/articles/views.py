from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.views.generic import DetailView, ListView

from content.articles import rendering, seo
from content.articles.models import Article, Series, Topic
from shop import pagecache
from shop.attribution.article_views import record_article_view

ARTICLES_PER_PAGE = 12


class PaginatedArticles(pagecache.CachedPageMixin, ListView):
    page_cache_params = ("page",)
    paginate_by = ARTICLES_PER_PAGE
    context_object_name = "articles"

    def get(self, request, *args, **kwargs):
        try:
            return super().get(request, *args, **kwargs)
        except Http404:
            if "page" not in request.GET:
                raise
            messages.error(request, "That page number does not exist.")
            return redirect(request.path)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["canonical_url"] = seo.list_page_url(
            self.request, context.get("page_obj")
        )
        return context


class ArticleListView(PaginatedArticles):
    template_name = "articles/article_list.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            breadcrumbs=[("Home", reverse("home"))], **kwargs
        )

    def get_queryset(self):
        return Article.objects.published().for_list()


class TopicView(PaginatedArticles):
    template_name = "articles/topic_detail.html"

    def get_queryset(self):
        # Looked up here, not in get(): a page from the cache reads nothing.
        self.topic = get_object_or_404(Topic, slug=self.kwargs["slug"])
        return self.topic.articles.published().for_list()

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            topic=self.topic,
            collection=self.topic,
            breadcrumbs=_above_articles(),
            **kwargs,
        )


class SeriesView(pagecache.CachedPageMixin, DetailView):
    model = Series
    template_name = "articles/series_detail.html"
    context_object_name = "series"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            articles=self.object.reading_order(),
            canonical_url=seo.list_page_url(self.request),
            collection=self.object,
            breadcrumbs=_above_articles(),
            **kwargs,
        )


class ArticleView(pagecache.CachedPageMixin, DetailView):
    """The article as readers see it; staff also see drafts and block problems.

    Anonymous readers get it from the page cache (shop/pagecache). Views
    are counted in memory for cached and rendered pages alike
    (shop/attribution/article_views.py).
    """

    template_name = "articles/article_detail.html"
    context_object_name = "article"

    @classmethod
    def count_view(cls, request, kwargs):
        record_article_view(request, kwargs["slug"])

    def get_queryset(self):
        return (
            Article.objects.visible_to(self.request.user)
            .select_related("author", "series__pillar_guide")
            .prefetch_related("topics", "faqs", "related_products")
        )

    def get_context_data(self, **kwargs):
        article = self.object
        request = self.request
        series_articles = article.series.reading_order() if article.series else []
        previous_article, next_article = _neighbours(article, series_articles)
        trail = [("Home", reverse("home")), ("Articles", reverse("articles:list"))]
        if article.series:
            trail.append((article.series.name, article.series.get_absolute_url()))
        trail.append((article.title, article.get_absolute_url()))
        faqs = list(article.faqs.all())
        hero = article.hero_picture()
        return super().get_context_data(
            body=rendering.article_body(article, request=request),
            canonical_url=seo.absolute(request, article.get_absolute_url()),
            hero=hero,
            hero_url=seo.absolute(request, hero["largest"]) if hero else None,
            faqs=faqs,
            topics=list(article.topics.all()),
            previous_article=previous_article,
            next_article=next_article,
            is_preview=not article.is_public,
            # Product cards' forms name the article they were added from.
            reading_article=article.slug,
            show_problems=request.user.is_staff,
            breadcrumbs=trail[:-1],
            structured_data=[
                seo.article_data(article, request),
                seo.breadcrumb_data(trail, request),
                seo.faq_data(faqs) if faqs else None,
            ],
            **kwargs,
        )


def _above_articles():
    return [("Home", reverse("home")), ("Articles", reverse("articles:list"))]


def _neighbours(article, series_articles):
    ids = [each.pk for each in series_articles]
    if article.pk not in ids:
        return None, None
    index = ids.index(article.pk)
    previous_article = series_articles[index - 1] if index > 0 else None
    following = index + 1 < len(series_articles)
    return previous_article, series_articles[index + 1] if following else None
