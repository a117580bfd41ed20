from django.urls import path
from oscar.apps.catalogue.reviews import apps
from oscar.core.loading import get_class


class CatalogueReviewsConfig(apps.CatalogueReviewsConfig):
    name = "shop.apps.catalogue.reviews"

    def ready(self):
        super().ready()
        self.bought_view = get_class(
            "catalogue.reviews.views", "CreateBoughtProductReview"
        )

    def get_urls(self):
        # A guest buyer's signed link to review what their order bought.
        return [
            *super().get_urls(),
            *self.post_process_urls(
                [
                    path(
                        "add/<str:token>/",
                        self.bought_view.as_view(),
                        name="reviews-add-bought",
                    )
                ]
            ),
        ]
