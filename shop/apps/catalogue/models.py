from oscar.apps.catalogue.abstract_models import AbstractProduct

from shop.apps.catalogue.managers import ProductQuerySet


class Product(AbstractProduct):
    objects = ProductQuerySet.as_manager()


from oscar.apps.catalogue.models import *  # noqa: E402,F403
