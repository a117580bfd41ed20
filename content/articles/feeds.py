from django.conf import settings
from django.contrib.syndication.views import Feed
from django.urls import reverse_lazy
from django.utils.feedgenerator import Atom1Feed

from content.articles.models import Article

FEED_LENGTH = 20


class ArticleFeed(Feed):
    feed_type = Atom1Feed
    title = f"{settings.OSCAR_SHOP_NAME} articles"
    subtitle = "Gentle articles about micro habits."
    link = reverse_lazy("articles:list")

    def items(self):
        return Article.objects.published().for_list()[:FEED_LENGTH]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.summary

    def item_author_name(self, item):
        return item.author_name

    def item_pubdate(self, item):
        return item.publish_at

    def item_updateddate(self, item):
        return item.updated_at
