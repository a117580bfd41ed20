from django.db.models import Q
from oscar.apps.catalogue.managers import ProductQuerySet as OscarProductQuerySet


class ProductQuerySet(OscarProductQuerySet):
    """What the shop's public lists show, written once for every list."""

    def listed(self):
        """Products a visitor can browse, with what a product card needs."""
        return self.browsable().base_queryset().order_by("-priority", "title", "pk")

    def in_category(self, category):
        """Products in a category or in any category below it."""
        categories = category.get_descendants_and_self()
        return self.filter(categories__in=categories).distinct()

    def matching(self, query: str):
        """Products whose title or description contains every word of query."""
        matched = self
        for word in query.split():
            matched = matched.filter(
                Q(title__icontains=word) | Q(description__icontains=word)
            )
        return matched
