from django.urls import path

from content.articles import feeds, views

app_name = "articles"

urlpatterns = [
    path("", views.ArticleListView.as_view(), name="list"),
    path("feed.xml", feeds.ArticleFeed(), name="feed"),
    path("series/<slug:slug>/", views.SeriesView.as_view(), name="series"),
    path("topics/<slug:slug>/", views.TopicView.as_view(), name="topic"),
    path("<slug:slug>/", views.ArticleView.as_view(), name="detail"),
]
