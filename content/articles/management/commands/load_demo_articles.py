from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand

from content.articles.demo import load_articles
from shop.demo.catalogue import STAFF_USERNAME


class Command(BaseCommand):
    help = (
        "Create the demo Micro Habits Series and its articles (safe to re-run; "
        "run load_demo first so the product cards find their products)."
    )

    def handle(self, *args, **options):
        author = get_user_model().objects.filter(username=STAFF_USERNAME).first()
        created = load_articles(author=author)
        for title in created:
            self.stdout.write(f"created  {title}")
        if not created:
            self.stdout.write("The demo articles are already there, left as they are.")
